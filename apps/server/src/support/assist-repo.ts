// SQL for what customer service did for a member (with the member's recorded consent), and the member's
// address on file, which an agent may change for them.
import { type Database, schema } from '@openpbm/db';
import type { AssistedAction } from '@openpbm/db/schema/support';
import { and, desc, eq, ne } from 'drizzle-orm';

export async function insertAssistedAction(
  db: Pick<Database, 'insert'>,
  row: {
    memberId: string;
    staffUserId: string;
    action: AssistedAction;
    consentStatement: string;
    consentAt: Date;
    resourceId: string | null;
  },
): Promise<void> {
  await db.insert(schema.assistedActions).values({ ...row, createdAt: row.consentAt });
}

export function listAssistedActions(db: Database, memberId: string) {
  return db
    .select()
    .from(schema.assistedActions)
    .where(eq(schema.assistedActions.memberId, memberId))
    .orderBy(desc(schema.assistedActions.createdAt))
    .limit(50);
}

export async function updateAddressOnFile(
  db: Pick<Database, 'update'>,
  memberId: string,
  fields: {
    addressLine1Enc: string;
    addressLine2Enc: string | null;
    city: string;
    state: string;
    zip: string;
    activationBidx: string;
  },
  now: Date,
): Promise<void> {
  await db
    .update(schema.members)
    .set({ ...fields, updatedAt: now })
    .where(eq(schema.members.id, memberId));
}

export async function defaultCardOf(db: Database, memberId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: schema.paymentMethods.id })
    .from(schema.paymentMethods)
    .where(and(eq(schema.paymentMethods.memberId, memberId), eq(schema.paymentMethods.status, 'active')))
    .orderBy(desc(schema.paymentMethods.isDefault))
    .limit(1);
  return row?.id ?? null;
}

export async function enrollmentOf(db: Database, prescriptionId: string) {
  const [row] = await db
    .select({ id: schema.autoRefillEnrollments.id, status: schema.autoRefillEnrollments.status })
    .from(schema.autoRefillEnrollments)
    .where(
      and(
        eq(schema.autoRefillEnrollments.prescriptionId, prescriptionId),
        ne(schema.autoRefillEnrollments.status, 'cancelled'),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function memberAccount(db: Database, memberId: string) {
  const [row] = await db
    .select({ id: schema.users.id, email: schema.users.email, emailVerifiedAt: schema.users.emailVerifiedAt })
    .from(schema.users)
    .where(eq(schema.users.memberId, memberId))
    .limit(1);
  return row ?? null;
}
