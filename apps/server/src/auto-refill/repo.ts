// SQL for automatic-refill enrollments. The enrollment is the source of truth; the prescription's
// auto_refill_* columns mirror it (other pages read them) and change in the same transaction.
import { type Database, schema } from '@openpbm/db';
import type { AutoRefillStatus } from '@openpbm/db/schema/home-delivery';
import { and, asc, eq, inArray, lte, ne } from 'drizzle-orm';

const { autoRefillEnrollments: e, prescriptions, paymentMethods, orders } = schema;

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

async function mirror(
  tx: Tx,
  prescriptionId: string,
  status: AutoRefillStatus,
  nextDate: string | null,
  now: Date,
) {
  await tx
    .update(prescriptions)
    .set({
      autoRefillEnabled: status === 'active',
      autoRefillEnrolledAt: status === 'cancelled' ? null : undefined,
      autoRefillNextDate: status === 'cancelled' ? null : nextDate,
      updatedAt: now,
    })
    .where(eq(prescriptions.id, prescriptionId));
}

export async function insertEnrollment(
  db: Database,
  row: {
    prescriptionId: string;
    memberId: string;
    enrolledByUserId: string;
    paymentMethodId: string;
    nextRefillDate: string;
    now: Date;
  },
) {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(e)
      .values({ ...row, status: 'active', createdAt: row.now, updatedAt: row.now })
      .onConflictDoNothing()
      .returning();
    if (!created) return null;
    await tx
      .update(prescriptions)
      .set({
        autoRefillEnabled: true,
        autoRefillEnrolledAt: row.now,
        autoRefillNextDate: row.nextRefillDate,
        updatedAt: row.now,
      })
      .where(eq(prescriptions.id, row.prescriptionId));
    return created;
  });
}

export async function findEnrollment(db: Database, id: string) {
  const [row] = await db.select().from(e).where(eq(e.id, id));
  return row ?? null;
}

export async function updateEnrollment(
  db: Database,
  id: string,
  changes: Partial<typeof e.$inferInsert>,
  now: Date,
  onlyIfStatus?: AutoRefillStatus[],
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(e)
      .set({ ...changes, updatedAt: now })
      .where(and(eq(e.id, id), onlyIfStatus ? inArray(e.status, onlyIfStatus) : undefined))
      .returning();
    if (row) await mirror(tx, row.prescriptionId, row.status, row.nextRefillDate, now);
    return row ?? null;
  });
}

export interface EnrollmentListRow {
  enrollment: typeof e.$inferSelect;
  card: typeof paymentMethods.$inferSelect | null;
  lastOrderNumber: string | null;
}

export async function listEnrollments(db: Database, memberIds: string[]): Promise<EnrollmentListRow[]> {
  if (memberIds.length === 0) return [];
  const rows = await db
    .select({ enrollment: e, card: paymentMethods, lastOrderNumber: orders.orderNumber })
    .from(e)
    .leftJoin(paymentMethods, eq(paymentMethods.id, e.paymentMethodId))
    .leftJoin(orders, eq(orders.id, e.lastOrderId))
    .where(and(inArray(e.memberId, memberIds), ne(e.status, 'cancelled')))
    .orderBy(asc(e.createdAt));
  return rows;
}

/** Active enrollments whose next date is on or before `latestLocalDate` (each is re-checked in its member's zone). */
export async function dueEnrollments(db: Database, latestLocalDate: string) {
  return db
    .select()
    .from(e)
    .where(and(eq(e.status, 'active'), lte(e.nextRefillDate, latestLocalDate)))
    .orderBy(asc(e.nextRefillDate), asc(e.id));
}
