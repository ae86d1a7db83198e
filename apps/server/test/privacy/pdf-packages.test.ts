// PDFs of the privacy office and the disclosure package: the right-of-access export and the accounting of
// disclosures as PDF (fetched in the signed-in portal, never attached to an e-mail), a legal request's package
// (only the members and parts of the record in scope, FHIR Bundle + PDF, audited), and the client portal message
// that goes with the client e-mail, held like the e-mail while notification is prohibited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendHeldNotifications } from '../../src/privacy/disclosures-service';
import { buildQueuedExports } from '../../src/privacy/record-export-service';
import { createTestApp, type TestApp } from '../harness';
import { parsePdf } from '../platform/pdf-text';
import { signInAs } from '../sign-in';
import { courtOrder, insertPaidClaim, logLegalRequest, privacyOfficeCast, signedIn } from './helpers';

let t: TestApp;
let officer: Awaited<ReturnType<typeof signedIn>>;
let world: Awaited<ReturnType<typeof privacyOfficeCast>>['world'];
let client: Awaited<ReturnType<typeof signedIn>>;
let legalRequestId: string;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-03-02T15:00:00Z') });
  ({ officer, world, client } = await privacyOfficeCast(t));
  await insertPaidClaim(t, world.family.subscriber.id, world.family.clientId, '2025-06-01', 1);
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
const order = (over: Record<string, unknown> = {}) =>
  courtOrder(world.family.subscriber.memberNumber, ['claims'], over);

describe('right of access and accounting as PDF', () => {
  it('the finished export reads back as a PDF with the member’s record; the e-mail only links to it', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/record-exports',
      headers: world.parent.headers,
      payload: {},
    });
    const id = started.json().id;
    await buildQueuedExports(t.deps);
    const mail = await t.mailbox.waitFor((m) => m.to.includes(world.parent.email) && m.text.includes(id));
    // A link and nothing else: no attached file, no record in the text.
    expect(mail.text).not.toContain('%PDF');
    expect(mail.text.length).toBeLessThan(400);
    expect(mail.text).not.toContain(world.family.subscriber.memberNumber);

    const res = await get(`/api/privacy/record-exports/${id}/pdf`, world.parent.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toContain('no-store');
    const pdf = await parsePdf(res.rawPayload);
    expect(pdf.tagged).toBe(true);
    expect(pdf.text).toContain('Your OpenPBM record');
    expect(pdf.text).toContain(`Member ID: ${world.family.subscriber.memberNumber}`);
    expect(pdf.text).toContain('Date of birth: 1980-05-17');
    expect(pdf.text).toContain('Pharmacy claims');
    expect(pdf.text).toContain('00093105001');
    expect(pdf.text).toContain('Generated 2026-03-02 15:00 UTC');

    // Only the requester: the adult dependent gets 404, staff 403.
    expect((await get(`/api/privacy/record-exports/${id}/pdf`, world.adult.headers)).statusCode).toBe(404);
    expect((await get(`/api/privacy/record-exports/${id}/pdf`, officer.headers)).statusCode).toBe(403);
  });

  it('the accounting of disclosures downloads as a PDF', async () => {
    const logged = await logLegalRequest(t, officer.headers, order());
    expect(logged.statusCode).toBe(201);
    expect(logged.json().sectionsInScope).toEqual(['claims']);
    legalRequestId = logged.json().id;
    const res = await get('/api/privacy/disclosures.pdf', world.parent.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('accounting-of-disclosures.pdf');
    const pdf = await parsePdf(res.rawPayload);
    expect(pdf.text).toContain('Accounting of disclosures');
    expect(pdf.text).toContain('Cook County Circuit Court');
    expect(pdf.text).toContain('Required by law: court order');
    expect(pdf.text).toContain('since 2020-03-02');
    const adult = await get(
      `/api/privacy/disclosures.pdf?memberId=${world.family.adultDependent.id}`,
      world.parent.headers,
    );
    expect(adult.statusCode).toBe(404);
  });
});

describe('disclosure package', () => {
  it('refuses a request without any part of the record in scope', async () => {
    const res = await logLegalRequest(t, officer.headers, order({ sectionsInScope: [] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['sectionsInScope']);
  });

  it('holds only the records in scope, as a FHIR Bundle and a PDF, and audits each production', async () => {
    const bundle = await get(`/api/privacy/legal-requests/${legalRequestId}/package`, officer.headers);
    expect(bundle.statusCode).toBe(200);
    const json = bundle.json();
    expect(json).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const types = json.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType);
    expect(types).toEqual(['Claim']);
    expect(bundle.body).not.toContain('1980-05-17');
    expect(bundle.body).not.toContain(world.family.adultDependent.id);

    const file = await get(`/api/privacy/legal-requests/${legalRequestId}/package.pdf`, officer.headers);
    expect(file.statusCode).toBe(200);
    const pdf = await parsePdf(file.rawPayload);
    expect(pdf.text).toContain('Disclosure package: court order');
    expect(pdf.text).toContain(`Member ${world.family.subscriber.memberNumber}`);
    expect(pdf.text).toContain('Pharmacy claims:');
    expect(pdf.text).toContain('00093105001');
    expect(pdf.text).not.toContain('Date of birth');
    expect(pdf.text).not.toContain('Prescriptions:');

    const audit = await t.db.sql.query<{ n: number }>(
      `select count(*)::int as n from audit_events
        where action = 'produced_disclosure_package' and resource_id = $1 and member_id = $2`,
      [legalRequestId, world.family.subscriber.id],
    );
    expect(audit.rows[0]?.n).toBe(2);
  });

  it('is the privacy officer’s alone', async () => {
    for (const who of [world.parent, client, await signedIn(t, 'customer_service')]) {
      const res = await get(`/api/privacy/legal-requests/${legalRequestId}/package.pdf`, who.headers);
      expect(res.statusCode).toBe(403);
    }
    const missing = await get(
      '/api/privacy/legal-requests/01900000-0000-7000-8000-000000000000/package',
      officer.headers,
    );
    expect(missing.statusCode).toBe(404);
  });
});

describe('client portal message', () => {
  it('reaches the affected client’s users with the e-mail, naming no member', async () => {
    const inbox = await get('/api/privacy/client-messages', client.headers);
    expect(inbox.statusCode).toBe(200);
    expect(inbox.json()).toEqual([
      expect.objectContaining({ subject: 'A legal disclosure involved members of your plan' }),
    ]);
    const body = inbox.json()[0].body as string;
    expect(body).toContain('1 member of your plan');
    expect(body).toContain('Court order');
    expect(body).not.toContain(world.family.subscriber.memberNumber);
    expect(body).not.toContain('Avery');
    // Another client's user sees nothing; a member may not read the inbox.
    const other = await signedIn(t, 'client_user', { clientId: await otherClientId() });
    expect((await get('/api/privacy/client-messages', other.headers)).json()).toEqual([]);
    expect((await get('/api/privacy/client-messages', world.parent.headers)).statusCode).toBe(403);
  });

  it('is held with the e-mail while notification is prohibited, then posted once by the job', async () => {
    const held = await logLegalRequest(
      t,
      officer.headers,
      order({
        kind: 'subpoena',
        requester: 'Grand jury, N.D. Ill.',
        notificationProhibited: true,
        prohibitionBasis: 'Non-disclosure order under 18 U.S.C. 2705(b)',
        prohibitedUntil: '2026-04-15',
      }),
    );
    expect(held.statusCode).toBe(201);
    const subjects = async () =>
      (await get('/api/privacy/client-messages', client.headers)).json().map((m: { body: string }) => m.body);
    expect((await subjects()).some((b: string) => b.includes('Grand jury'))).toBe(false);
    t.setNow(new Date('2026-04-15T15:00:00Z'));
    client.headers = (await signInAs(t, client.userId)).headers;
    expect(await sendHeldNotifications(t.deps)).toEqual({ requests: 1, emails: 1 });
    await sendHeldNotifications(t.deps);
    const now = await subjects();
    expect(now.filter((b: string) => b.includes('Grand jury'))).toHaveLength(1);
  });
});

async function otherClientId(): Promise<string> {
  const { rows } = await t.db.sql.query<{ id: string }>(
    `insert into clients (id, code, name) values ('01900000-0000-7000-8000-0000000000c2', 'C-OTHER', 'Other Co')
     returning id`,
  );
  return rows[0]?.id ?? '';
}
