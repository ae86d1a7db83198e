// SQL for "ask my doctor" requests. Policy lives in contact-service.ts; whose requests a caller reaches lives
// here: a family sees its members' requests, a prescriber the open ones addressed to them, home-delivery staff
// the open ones of the members their pharmacy serves. Out of scope reads as absent.
import { type Database, type DatabaseHandle, schema } from '@openpbm/db';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type ScopeOf, ScopeViolation } from '../platform/data-scope';
import { InvariantBroken } from '../platform/internal-errors';
import { homeDeliveryPharmacyFor } from '../prescriptions/create';

const { prescriberContactRequests: r, members, prescribers, prescriptions, users } = schema;

type Writer = Pick<Database, 'update'>;
export type ContactRequestInsert = typeof r.$inferInsert;
export type ContactRequestRow = Awaited<ReturnType<typeof rowsWithNames>>[number];
export type ContactRequestScope = ScopeOf<'family'> | ScopeOf<'prescriber'> | ScopeOf<'pharmacy'>;

function rowsWithNames(db: Database, where: SQL | undefined) {
  // In the directory means the prescriber can see the request: they have an active prescriber-portal account.
  const inDirectory = sql<boolean>`exists (select 1 from ${users} u where u.prescriber_id = ${r.prescriberId}
    and u.role = 'prescriber' and u.status = 'active')`;
  return db
    .select({ request: r, member: members, prescriber: prescribers, rx: prescriptions, inDirectory })
    .from(r)
    .innerJoin(members, eq(members.id, r.memberId))
    .leftJoin(prescribers, eq(prescribers.id, r.prescriberId))
    .leftJoin(prescriptions, eq(prescriptions.id, r.prescriptionId))
    .where(where)
    .orderBy(desc(r.createdAt));
}

export function contactRequestsRepo(db: DatabaseHandle, scope: ContactRequestScope) {
  const servedByPharmacy = async (row: ContactRequestRow) =>
    scope.kind === 'pharmacy' &&
    (await homeDeliveryPharmacyFor(db.db, row.request.memberId))?.id === scope.pharmacyId;
  const scopeFilter = (): SQL | undefined => {
    if (scope.kind === 'family') return inArray(r.memberId, [...scope.memberIds]);
    if (scope.kind === 'prescriber') return eq(r.prescriberId, scope.prescriberId);
    return eq(r.status, 'open');
  };
  const familyMember = (memberId: string) => {
    if (scope.kind !== 'family' || !scope.memberIds.includes(memberId))
      throw new ScopeViolation('contactRequestsRepo (another member)', scope.kind);
    return memberId;
  };
  async function one(id: string): Promise<ContactRequestRow | null> {
    const filter = scope.kind === 'pharmacy' ? undefined : scopeFilter();
    const [row] = await rowsWithNames(db.db, and(eq(r.id, id), filter));
    if (!row) return null;
    return scope.kind !== 'pharmacy' || (await servedByPharmacy(row)) ? row : null;
  }
  return {
    /** Family: every request of its members; prescriber and pharmacy: the open ones they act on. */
    async list(): Promise<ContactRequestRow[]> {
      if (scope.kind === 'family' && scope.memberIds.length === 0) return [];
      const rows = await rowsWithNames(db.db, scopeFilter());
      if (scope.kind === 'family') return rows;
      const open = rows.filter((x) => x.request.status === 'open');
      if (scope.kind === 'prescriber') return open;
      const mine: ContactRequestRow[] = [];
      for (const row of open) if (await servedByPharmacy(row)) mine.push(row);
      return mine;
    },
    one,
    async openForPrescription(prescriptionId: string): Promise<boolean> {
      const open = await db.db
        .select({ id: r.id, memberId: r.memberId })
        .from(r)
        .where(and(eq(r.prescriptionId, prescriptionId), eq(r.status, 'open')));
      return open.some((x) => familyMember(x.memberId));
    },
    async create(values: ContactRequestInsert) {
      const [created] = await db.db
        .insert(r)
        .values({ ...values, memberId: familyMember(values.memberId) })
        .returning();
      if (!created) throw new InvariantBroken('contact request insert returned nothing');
      return created;
    },
    /** Closes an open request in scope; null when it was already closed (or is not in scope). */
    async close(
      id: string,
      change: {
        status: 'completed' | 'declined' | 'cancelled';
        note: string | null;
        newPrescriptionId: string | null;
        now: Date;
      },
      tx: Writer = db.db,
    ) {
      // Staff scope is decided per member (their plan's pharmacy); it is checked before, never inside a transaction.
      if (scope.kind === 'pharmacy' && (tx !== db.db || !(await one(id)))) return null;
      const [updated] = await tx
        .update(r)
        .set({
          status: change.status,
          responseNote: change.note,
          newPrescriptionId: change.newPrescriptionId,
          resolvedAt: change.now,
          updatedAt: change.now,
        })
        .where(and(eq(r.id, id), eq(r.status, 'open'), scopeFilter()))
        .returning();
      return updated ?? null;
    },
  };
}
