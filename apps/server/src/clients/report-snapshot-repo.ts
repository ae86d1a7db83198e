// Plan report snapshots: the last computed report per client and period (suppression applied), served while
// under a day old (report-service.ts) and while the client's generation is the one it was computed at: opt-out and
// eligibility changes move it (triggers, migration 0031), so such a change takes effect on the next read.
import { type Database, schema } from '@openpbm/db';
import { type PlanReportView, planReportView } from '@openpbm/shared/client-portal';
import { and, eq, gt, lt, sql } from 'drizzle-orm';

/** How long a computed report is served before it is computed again. */
export const SNAPSHOT_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const snapshots = schema.planReportSnapshots;
const generations = schema.planReportGenerations;

/** Read before computing: a change committed during the computation moves it, and the result is not served. */
export async function currentGeneration(db: Database, clientId: string): Promise<number> {
  const [row] = await db
    .select({ generation: generations.generation })
    .from(generations)
    .where(eq(generations.clientId, clientId));
  return row?.generation ?? 0;
}

export async function readFreshSnapshot(
  db: Database,
  clientId: string,
  fromMonth: string,
  toMonth: string,
  now: Date,
): Promise<PlanReportView | undefined> {
  const [row] = await db
    .select({ report: snapshots.report })
    .from(snapshots)
    .leftJoin(generations, eq(generations.clientId, snapshots.clientId))
    .where(
      and(
        eq(snapshots.clientId, clientId),
        eq(snapshots.fromMonth, fromMonth),
        eq(snapshots.toMonth, toMonth),
        gt(snapshots.computedAt, new Date(now.getTime() - SNAPSHOT_MAX_AGE_MS)),
        sql`${snapshots.generation} = coalesce(${generations.generation}, 0)`,
      ),
    );
  // A snapshot written by an older release may lack a newer field: then it is computed again.
  const parsed = planReportView.safeParse(row?.report);
  return parsed.success ? parsed.data : undefined;
}

export async function saveSnapshot(
  db: Database,
  clientId: string,
  fromMonth: string,
  toMonth: string,
  computed: { at: Date; generation: number },
  report: PlanReportView,
): Promise<void> {
  const values = { computedAt: computed.at, generation: computed.generation, report };
  await db
    .insert(snapshots)
    .values({ clientId, fromMonth, toMonth, ...values })
    .onConflictDoUpdate({
      target: [snapshots.clientId, snapshots.fromMonth, snapshots.toMonth],
      set: values,
    });
}

/** Drops the snapshots too old to be served; returns how many. */
export async function dropStaleSnapshots(db: Database, now: Date): Promise<number> {
  const dropped = await db
    .delete(snapshots)
    .where(lt(snapshots.computedAt, new Date(now.getTime() - SNAPSHOT_MAX_AGE_MS)))
    .returning({ clientId: snapshots.clientId });
  return dropped.length;
}

/** Active clients with at least one live plan reports grant: whose default period the nightly run computes. */
export async function clientsWithPlanReportReaders(db: Database, now: Date) {
  return db
    .selectDistinct({ id: schema.clients.id, code: schema.clients.code, name: schema.clients.name })
    .from(schema.clients)
    .innerJoin(schema.clientAccessGrants, eq(schema.clientAccessGrants.clientId, schema.clients.id))
    .where(
      sql`${schema.clients.status} = 'active' and ${schema.clientAccessGrants.tool} = 'plan_reports'
        and ${schema.clientAccessGrants.revokedAt} is null and ${schema.clientAccessGrants.expiresAt} > ${now}`,
    );
}
