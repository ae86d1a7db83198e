// Documents with a PAS request: DocumentReference entries with an inline PDF / PNG / JPEG are kept with the pended
// case (the prescriber portal and the clinicians see them); a file of another kind or a document by URL is a 400
// naming the attachment, and no case is opened.
import { schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaWorld, type PaWorld } from '../prior-auth/pa-world';
import { claimResponseOf, type Json, pasBundle, post } from './pas-fixtures';

let w: PaWorld;
beforeAll(async () => {
  w = await createPaWorld();
}, 120_000);
afterAll(async () => w?.t.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').toString('base64');

function withDocument(bundle: Json, attachment: Json): Json {
  return {
    ...bundle,
    entry: [
      ...(bundle.entry as Json[]),
      {
        fullUrl: 'urn:uuid:33333333-3333-4333-8333-333333333333',
        resource: {
          resourceType: 'DocumentReference',
          status: 'current',
          content: [{ attachment }],
        },
      },
    ],
  };
}

const casesOf = async (memberId: string) =>
  w.t.deps.db.db
    .select({ id: schema.priorAuthorizations.id })
    .from(schema.priorAuthorizations)
    .where(eq(schema.priorAuthorizations.memberId, memberId));

describe('Claim/$submit with documents', () => {
  it('keeps an inline PDF with the pended case', { timeout: 90_000 }, async () => {
    const bundle = withDocument(pasBundle(w, w.f.members.single), {
      contentType: 'application/pdf',
      title: 'chart-notes.pdf',
      data: PDF,
    });
    const res = await post(w, 'prescriber', '$submit', bundle);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const cr = claimResponseOf(res.body);
    expect(cr.outcome).toBe('queued');
    const detail = await w.call('prescriber', 'GET', `/api/prior-auth/prescriber/cases/${cr.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.attachments).toMatchObject([
      { fileName: 'chart-notes.pdf', contentType: 'application/pdf' },
    ]);
  });

  it('refuses a text file or a document by URL, naming it; no case is opened', async () => {
    const member = w.f.members.spouse;
    const text = await post(
      w,
      'prescriber',
      '$submit',
      withDocument(pasBundle(w, member), {
        contentType: 'text/plain',
        data: Buffer.from('hi').toString('base64'),
      }),
    );
    expect(text.status).toBe(400);
    expect(text.body).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ expression: ['Bundle.entry[2].resource.content[0].attachment.data'] }],
    });
    const byUrl = await post(
      w,
      'prescriber',
      '$submit',
      withDocument(pasBundle(w, member), { url: 'https://ehr.example/doc/1' }),
    );
    expect(byUrl.status).toBe(400);
    expect(JSON.stringify(byUrl.body)).toContain('attachment.data');
    expect(await casesOf(member.id)).toHaveLength(0);
  });
});
