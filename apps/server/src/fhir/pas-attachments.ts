// Documents sent with a PAS request: DocumentReference entries of the request Bundle whose content carries the
// file inline (attachment.data, base64). Pure: the file checks (PDF, PNG or JPEG by its first bytes, at most
// 5 MiB, at most 10 per case) are the prescriber portal's own (prior-auth/attachments.ts), run before any case
// is opened so a bad document leaves nothing behind. A document by URL only is refused: the server fetches nothing.
import { MAX_ATTACHMENTS_PER_CASE } from '../prior-auth/attachments';
import { FhirError } from './operation-outcome';

export interface PasDocument {
  /** FHIRPath of the attachment, for error messages. */
  path: string;
  fileName: string;
  contentBase64: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readPasDocuments(entries: unknown[]): PasDocument[] {
  const documents: PasDocument[] = [];
  entries.forEach((entry, i) => {
    const resource = isObject(entry) ? entry.resource : null;
    if (!isObject(resource) || resource.resourceType !== 'DocumentReference') return;
    const path = `Bundle.entry[${i}].resource.content[0].attachment`;
    const content = Array.isArray(resource.content) ? resource.content[0] : null;
    const attachment = isObject(content) ? content.attachment : null;
    const data = isObject(attachment) && typeof attachment.data === 'string' ? attachment.data : null;
    if (!data) {
      throw new FhirError(
        400,
        'required',
        `${path}.data: send the document inline (base64); documents by URL are not fetched.`,
        [`${path}.data`],
      );
    }
    const title = isObject(attachment) && typeof attachment.title === 'string' ? attachment.title.trim() : '';
    const fileName = (title || `document-${documents.length + 1}`).replace(/[/\\]/g, '-').slice(0, 200);
    documents.push({ path: `${path}.data`, fileName, contentBase64: data });
  });
  if (documents.length > MAX_ATTACHMENTS_PER_CASE) {
    throw new FhirError(
      400,
      'too-costly',
      `Bundle.entry: a request holds at most ${MAX_ATTACHMENTS_PER_CASE} documents.`,
      ['Bundle.entry'],
    );
  }
  return documents;
}
