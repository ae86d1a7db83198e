// The one audit function: every read or write of health data by a person, and every authentication event,
// is recorded here (who, what, which member, why, when). Rows are append-only (a database trigger refuses
// UPDATE/DELETE) and hash-chained: hash = SHA-256(prev_hash || canonical row), so an edited or removed row
// breaks verifyAuditChain().
import { createHash } from 'node:crypto';
import { type Database, newId, schema } from '@openpbm/db';
import { pgArrayLiteral } from '@openpbm/db/pg-array';
import { asc, desc, gt, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Principal } from '../identity/principal';

export interface AuditEntry {
  actorUserId: string | null;
  actorRole: string | null;
  /** Verb in the past tense of what happened, e.g. "viewed", "created", "signed_in", "sign_in_failed". */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  /** The member whose health data was touched, when there is one. */
  memberId?: string | null;
  /** Why: the purpose of use (treatment, payment, operations, member request, …). */
  reason?: string | null;
  ip?: string | null;
  /** Non-identifying extras (counts, outcome codes); never health data values. */
  detail?: Record<string, unknown> | null;
}

export const GENESIS_HASH = '0'.repeat(64);
// One chain, appended one row at a time: a transaction-scoped advisory lock orders concurrent writers.
const CHAIN_LOCK = 7_401_001;

type Executor = Pick<Database, 'transaction'>;

/** One entry; outside a transaction it joins the next group of its database's writer (see groupWriterOf). */
export function recordAudit(db: Executor, entry: AuditEntry, at: Date = new Date()): Promise<void> {
  if (db instanceof PgTransaction) return appendToChain(db, [{ entry, at }]);
  return groupWriterOf(db)({ entry, at });
}

/**
 * Entries written at one time (one, or a bulk write such as an eligibility file): under the chain's lock, each row
 * chained to the one before it; many are written with one INSERT … SELECT FROM unnest per batch. `at` is shared by all.
 */
export async function recordAuditBatch(
  db: Executor,
  entries: AuditEntry[],
  at: Date = new Date(),
): Promise<void> {
  if (entries.length === 0) return;
  // Given the caller's transaction, the rows commit with it: a nested transaction (a savepoint) would only add
  // two round trips. The lock is its own statement, before the one that reads the last hash: a READ COMMITTED
  // statement's snapshot is taken before any lock it takes, so one statement could read a stale last hash.
  const items = entries.map((entry) => ({ entry, at }));
  if (db instanceof PgTransaction) return appendToChain(db, items);
  await db.transaction((tx) => appendToChain(tx, items));
}

interface ChainItem {
  entry: AuditEntry;
  at: Date;
}

type GroupWriter = (item: ChainItem) => Promise<void>;
const groupWriters = new WeakMap<Executor, GroupWriter>();

/**
 * Single entries written outside a transaction (every audited read) share the chain's lock in groups: entries
 * that arrive while a group commits wait and go in the next one, so twenty concurrent reads take the lock about
 * twice instead of twenty times (they queued on it: the price check's concurrency benchmark). Each caller still
 * waits until its own row is committed. A failing group is retried entry by entry, so one bad row fails alone.
 */
function groupWriterOf(db: Executor): GroupWriter {
  const existing = groupWriters.get(db);
  if (existing) return existing;
  let waiting: Array<{ item: ChainItem; resolve: () => void; reject: (err: unknown) => void }> = [];
  let draining = false;
  const append = (items: ChainItem[]) => db.transaction((tx) => appendToChain(tx, items));
  async function drain() {
    draining = true;
    while (waiting.length) {
      const group = waiting;
      waiting = [];
      try {
        await append(group.map((g) => g.item));
        for (const g of group) g.resolve();
      } catch (err) {
        if (group.length === 1) group[0]?.reject(err);
        else for (const g of group) await append([g.item]).then(g.resolve, g.reject);
      }
    }
    draining = false;
  }
  const writer: GroupWriter = (item) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!draining) void drain();
    });
  groupWriters.set(db, writer);
  return writer;
}

/** Under the chain's lock, held until the transaction `tx` ends; rows in the order given. */
async function appendToChain(
  tx: Pick<Database, 'execute' | 'select' | 'insert'>,
  items: ChainItem[],
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [last] = await tx
    .select({ hash: schema.auditEvents.hash })
    .from(schema.auditEvents)
    .orderBy(desc(schema.auditEvents.seq))
    .limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = items.map(({ entry, at }) => {
    const row = rowOf(entry, at);
    const chained = { ...row, prevHash, hash: chainHash(prevHash, row) };
    prevHash = chained.hash;
    return chained;
  });
  // One row (every request's audit): a plain insert. Many: seq (bigserial) follows the order of the unnest
  // rows, so the chain reads back in this order.
  if (rows.length === 1) {
    await tx.insert(schema.auditEvents).values(rows);
    return;
  }
  for (let i = 0; i < rows.length; i += AUDIT_BATCH_ROWS) {
    const batch = rows.slice(i, i + AUDIT_BATCH_ROWS);
    const column = (pick: (r: (typeof rows)[number]) => unknown, type: string) =>
      sql`${pgArrayLiteral(batch.map(pick))}::${sql.raw(type)}[]`;
    await tx.execute(sql`
      insert into audit_events (id, at, actor_user_id, actor_role, action, resource_type, resource_id, member_id,
        reason, ip, detail, prev_hash, hash)
      select id, at, actor_user_id, actor_role, action, resource_type, resource_id, member_id, reason, ip,
        detail::jsonb, prev_hash, hash
      from unnest(${sql.join(
        [
          column((r) => r.id, 'uuid'),
          column((r) => r.at, 'timestamptz'),
          column((r) => r.actorUserId, 'uuid'),
          column((r) => r.actorRole, 'text'),
          column((r) => r.action, 'text'),
          column((r) => r.resourceType, 'text'),
          column((r) => r.resourceId, 'text'),
          column((r) => r.memberId, 'uuid'),
          column((r) => r.reason, 'text'),
          column((r) => r.ip, 'text'),
          column((r) => (r.detail ? JSON.stringify(r.detail) : null), 'text'),
          column((r) => r.prevHash, 'text'),
          column((r) => r.hash, 'text'),
        ],
        sql`, `,
      )}) with ordinality as v(id, at, actor_user_id, actor_role, action, resource_type, resource_id, member_id,
        reason, ip, detail, prev_hash, hash, ord)
      order by ord`);
  }
}
// One array parameter per column: the batch size only bounds one statement's memory.
const AUDIT_BATCH_ROWS = 10_000;

function rowOf(entry: AuditEntry, at: Date) {
  return {
    id: newId(),
    at,
    actorUserId: entry.actorUserId,
    actorRole: entry.actorRole,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    memberId: entry.memberId ?? null,
    reason: entry.reason ?? null,
    ip: entry.ip ?? null,
    detail: entry.detail ?? null,
  };
}

/**
 * What the signed-in caller did: the actor, their role and their address come from the request context, the time
 * from the app's clock unless given.
 */
export function auditByCaller(
  deps: { db: { db: Executor }; now: () => Date },
  ctx: { principal: Pick<Principal, 'userId' | 'role'>; ip: string | null },
  entry: Omit<AuditEntry, 'actorUserId' | 'actorRole' | 'ip'>,
  at: Date = deps.now(),
): Promise<void> {
  return recordAudit(
    deps.db.db,
    { ...entry, actorUserId: ctx.principal.userId, actorRole: ctx.principal.role, ip: ctx.ip },
    at,
  );
}

/**
 * What a signed-in person did to one member's record. The purpose follows from who they are: a member acts on
 * their own (or their family's) request, staff and prescribers for treatment.
 */
export function auditMemberRecord(
  deps: { db: { db: Executor }; now: () => Date },
  principal: Pick<Principal, 'userId' | 'role'>,
  ip: string | null,
  entry: { action: string; resourceType: string; resourceId: string; memberId: string | null },
): Promise<void> {
  return recordAudit(
    deps.db.db,
    {
      ...entry,
      actorUserId: principal.userId,
      actorRole: principal.role,
      reason: principal.role === 'member' ? 'member_request' : 'treatment',
      ip,
    },
    deps.now(),
  );
}

type ChainedFields = Omit<typeof schema.auditEvents.$inferSelect, 'seq' | 'prevHash' | 'hash'>;

function chainHash(prevHash: string, row: ChainedFields): string {
  const canonical = JSON.stringify([
    row.id,
    row.at.toISOString(),
    row.actorUserId,
    row.actorRole,
    row.action,
    row.resourceType,
    row.resourceId,
    row.memberId,
    row.reason,
    row.ip,
    sortedKeys(row.detail ?? null),
  ]);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** jsonb does not keep key order, so the hash covers `detail` with its keys sorted (at every depth). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortedKeys(v)]));
  }
  return value;
}

/** Walks the whole chain; returns the seq of the first row that does not match, or null when intact. */
export async function verifyAuditChain(db: Database): Promise<number | null> {
  const rows = await db.select().from(schema.auditEvents).orderBy(asc(schema.auditEvents.seq));
  let prev = GENESIS_HASH;
  for (const row of rows) {
    if (row.prevHash !== prev || row.hash !== chainHash(prev, row)) return row.seq;
    prev = row.hash;
  }
  return null;
}

/** One row against the chain: its hash recomputes from its fields and it links to the row before it. */
/** auditMemberRecord for one kind of record: `audit(deps, principal, ip, 'viewed', id, memberId)`. */
export const memberRecordAudit =
  (resourceType: string) =>
  (
    deps: { db: { db: Executor }; now: () => Date },
    principal: Pick<Principal, 'userId' | 'role'>,
    ip: string | null,
    action: string,
    resourceId: string,
    memberId: string,
  ): Promise<void> =>
    auditMemberRecord(deps, principal, ip, { action, resourceType, resourceId, memberId });

export function auditRowLinks(
  row: typeof schema.auditEvents.$inferSelect,
  hashBefore: string | null,
): boolean {
  const before = hashBefore ?? GENESIS_HASH;
  return row.prevHash === before && row.hash === chainHash(before, row);
}

/** The whole chain in batches (bounded memory): rows checked and the first broken seq (null when intact). */
export async function verifyAuditChainInBatches(
  db: Database,
  batch = 5000,
): Promise<{ rowsChecked: number; firstBrokenSeq: number | null }> {
  let prev = GENESIS_HASH;
  let after = 0;
  let rowsChecked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(schema.auditEvents)
      .where(gt(schema.auditEvents.seq, after))
      .orderBy(asc(schema.auditEvents.seq))
      .limit(batch);
    for (const row of rows) {
      rowsChecked += 1;
      if (!auditRowLinks(row, prev)) return { rowsChecked, firstBrokenSeq: row.seq };
      prev = row.hash;
      after = row.seq;
    }
    if (rows.length < batch) return { rowsChecked, firstBrokenSeq: null };
  }
}
