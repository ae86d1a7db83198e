// Marketing and research opt-outs are honoured where the product selects members for those uses: the home-delivery
// invitation e-mail (account team) and the research claims extract (privacy officer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness';
import { familyWithAccounts, insertPaidClaim, signedIn } from './helpers';

let t: TestApp;
let officer: Awaited<ReturnType<typeof signedIn>>;
let accountTeam: Awaited<ReturnType<typeof signedIn>>;
let world: Awaited<ReturnType<typeof familyWithAccounts>>;

const email = (name: string) => `${name.toLowerCase()}@family.example`;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-03-02T15:00:00Z') });
  officer = await signedIn(t, 'privacy_officer');
  accountTeam = await signedIn(t, 'account_team');
  world = await familyWithAccounts(t);
  const { family } = world;
  for (const m of [family.subscriber, family.adultDependent, family.minorDependent, family.formerMember]) {
    await t.db.sql.query('update members set email = $1 where id = $2', [email(m.firstName), m.id]);
  }
  let n = 0;
  for (const member of [family.subscriber, family.adultDependent]) {
    for (let i = 0; i < 12; i += 1) {
      n += 1;
      await insertPaidClaim(t, member.id, family.clientId, `2025-0${1 + (i % 9)}-1${i % 9}`, n);
    }
  }
});
afterAll(() => t.close());

const choose = (headers: Record<string, string>, choices: Record<string, boolean>) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/privacy/choices',
    headers,
    payload: { marketingOptOut: false, researchOptOut: false, deidentifiedOptOut: false, ...choices },
  });
const invite = (headers = accountTeam.headers) =>
  t.app.inject({
    method: 'POST',
    url: '/api/privacy/marketing/home-delivery-invitations',
    headers,
    payload: { clientId: world.family.clientId },
  });
const research = (headers = officer.headers) =>
  t.app.inject({
    method: 'GET',
    url: `/api/privacy/research/claims-extract?year=2025&clientId=${world.family.clientId}`,
    headers,
  });

describe('marketing', () => {
  it('invites covered adults, never children or former members, and leaves out who opted out', async () => {
    const first = await invite();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ sent: 2, leftOutOptedOut: 0, leftOutMinors: 1 });
    const mail = await t.mailbox.waitFor((m) => m.to.includes(email('Avery')));
    expect(mail.text).toContain('/members/privacy');
    expect(mail.text).not.toContain(world.family.subscriber.memberNumber);
    expect(t.mailbox.to(email('Riley'))).toEqual([]);
    expect(t.mailbox.to(email('Casey'))).toEqual([]);

    expect((await choose(world.adult.headers, { marketingOptOut: true })).statusCode).toBe(200);
    t.mailbox.clear();
    expect((await invite()).json()).toEqual({ sent: 1, leftOutOptedOut: 1, leftOutMinors: 1 });
    await t.mailbox.waitFor((m) => m.to.includes(email('Avery')));
    expect(t.mailbox.to(email('Jordan'))).toEqual([]);

    const { rows } = await t.db.sql.query<{ detail: Record<string, number> }>(
      `select detail from audit_events where action = 'sent_marketing' order by seq desc limit 1`,
    );
    expect(rows[0]?.detail).toEqual({ sent: 1, leftOutOptedOut: 1, leftOutMinors: 1 });
  });

  it('is for the account team only', async () => {
    for (const who of [world.parent, officer, await signedIn(t, 'customer_service')]) {
      expect((await invite(who.headers)).statusCode).toBe(403);
    }
  });
});

describe('research', () => {
  it('leaves out members who opted out of research, though the de-identified extract keeps them', async () => {
    expect((await research()).json()).toMatchObject({ optedOutMembersLeftOut: 0 });
    expect((await research()).json().rows).toHaveLength(24);
    // The parent opts out of research only (marketing stays as it was).
    expect((await choose(world.parent.headers, { researchOptOut: true })).statusCode).toBe(200);
    const body = (await research()).json();
    expect(body.rows).toHaveLength(12);
    expect(body.optedOutMembersLeftOut).toBe(1);
    const deidentified = await t.app.inject({
      method: 'GET',
      url: `/api/privacy/deidentified/claims-extract?year=2025&clientId=${world.family.clientId}`,
      headers: officer.headers,
    });
    expect(deidentified.json().rows).toHaveLength(24);
    // The adult dependent's de-identified opt-out also keeps them out of research.
    expect(
      (await choose(world.adult.headers, { marketingOptOut: true, deidentifiedOptOut: true })).statusCode,
    ).toBe(200);
    expect((await research()).json()).toMatchObject({ rows: [], optedOutMembersLeftOut: 2 });
    const { rows } = await t.db.sql.query<{ n: number }>(
      `select count(*)::int as n from audit_events where resource_type = 'research_claims_extract'`,
    );
    expect(rows[0]?.n).toBe(4);
  });

  it('is for the privacy officer only', async () => {
    for (const who of [world.parent, accountTeam]) expect((await research(who.headers)).statusCode).toBe(403);
  });
});
