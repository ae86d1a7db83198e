// Who has seen my record (audit log, staff as role + staff ID), legal disclosures with and without a
// notification prohibition (held client notice sent by the job after the end date), the accounting of
// disclosures, and right-of-access exports (family rules, one running export, FHIR R4 Bundle, pick-up e-mail).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditMemberRecord } from '../../src/privacy/audit';
import { sendHeldNotifications } from '../../src/privacy/disclosures-service';
import { staffIdOf } from '../../src/privacy/record-access-service';
import { buildQueuedExports } from '../../src/privacy/record-export-service';
import { insertExport, startExport } from '../../src/privacy/repo';
import { createTestApp, type TestApp } from '../harness';
import { signInAs } from '../sign-in';
import { courtOrder, logLegalRequest, privacyOfficeCast, signedIn } from './helpers';

let t: TestApp;
let officer: Awaited<ReturnType<typeof signedIn>>;
let world: Awaited<ReturnType<typeof privacyOfficeCast>>['world'];
let client: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-03-02T15:00:00Z') });
  ({ officer, world, client } = await privacyOfficeCast(t));
});
afterAll(() => t.close());

describe('who has seen my record', () => {
  it('lists every access with role, staff ID (no name), organization and purpose', async () => {
    const cs = await signedIn(t, 'customer_service');
    const reviewer = await signedIn(t, 'clinical_reviewer');
    const minor = world.family.minorDependent.id;
    await auditMemberRecord(t.deps, { userId: cs.userId, role: 'customer_service' }, null, {
      action: 'viewed',
      resourceType: 'claims',
      resourceId: 'x',
      memberId: minor,
    });
    await auditMemberRecord(t.deps, { userId: reviewer.userId, role: 'clinical_reviewer' }, null, {
      action: 'viewed',
      resourceType: 'prior_authorization',
      resourceId: 'y',
      memberId: world.family.subscriber.id,
    });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/privacy/record-accesses?memberId=${minor}`,
      headers: world.parent.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().accesses).toEqual([
      {
        id: expect.any(String),
        at: '2026-03-02T15:00:00.000Z',
        role: 'Customer service',
        staffId: staffIdOf(cs.userId),
        organization: 'OpenPBM',
        purpose: 'Treatment',
        action: 'Viewed',
        what: 'Claims',
      },
    ]);
    expect(res.body).not.toContain('Test customer_service');
    // The parent's own record holds the reviewer's access, not the child's.
    const own = await t.app.inject({
      method: 'GET',
      url: '/api/privacy/record-accesses',
      headers: world.parent.headers,
    });
    expect(own.json().accesses.map((a: { role: string }) => a.role)).toEqual(['Clinical reviewer']);
    // Reading the list is itself recorded: the next visit shows "You".
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/privacy/record-accesses',
      headers: world.parent.headers,
    });
    expect(again.json().accesses[0]).toMatchObject({ role: 'You', staffId: null, what: 'Record accesses' });
  });

  it('answers 404 for an adult family member and for another family; 403 for staff', async () => {
    const adult = await t.app.inject({
      method: 'GET',
      url: `/api/privacy/record-accesses?memberId=${world.family.adultDependent.id}`,
      headers: world.parent.headers,
    });
    expect(adult.statusCode).toBe(404);
    const parentFromChild = await t.app.inject({
      method: 'GET',
      url: `/api/privacy/record-accesses?memberId=${world.family.subscriber.id}`,
      headers: world.adult.headers,
    });
    expect(parentFromChild.statusCode).toBe(404);
    const staff = await t.app.inject({
      method: 'GET',
      url: '/api/privacy/record-accesses',
      headers: officer.headers,
    });
    expect(staff.statusCode).toBe(403);
  });
});

const order = (over: Record<string, unknown> = {}) =>
  courtOrder(world.family.subscriber.memberNumber, ['profile', 'claims'], over);

describe('right of access', () => {
  it('answers 404 for someone the member has no right to', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/record-exports',
      headers: world.parent.headers,
      payload: { memberId: world.family.adultDependent.id },
    });
    expect(res.statusCode).toBe(404);
  });

  it('returns the running export to a second request', async () => {
    // An export that a builder is working on right now (the request's own build is not started here).
    const running = await insertExport(
      t.db.db,
      world.family.adultDependent.id,
      world.adult.userId,
      t.deps.now(),
    );
    await startExport(t.db.db, running?.id ?? '');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/record-exports',
      headers: world.adult.headers,
      payload: {},
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: running?.id, status: 'running' });
  });

  it('builds a FHIR Bundle and e-mails a pick-up link', async () => {
    // Build queued exports through the job alone: the request's own background build is raced on purpose.
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/record-exports',
      headers: world.parent.headers,
      payload: { memberId: world.family.minorDependent.id },
    });
    expect(first.statusCode).toBe(202);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/record-exports',
      headers: world.parent.headers,
      payload: { memberId: world.family.minorDependent.id },
    });
    const id = first.json().id;
    if (second.statusCode === 200) expect(second.json().id).toBe(id);
    await buildQueuedExports(t.deps);
    const mail = await t.mailbox.waitFor((m) => m.to.includes(world.parent.email) && m.text.includes(id));
    expect(mail.text).toContain(`/members/privacy/exports/${id}`);
    const status = await t.app.inject({
      method: 'GET',
      url: `/api/privacy/record-exports/${id}`,
      headers: world.parent.headers,
    });
    expect(status.json()).toMatchObject({ status: 'ready', progress: 100 });

    const bundle = await t.app.inject({
      method: 'GET',
      url: `/api/privacy/record-exports/${id}/bundle`,
      headers: world.parent.headers,
    });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toContain('application/fhir+json');
    const json = bundle.json();
    expect(json).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const types = new Set(
      json.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType),
    );
    expect(types).toEqual(new Set(['Patient', 'Coverage', 'AuditEvent']));
    const patient = json.entry[0].resource;
    expect(patient).toMatchObject({ resourceType: 'Patient', birthDate: '2012-08-30' });
    expect(patient.identifier[0].value).toBe(world.family.minorDependent.memberNumber);

    // Only the requester can fetch it: the adult dependent gets 404.
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/privacy/record-exports/${id}/bundle`,
      headers: world.adult.headers,
    });
    expect(other.statusCode).toBe(404);
  });
});

describe('legal disclosures and the accounting of disclosures', () => {
  it('refuses a disclosure without a legal basis, and a prohibition without an end date', async () => {
    const noBasis = await logLegalRequest(t, officer.headers, order({ legalBasis: '' }));
    expect(noBasis.statusCode).toBe(400);
    expect(noBasis.json().errors.map((e: { field: string }) => e.field)).toEqual(['legalBasis']);
    const noEnd = await logLegalRequest(
      t,
      officer.headers,
      order({ notificationProhibited: true, prohibitionBasis: '18 U.S.C. 2705(b)' }),
    );
    expect(noEnd.statusCode).toBe(400);
    expect(noEnd.json().errors.map((e: { field: string }) => e.field)).toEqual(['prohibitedUntil']);
    const unknown = await logLegalRequest(t, officer.headers, order({ memberNumbers: ['OPBNOSUCH001'] }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('memberNumbers');
  });

  it('lets only the privacy officer log one', async () => {
    for (const role of ['admin', 'customer_service', 'account_team'] as const) {
      const who = await signedIn(t, role);
      const res = await logLegalRequest(t, who.headers, order());
      expect(res.statusCode).toBe(403);
    }
  });

  it('tells the client at once and shows the disclosure in the member’s accounting', async () => {
    const res = await logLegalRequest(t, officer.headers, order());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ members: 1, notificationProhibited: false });
    expect(res.json().clientsNotifiedAt).not.toBeNull();
    const mail = await t.mailbox.waitFor((m) => m.to.includes(client.email));
    expect(mail.text).not.toContain(world.family.subscriber.memberNumber);
    expect(mail.text).not.toContain('Avery');
    const acc = await t.app.inject({
      method: 'GET',
      url: '/api/privacy/disclosures',
      headers: world.parent.headers,
    });
    expect(acc.json().since).toBe('2020-03-02');
    expect(acc.json().disclosures).toEqual([
      expect.objectContaining({
        disclosedOn: '2026-03-02',
        recipient: 'Cook County Circuit Court',
        purpose: 'Required by law: court order',
        whatDisclosed: 'Pharmacy claims 2025',
      }),
    ]);
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/privacy/disclosures.csv',
      headers: world.parent.headers,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('"Cook County Circuit Court"');
  });

  it('holds the client notice and the accounting line while notification is prohibited, then the job sends it', async () => {
    t.mailbox.clear();
    const res = await logLegalRequest(
      t,
      officer.headers,
      order({
        kind: 'subpoena',
        requester: 'Grand jury, N.D. Ill.',
        memberNumbers: [world.family.minorDependent.memberNumber],
        notificationProhibited: true,
        prohibitionBasis: 'Non-disclosure order under 18 U.S.C. 2705(b)',
        prohibitedUntil: '2026-04-15',
      }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().clientsNotifiedAt).toBeNull();
    const childAccounting = () =>
      t.app.inject({
        method: 'GET',
        url: `/api/privacy/disclosures?memberId=${world.family.minorDependent.id}`,
        headers: world.parent.headers,
      });
    expect((await childAccounting()).json().disclosures).toEqual([]);
    expect(await sendHeldNotifications(t.deps)).toEqual({ requests: 0, emails: 0 });
    expect(t.mailbox.to(client.email)).toEqual([]);

    t.setNow(new Date('2026-04-15T15:00:00Z'));
    // Six weeks on, the parent signs in again (the old session has long timed out).
    world.parent.headers = (await signInAs(t, world.parent.userId)).headers;
    expect(await sendHeldNotifications(t.deps)).toEqual({ requests: 1, emails: 1 });
    expect(await sendHeldNotifications(t.deps)).toEqual({ requests: 0, emails: 0 });
    await t.mailbox.waitFor((m) => m.to.includes(client.email));
    expect((await childAccounting()).json().disclosures).toEqual([
      expect.objectContaining({ recipient: 'Grand jury, N.D. Ill.', purpose: 'Required by law: subpoena' }),
    ]);
  });
});
