// SQL for payment cards on file and order charges. Policy lives in service.ts.
import { type Database, schema } from '@openpbm/db';
import type { CardBrand } from '@openpbm/db/schema/payments';
import { and, asc, desc, eq, inArray, isNotNull, ne, sql, TransactionRollbackError } from 'drizzle-orm';
import { InvariantBroken } from '../platform/internal-errors';

const { paymentMethods, orderPayments, autoRefillEnrollments, members } = schema;

export async function listActive(db: Database, memberId: string) {
  return db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.memberId, memberId), eq(paymentMethods.status, 'active')))
    .orderBy(desc(paymentMethods.isDefault), asc(paymentMethods.createdAt));
}

export async function findActive(db: Database, memberId: string, id: string) {
  const [row] = await db
    .select()
    .from(paymentMethods)
    .where(
      and(
        eq(paymentMethods.id, id),
        eq(paymentMethods.memberId, memberId),
        eq(paymentMethods.status, 'active'),
      ),
    );
  return row ?? null;
}

export async function findById(db: Database, id: string) {
  const [row] = await db.select().from(paymentMethods).where(eq(paymentMethods.id, id));
  return row ?? null;
}

/** The member's active card with this vault fingerprint (the same card number), if any. */
export async function findActiveByFingerprint(db: Database, memberId: string, fingerprint: string) {
  const [row] = await db
    .select()
    .from(paymentMethods)
    .where(
      and(
        eq(paymentMethods.memberId, memberId),
        eq(paymentMethods.vaultFingerprint, fingerprint),
        eq(paymentMethods.status, 'active'),
      ),
    );
  return row ?? null;
}

/** A reissued card keeps its number and gets a new expiry. */
export async function updateExpiry(db: Database, id: string, expMonth: number, expYear: number) {
  const [row] = await db
    .update(paymentMethods)
    .set({ expMonth, expYear })
    .where(eq(paymentMethods.id, id))
    .returning();
  if (!row) throw new InvariantBroken('payment method update returned nothing');
  return row;
}

/** Null when the same card became active for this member meanwhile (a concurrent add): the caller uses that one. */
export async function insertMethod(
  db: Database,
  row: {
    memberId: string;
    vaultToken: string;
    vaultFingerprint: string;
    brand: CardBrand;
    last4: string;
    expMonth: number;
    expYear: number;
    isDefault: boolean;
    createdByUserId: string;
    now: Date;
  },
) {
  return db
    .transaction(async (tx) => {
      if (row.isDefault) {
        await tx
          .update(paymentMethods)
          .set({ isDefault: false })
          .where(eq(paymentMethods.memberId, row.memberId));
      }
      const [created] = await tx
        .insert(paymentMethods)
        .values({
          memberId: row.memberId,
          vaultToken: row.vaultToken,
          vaultFingerprint: row.vaultFingerprint,
          brand: row.brand,
          last4: row.last4,
          expMonth: row.expMonth,
          expYear: row.expYear,
          isDefault: row.isDefault,
          createdByUserId: row.createdByUserId,
          createdAt: row.now,
        })
        .onConflictDoNothing({
          target: [paymentMethods.memberId, paymentMethods.vaultFingerprint],
          where: sql`${paymentMethods.status} = 'active'`,
        })
        .returning();
      if (!created) {
        // Undo the default switch above: nothing was added.
        tx.rollback();
      }
      return created ?? null;
    })
    .catch((error: unknown) => {
      if (error instanceof TransactionRollbackError) return null;
      throw error;
    });
}

export async function makeDefault(db: Database, memberId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(paymentMethods).set({ isDefault: false }).where(eq(paymentMethods.memberId, memberId));
    await tx
      .update(paymentMethods)
      .set({ isDefault: true })
      .where(and(eq(paymentMethods.id, id), eq(paymentMethods.memberId, memberId)));
  });
}

export async function markRemoved(db: Database, id: string, now: Date): Promise<void> {
  await db
    .update(paymentMethods)
    .set({ status: 'removed', isDefault: false, removedAt: now })
    .where(eq(paymentMethods.id, id));
}

/** Auto-refill enrollments (not cancelled) that would charge this card. */
export async function countLiveEnrollmentsUsing(db: Database, paymentMethodId: string): Promise<number> {
  const rows = await db
    .select({ id: autoRefillEnrollments.id })
    .from(autoRefillEnrollments)
    .where(
      and(
        eq(autoRefillEnrollments.paymentMethodId, paymentMethodId),
        ne(autoRefillEnrollments.status, 'cancelled'),
      ),
    );
  return rows.length;
}

export async function memberTimeZone(db: Database, memberId: string): Promise<string> {
  const [row] = await db.select({ timeZone: members.timeZone }).from(members).where(eq(members.id, memberId));
  return row?.timeZone ?? 'America/New_York';
}

export async function insertOrderPayment(
  db: Pick<Database, 'insert'>,
  row: typeof orderPayments.$inferInsert,
): Promise<void> {
  await db.insert(orderPayments).values(row);
}

export async function paymentsForOrders(db: Database, orderIds: string[]) {
  if (orderIds.length === 0) return [];
  return db
    .select()
    .from(orderPayments)
    .where(inArray(orderPayments.orderId, orderIds))
    .orderBy(asc(orderPayments.createdAt));
}

/** The order's charge attempt still in flight (recorded before the vault was asked), if any. */
export async function chargingPaymentOf(db: Database, orderId: string) {
  const [row] = await db
    .select()
    .from(orderPayments)
    .where(and(eq(orderPayments.orderId, orderId), eq(orderPayments.status, 'charging')));
  return row ?? null;
}

export async function countChargeAttempts(db: Database, orderId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orderPayments)
    .where(and(eq(orderPayments.orderId, orderId), isNotNull(orderPayments.idempotencyKey)));
  return row?.n ?? 0;
}

/** Null when another attempt for the order is in flight (the one-charging-per-order index). */
export async function insertChargingPayment(
  db: Database,
  row: { orderId: string; paymentMethodId: string; amountCents: number; idempotencyKey: string },
) {
  const [created] = await db
    .insert(orderPayments)
    .values({ ...row, status: 'charging' })
    .onConflictDoNothing()
    .returning();
  return created ?? null;
}

/** Settles an attempt in flight with the vault's answer; false when another caller settled it first. */
export async function settleChargingPayment(
  db: Database,
  id: string,
  outcome: { status: 'captured'; reference: string } | { status: 'declined'; declineCode: string },
): Promise<boolean> {
  const rows = await db
    .update(orderPayments)
    .set({
      status: outcome.status,
      processorReference: outcome.status === 'captured' ? outcome.reference : null,
      declineCode: outcome.status === 'declined' ? outcome.declineCode : null,
    })
    .where(and(eq(orderPayments.id, id), eq(orderPayments.status, 'charging')))
    .returning({ id: orderPayments.id });
  return rows.length === 1;
}

/** A new amount for an attempt the vault never took (and can no longer take: its signed request expired). */
export async function repriceChargingPayment(db: Database, id: string, amountCents: number) {
  const [row] = await db
    .update(orderPayments)
    .set({ amountCents })
    .where(and(eq(orderPayments.id, id), eq(orderPayments.status, 'charging')))
    .returning();
  return row ?? null;
}
