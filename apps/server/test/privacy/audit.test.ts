// The audit trail is append-only (the database refuses changes) and hash-chained (verifyAuditChain finds a
// forged row), and concurrent writers still build one unbroken chain.
import type { DatabaseHandle } from '@openpbm/db';
import { createTestDatabase } from '@openpbm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, verifyAuditChain } from '../../src/privacy/audit';
import { auditVerifyReport } from '../../src/privacy/audit-verify';

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDatabase();
});
afterAll(() => h.close());

const entry = (i: number) => ({
  actorUserId: null,
  actorRole: 'customer_service',
  action: 'viewed',
  resourceType: 'claims',
  resourceId: `claim-${i}`,
  reason: 'member request',
  // Several keys, nested, in an order jsonb will not keep.
  detail: { zeta: i, alpha: { y: 2, b: 1 }, count: i },
});

describe('audit trail', () => {
  it('chains rows written concurrently', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordAudit(h.db, entry(i))));
    const { rows } = await h.sql.query<{ n: number }>('select count(*)::int as n from audit_events');
    expect(rows[0]?.n).toBe(20);
    expect(await verifyAuditChain(h.db)).toBeNull();
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    await expect(h.sql.query(`update audit_events set action = 'nothing'`)).rejects.toThrow(/append-only/);
    await expect(h.sql.query('delete from audit_events')).rejects.toThrow(/append-only/);
  });

  it('detects a row forged around the triggers', async () => {
    await recordAudit(h.db, entry(100));
    // Someone with owner rights disables the trigger and edits history: the chain no longer verifies.
    await h.sql.query('alter table audit_events disable trigger audit_events_no_update_delete');
    await h.sql.query(`update audit_events set reason = 'forged' where seq = 3`);
    await h.sql.query('alter table audit_events enable trigger audit_events_no_update_delete');
    expect(await verifyAuditChain(h.db)).toBe(3);
    // What `npm run audit:verify` prints (and exits 1 with).
    expect(await auditVerifyReport(h.db)).toEqual({
      ok: false,
      message: 'Audit chain broken at seq 3: that row or the one before it was changed or removed.',
    });
  });
});

describe('audit rows written at once by many requests', () => {
  let g: DatabaseHandle;
  let locks = 0;
  beforeAll(async () => {
    g = await createTestDatabase({
      onQuery: (text) => {
        if (text.includes('pg_advisory_xact_lock')) locks += 1;
      },
    });
  });
  afterAll(() => g.close());

  it('share the chain lock in groups, each row with its own time, in one unbroken chain', async () => {
    locks = 0;
    const at = (i: number) => new Date(Date.UTC(2026, 11, 5, 1, 0, i));
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordAudit(g.db, entry(i), at(i))));
    // The first entry takes the lock alone; the 19 that arrived meanwhile go in one more group.
    expect(locks).toBeLessThanOrEqual(3);
    const { rows } = await g.sql.query<{ resource_id: string; at: Date }>(
      'select resource_id, at from audit_events order by seq',
    );
    expect(rows.map((r) => r.resource_id)).toEqual(Array.from({ length: 20 }, (_, i) => `claim-${i}`));
    expect(rows.map((r) => r.at.toISOString())).toEqual(
      Array.from({ length: 20 }, (_, i) => at(i).toISOString()),
    );
    expect(await verifyAuditChain(g.db)).toBeNull();
  });

  it('fails only the caller whose row cannot be written', async () => {
    const bad = { ...entry(99), actorUserId: 'not-a-uuid' };
    const results = await Promise.allSettled([
      recordAudit(g.db, entry(30)),
      recordAudit(g.db, entry(31)),
      recordAudit(g.db, bad),
      recordAudit(g.db, entry(32)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const { rows } = await g.sql.query<{ resource_id: string }>(
      `select resource_id from audit_events where resource_id in ('claim-30', 'claim-31', 'claim-32', 'claim-99')`,
    );
    expect(rows.map((r) => r.resource_id).sort()).toEqual(['claim-30', 'claim-31', 'claim-32']);
    expect(await verifyAuditChain(g.db)).toBeNull();
  });
});
