// Marketing and research opt-outs are honoured where the product selects members for those uses: the home-delivery
// invitation e-mail (account team; sent by the marketing-mailings job in batches, resumable) and the research
// claims extract (privacy officer).
import { marketingMailings } from '@openpbm/worker/jobs/marketing-mailings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailingRunOptions, runMarketingMailings } from '../../src/privacy/marketing-mailing-service';
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
const progress = async (id: string) =>
  (
    await t.app.inject({
      method: 'GET',
      url: `/api/privacy/marketing/mailings/${id}`,
      headers: accountTeam.headers,
    })
  ).json();
const runJob = (options?: MailingRunOptions) => runMarketingMailings(t.deps, options);
/** Each address's invitations, once the capture mailbox has every e-mail the run handed over. */
async function invitationsTo(...names: string[]): Promise<number[]> {
  for (const name of names) await t.mailbox.waitFor((m) => m.to.includes(email(name)));
  return names.map((name) => t.mailbox.to(email(name)).length);
}
const research = (headers = officer.headers) =>
  t.app.inject({
    method: 'GET',
    url: `/api/privacy/research/claims-extract?year=2025&clientId=${world.family.clientId}`,
    headers,
  });

describe('marketing mailing', () => {
  it('answers 202 with a mailing the job sends; a run stopped after one batch resumes without sending twice', async () => {
    t.mailbox.clear();
    const started = await invite();
    expect(started.statusCode).toBe(202);
    const { id } = started.json();
    expect(started.headers.location).toBe(`/api/privacy/marketing/mailings/${id}`);
    expect(await progress(id)).toMatchObject({ status: 'queued', sent: 0 });
    expect(t.mailbox.list()).toEqual([]);

    // Interrupted: one batch of one, then the run stops (as a crash or the batch limit would stop it).
    expect(await runJob({ batchSize: 1, maxBatches: 1 })).toEqual({
      batches: 1,
      sent: 1,
      mailingsCompleted: 0,
    });
    expect(await progress(id)).toMatchObject({ status: 'sending', recipients: 2, sent: 1, leftOutMinors: 1 });
    // The next run (the registered pg-boss job, as the worker calls it) finishes the rest.
    const job = await marketingMailings.run(
      { db: t.db, config: t.deps.config, log: { info() {}, warn() {}, error() {} }, mailer: t.deps.mailer },
      t.deps.now(),
    );
    expect(job).toEqual({ batches: 1, sent: 1, mailingsCompleted: 1 });
    expect(await progress(id)).toMatchObject({ status: 'complete', recipients: 2, sent: 2 });
    expect(await invitationsTo('Avery', 'Jordan')).toEqual([1, 1]);
    expect(t.mailbox.to(email('Riley'))).toEqual([]);
    expect(t.mailbox.to(email('Casey'))).toEqual([]);
    const mail = t.mailbox.to(email('Avery'))[0];
    expect(mail?.text).toContain('/members/privacy');
    expect(mail?.text).not.toContain(world.family.subscriber.memberNumber);
    // A run after completion sends nothing.
    expect(await runJob()).toEqual({ batches: 0, sent: 0, mailingsCompleted: 0 });
  });

  it('a hand-off that fails mid-way puts the recipient back; the re-run sends each address exactly once', async () => {
    t.mailbox.clear();
    const { id } = (await invite()).json();
    const real = t.deps.mailer;
    let handed = 0;
    const flaky = {
      ...real,
      send: async (mail: Parameters<typeof real.send>[0]) => {
        handed += 1;
        if (handed === 2) throw new Error('SMTP relay went away');
        return real.send(mail);
      },
    };
    await expect(runMarketingMailings({ ...t.deps, mailer: flaky }, { batchSize: 1 })).rejects.toThrow(
      'relay',
    );
    expect(await progress(id)).toMatchObject({ status: 'sending', sent: 1 });
    expect(await runJob()).toMatchObject({ sent: 1, mailingsCompleted: 1 });
    expect(await progress(id)).toMatchObject({ status: 'complete', sent: 2 });
    expect(await invitationsTo('Avery', 'Jordan')).toEqual([1, 1]);
  });

  it('leaves out who opted out, also when they opt out after the mailing was started', async () => {
    t.mailbox.clear();
    const { id } = (await invite()).json();
    await runJob({ maxBatches: 0 }); // the audience is chosen: both adults
    expect(await progress(id)).toMatchObject({ status: 'sending', recipients: 2, sent: 0 });
    expect((await choose(world.adult.headers, { marketingOptOut: true })).statusCode).toBe(200);
    await runJob();
    expect(await progress(id)).toMatchObject({ status: 'complete', recipients: 2, sent: 1 });
    expect(await invitationsTo('Avery')).toEqual([1]);
    expect(t.mailbox.to(email('Jordan'))).toEqual([]);

    const next = (await invite()).json();
    await runJob();
    expect(await progress(next.id)).toMatchObject({
      recipients: 1,
      sent: 1,
      leftOutOptedOut: 1,
      leftOutMinors: 1,
    });
    const { rows } = await t.db.sql.query<{ detail: Record<string, number> }>(
      `select detail from audit_events where action = 'sent_marketing' order by seq desc limit 1`,
    );
    expect(rows[0]?.detail).toEqual({ sent: 1, leftOutOptedOut: 1, leftOutMinors: 1 });
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/privacy/marketing/mailings',
      headers: accountTeam.headers,
    });
    expect(list.json()[0]).toMatchObject({ id: next.id, status: 'complete' });
  });

  it('is for the account team only, and an unknown mailing is 404', async () => {
    for (const who of [world.parent, officer, await signedIn(t, 'customer_service')]) {
      expect((await invite(who.headers)).statusCode).toBe(403);
    }
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/privacy/marketing/mailings/01900000-0000-7000-8000-000000000000',
      headers: accountTeam.headers,
    });
    expect(unknown.statusCode).toBe(404);
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
