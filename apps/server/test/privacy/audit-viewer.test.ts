// The privacy officer's audit viewer: filters (member ID, actor as staff ID, action, UTC date range), paging,
// the hash-chain status of each row and of the whole chain, every look-up audited, and only the privacy
// officer may use it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditMemberRecord, recordAudit } from '../../src/privacy/audit';
import { AUDIT_PAGE_SIZE } from '../../src/privacy/audit-viewer-service';
import { staffIdOf } from '../../src/privacy/record-access-service';
import { createTestApp, type TestApp } from '../harness';
import { familyWithAccounts, signedIn } from './helpers';

let t: TestApp;
let officer: Awaited<ReturnType<typeof signedIn>>;
let cs: Awaited<ReturnType<typeof signedIn>>;
let world: Awaited<ReturnType<typeof familyWithAccounts>>;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-03-02T15:00:00Z') });
  officer = await signedIn(t, 'privacy_officer');
  cs = await signedIn(t, 'customer_service');
  world = await familyWithAccounts(t);
  // 60 reads of the subscriber's claims by customer service over two days, one of the minor's on the second.
  for (let i = 0; i < 60; i++) {
    await recordAudit(
      t.db.db,
      {
        actorUserId: cs.userId,
        actorRole: 'customer_service',
        action: 'viewed',
        resourceType: 'claims',
        resourceId: `c-${i}`,
        memberId: world.family.subscriber.id,
        reason: 'treatment',
      },
      new Date(Date.parse('2026-02-27T10:00:00Z') + i * 60_000 + (i >= 30 ? 86_400_000 : 0)),
    );
  }
  await auditMemberRecord(t.deps, { userId: cs.userId, role: 'customer_service' }, null, {
    action: 'changed',
    resourceType: 'address',
    resourceId: 'a-1',
    memberId: world.family.minorDependent.id,
  });
});
afterAll(() => t.close());

const search = (query: string, headers = officer.headers) =>
  t.app.inject({ method: 'GET', url: `/api/privacy/audit-events?${query}`, headers });

describe('audit viewer', () => {
  it('filters by member ID, shows the member ID and the chain status of each row, and pages', async () => {
    // The look-up itself is the newest row about the member.
    const any = (await search(`memberNumber=${world.family.subscriber.memberNumber}`)).json();
    expect(any.rows[0]).toMatchObject({ action: 'searched_audit_log', actorRole: 'privacy_officer' });
    const first = await search(`memberNumber=${world.family.subscriber.memberNumber}&action=viewed`);
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(body).toMatchObject({ page: 1, hasMore: true, pageChainOk: true });
    expect(body.rows[0]).toMatchObject({
      memberNumber: world.family.subscriber.memberNumber,
      staffId: staffIdOf(cs.userId),
      actorRole: 'customer_service',
      action: 'viewed',
      chainOk: true,
    });
    // Newest first, and nothing about the minor.
    expect(body.rows[0].seq).toBeGreaterThan(body.rows[1].seq);
    const second = (
      await search(`memberNumber=${world.family.subscriber.memberNumber}&action=viewed&page=2`)
    ).json();
    expect(second.hasMore).toBe(false);
    const seen = [...body.rows, ...second.rows];
    expect(seen).toHaveLength(60);
    expect(new Set(seen.map((r: { seq: number }) => r.seq)).size).toBe(60);
  });

  it('filters by staff ID, action and UTC date range', async () => {
    const staff = staffIdOf(cs.userId);
    const changed = (await search(`actor=${staff}&action=changed`)).json();
    expect(changed.rows).toHaveLength(1);
    expect(changed.rows[0]).toMatchObject({
      resourceType: 'address',
      memberNumber: world.family.minorDependent.memberNumber,
    });
    const day = (await search(`actor=${staff}&action=viewed&from=2026-02-27&to=2026-02-27`)).json();
    expect(day.rows).toHaveLength(30);
    const nobody = (await search('actor=S-00000000')).json();
    expect(nobody.rows).toEqual([]);
    const unknownMember = (await search('memberNumber=OPBNOSUCH001')).json();
    expect(unknownMember.rows).toEqual([]);
  });

  it('refuses bad dates with a field error', async () => {
    const res = await search('from=2026-02-31');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].field).toBe('querystring.from');
  });

  it('audits every look-up, naming the member when the search did', async () => {
    await search(`memberNumber=${world.family.minorDependent.memberNumber}&action=changed`);
    const { rows } = await t.db.sql.query<{ member_id: string | null; detail: Record<string, unknown> }>(
      `select member_id, detail from audit_events
        where action = 'searched_audit_log' and actor_user_id = $1 order by seq desc limit 1`,
      [officer.userId],
    );
    expect(rows[0]?.member_id).toBe(world.family.minorDependent.id);
    expect(rows[0]?.detail).toMatchObject({ member: true, action: 'changed' });
    // The parent sees the privacy officer's look-up in the child's "who has seen my record".
    const seen = await t.app.inject({
      method: 'GET',
      url: `/api/privacy/record-accesses?memberId=${world.family.minorDependent.id}`,
      headers: world.parent.headers,
    });
    expect(seen.json().accesses[0]).toMatchObject({
      role: 'Privacy officer',
      staffId: staffIdOf(officer.userId),
    });
  });

  it('checks the whole chain, and a forged row shows on its page and in the check', async () => {
    const intact = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/audit-events/verification',
      headers: officer.headers,
    });
    expect(intact.json()).toMatchObject({ ok: true, firstBrokenSeq: null });
    const { rows } = await t.db.sql.query<{ seq: string }>(
      `select seq from audit_events where action = 'changed' and resource_type = 'address'`,
    );
    const seq = Number(rows[0]?.seq);
    await t.db.sql.query('alter table audit_events disable trigger audit_events_no_update_delete');
    await t.db.sql.query(`update audit_events set reason = 'forged' where seq = $1`, [seq]);
    await t.db.sql.query('alter table audit_events enable trigger audit_events_no_update_delete');
    const page = (await search(`actor=${staffIdOf(cs.userId)}&action=changed`)).json();
    expect(page.pageChainOk).toBe(false);
    expect(page.rows[0]).toMatchObject({ seq, chainOk: false });
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/audit-events/verification',
      headers: officer.headers,
    });
    expect(broken.json()).toMatchObject({ ok: false, firstBrokenSeq: seq });
  });

  it('is the privacy officer’s alone', async () => {
    const others = [world.parent, cs, await signedIn(t, 'account_team'), await signedIn(t, 'admin')];
    for (const who of others) {
      expect((await search('action=viewed', who.headers)).statusCode).toBe(403);
      const verify = await t.app.inject({
        method: 'POST',
        url: '/api/privacy/audit-events/verification',
        headers: who.headers,
      });
      expect(verify.statusCode).toBe(403);
    }
    expect((await search('action=viewed', {})).statusCode).toBe(401);
  });
});
