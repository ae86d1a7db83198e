// Privacy notices (publish, e-mail, acknowledge, older versions, merger or sale banner) and member choices,
// with the de-identified claims extract and report honouring the opt-out. Role boundaries: only the privacy
// officer publishes; only members acknowledge and choose, for themselves or a child they manage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness';
import { familyWithAccounts, insertPaidClaim, signedIn } from './helpers';

let t: TestApp;
let officer: Awaited<ReturnType<typeof signedIn>>;
let accountTeam: Awaited<ReturnType<typeof signedIn>>;
let world: Awaited<ReturnType<typeof familyWithAccounts>>;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-03-02T15:00:00Z') });
  officer = await signedIn(t, 'privacy_officer');
  accountTeam = await signedIn(t, 'account_team');
  world = await familyWithAccounts(t);
});
afterAll(() => t.close());

const notice = (over: Record<string, unknown> = {}) => ({
  title: 'Notice of privacy practices',
  bodyMarkdown: '# How we use your data\n\nWe use it to pay your claims.',
  summaryOfChanges: 'We now explain research uses.',
  effectiveDate: '2026-04-01',
  ...over,
});

describe('privacy notices', () => {
  it('refuses a notice without an effective date or summary, with a message on each field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/notices',
      headers: officer.headers,
      payload: notice({ effectiveDate: undefined, summaryOfChanges: '' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['effectiveDate', 'summaryOfChanges']);
  });

  it('lets only the privacy officer publish', async () => {
    for (const who of [accountTeam, world.parent]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/privacy/notices',
        headers: who.headers,
        payload: notice(),
      });
      expect(res.statusCode).toBe(403);
    }
  });

  it('publishes versions, keeps older ones public, e-mails every member and client user', async () => {
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/notices',
      headers: officer.headers,
      payload: notice(),
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().version).toBe(1);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/notices',
      headers: officer.headers,
      payload: notice({ summaryOfChanges: 'Version two: de-identified data opt-out.' }),
    });
    expect(second.json().version).toBe(2);

    const mail = await t.mailbox.waitFor(
      (m) => m.to.includes(world.parent.email) && m.text.includes('Version two'),
    );
    expect(mail.subject).toBe('We have updated our privacy notice');
    expect(mail.text).toContain('/members/privacy');
    const client = await signedIn(t, 'client_user', { clientId: world.family.clientId });
    // A client user created after publication is not in the mailing; the job's resume sends nothing twice.
    expect(t.mailbox.to(client.email)).toEqual([]);
    expect(t.mailbox.to(world.parent.email).filter((m) => m.text.includes('Version two'))).toHaveLength(1);

    const pub = await t.app.inject({ method: 'GET', url: '/api/privacy/notices' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().current.version).toBe(2);
    expect(pub.json().older.map((n: { version: number }) => n.version)).toEqual([1]);
    expect(pub.json().banner).toBeNull();
  });

  it('records a member’s acknowledgement of the current notice', async () => {
    const before = await t.app.inject({
      method: 'GET',
      url: '/api/privacy/my-notice',
      headers: world.parent.headers,
    });
    expect(before.json().acknowledgedAt).toBeNull();
    const id = before.json().current.id;
    const ack = await t.app.inject({
      method: 'POST',
      url: `/api/privacy/notices/${id}/acknowledgement`,
      headers: world.parent.headers,
    });
    expect(ack.statusCode).toBe(200);
    expect(ack.json().acknowledgedAt).toBe('2026-03-02T15:00:00.000Z');
    const officerAck = await t.app.inject({
      method: 'POST',
      url: `/api/privacy/notices/${id}/acknowledgement`,
      headers: officer.headers,
    });
    expect(officerAck.statusCode).toBe(403);
  });

  it('shows a merger or sale banner until the privacy officer ends it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/notices',
      headers: officer.headers,
      payload: notice({
        kind: 'business_transfer',
        title: 'OpenPBM joins Example Health',
        summaryOfChanges: 'Your data moves to Example Health.',
      }),
    });
    expect(res.statusCode).toBe(201);
    await t.mailbox.waitFor((m) => m.to.includes(world.adult.email) && m.subject.startsWith('Important'));
    const pub = await t.app.inject({ method: 'GET', url: '/api/privacy/notices' });
    expect(pub.json().banner.title).toBe('OpenPBM joins Example Health');
    expect(pub.json().current.version).toBe(2);
    const ended = await t.app.inject({
      method: 'POST',
      url: `/api/privacy/notices/${res.json().id}/end-banner`,
      headers: officer.headers,
    });
    expect(ended.json().bannerActive).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/privacy/notices' })).json().banner).toBeNull();
  });
});

describe('choices and de-identified data', () => {
  beforeAll(async () => {
    const { family } = world;
    let n = 0;
    // 12 claims each for the parent and the minor child: above the small-cell threshold together, not alone.
    for (const member of [family.subscriber, family.minorDependent]) {
      for (let i = 0; i < 12; i += 1) {
        n += 1;
        await insertPaidClaim(t, member.id, family.clientId, `2025-0${1 + (i % 9)}-1${i % 9}`, n);
      }
    }
  });

  const extract = (headers: Record<string, string>) =>
    t.app.inject({
      method: 'GET',
      url: `/api/privacy/deidentified/claims-extract?year=2025&clientId=${world.family.clientId}`,
      headers,
    });

  it('starts with no opt-out; the extract holds Safe Harbor columns only', async () => {
    const res = await extract(officer.headers);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rows).toHaveLength(24);
    expect(body.optedOutMembersLeftOut).toBe(0);
    const text = JSON.stringify(body.rows);
    for (const identifier of [
      world.family.subscriber.id,
      world.family.subscriber.memberNumber,
      '1980-05-17',
      '60614',
      'Avery',
      'RX1',
    ])
      expect(text).not.toContain(identifier);
    expect(body.rows[0]).toMatchObject({ serviceYear: 2025, memberZip3: '606', ndc: '00093105001' });
  });

  it('a parent opts their child out of de-identified data; the extract and the report leave the child out', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/privacy/choices',
      headers: world.parent.headers,
      payload: {
        memberId: world.family.minorDependent.id,
        marketingOptOut: false,
        researchOptOut: true,
        deidentifiedOptOut: true,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      memberId: world.family.minorDependent.id,
      deidentifiedOptOut: true,
      researchOptOut: true,
    });

    const body = (await extract(accountTeam.headers)).json();
    expect(body.rows).toHaveLength(12);
    expect(body.optedOutMembersLeftOut).toBe(1);

    const report = await t.app.inject({
      method: 'GET',
      url: `/api/privacy/deidentified/claims-report?year=2025&clientId=${world.family.clientId}`,
      headers: officer.headers,
    });
    expect(report.json().cells).toEqual([{ zip3: '606', tier: 1, claims: 12, suppressed: false }]);
  });

  it('suppresses cells below 11', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/privacy/choices',
      headers: world.parent.headers,
      payload: { marketingOptOut: true, researchOptOut: false, deidentifiedOptOut: false },
    });
    // The parent alone is 12 claims; with one claim moved to another year the cell drops to 11, then 10.
    const report = await t.app.inject({
      method: 'GET',
      url: `/api/privacy/deidentified/claims-report?year=2025&clientId=${world.family.clientId}`,
      headers: officer.headers,
    });
    expect(report.json().cells[0].claims).toBe(12);
    await t.db.sql.query(
      `update claims set date_of_service = '2024-06-01' where member_id = $1 and rx_number in ('RX1', 'RX2')`,
      [world.family.subscriber.id],
    );
    const small = await t.app.inject({
      method: 'GET',
      url: `/api/privacy/deidentified/claims-report?year=2025&clientId=${world.family.clientId}`,
      headers: officer.headers,
    });
    expect(small.json().cells).toEqual([{ zip3: '606', tier: 1, claims: null, suppressed: true }]);
  });

  it('keeps members, staff and other roles to their own boundaries', async () => {
    // An adult dependent's choices are their own: the parent gets 404, as for a stranger.
    const adult = await t.app.inject({
      method: 'GET',
      url: `/api/privacy/choices?memberId=${world.family.adultDependent.id}`,
      headers: world.parent.headers,
    });
    expect(adult.statusCode).toBe(404);
    expect((await extract(world.parent.headers)).statusCode).toBe(403);
    const cs = await signedIn(t, 'customer_service');
    expect((await extract(cs.headers)).statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/privacy/deidentified/claims-extract?year=abc',
      headers: officer.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('querystring.year');
  });
});
