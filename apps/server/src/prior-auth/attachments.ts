// Attachments: the type comes from the file's first bytes (PDF, PNG, JPEG), never from the name or the
// browser; size is capped; the bytes are encrypted (AES-256-GCM with the field key, the attachment id as
// additional data) before they reach the database. Content never goes to logs or e-mails.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { FieldKey } from '@openpbm/db/field-crypto';
import type { AttachmentContentType } from '@openpbm/db/schema/prior-auth-workflow';
import { badRequest } from '../platform/problem';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_CASE = 10;

const SIGNATURES: Array<{ type: AttachmentContentType; bytes: number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

export function sniffContentType(content: Uint8Array): AttachmentContentType | null {
  return SIGNATURES.find((s) => s.bytes.every((byte, i) => content[i] === byte))?.type ?? null;
}

// A flat character class (no nested repetition: megabytes of input must not exhaust the regex engine).
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes and checks an upload; 400 with a field error for anything but a PDF/PNG/JPEG of at most 5 MiB. */
export function decodeUpload(contentBase64: string): { content: Buffer; contentType: AttachmentContentType } {
  const compact = contentBase64.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw badRequest('The file could not be read.', [{ field: 'contentBase64', message: 'Must be base64' }]);
  }
  const content = Buffer.from(compact, 'base64');
  if (content.length === 0) {
    throw badRequest('The file is empty.', [{ field: 'contentBase64', message: 'The file is empty' }]);
  }
  if (content.length > MAX_ATTACHMENT_BYTES) {
    throw badRequest('The file is too large.', [
      { field: 'contentBase64', message: 'Attach files of at most 5 MB' },
    ]);
  }
  const contentType = sniffContentType(content);
  if (!contentType) {
    throw badRequest('This kind of file cannot be attached.', [
      { field: 'contentBase64', message: 'Attach a PDF, PNG or JPEG file' },
    ]);
  }
  return { content, contentType };
}

export const sha256Hex = (content: Uint8Array): string => createHash('sha256').update(content).digest('hex');

const aad = (attachmentId: string) => Buffer.from(`prior_auth_attachments.content:${attachmentId}`);

/** iv (12) || ciphertext || tag (16). */
export function encryptAttachment(key: FieldKey, attachmentId: string, content: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.encryptionKey, iv);
  cipher.setAAD(aad(attachmentId));
  const body = Buffer.concat([cipher.update(content), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

export function decryptAttachment(key: FieldKey, attachmentId: string, stored: Buffer): Buffer {
  const iv = stored.subarray(0, 12);
  const tag = stored.subarray(stored.length - 16);
  const decipher = createDecipheriv('aes-256-gcm', key.encryptionKey, iv);
  decipher.setAAD(aad(attachmentId));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(stored.subarray(12, stored.length - 16)), decipher.final()]);
}

/** A file name safe for a Content-Disposition header (ASCII, no quotes). */
export function dispositionName(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return ascii.slice(0, 150) || 'attachment';
}
