// The dashboards' own SQL: counts and names only (no health data), so these reads need no audit row.
import { type Database, schema } from '@openpbm/db';
import { and, count, eq } from 'drizzle-orm';

const { prescriberContactRequests, pharmacies } = schema;

/** "Ask my doctor" renewal requests still waiting for this prescriber. */
export async function countOpenRenewalRequests(db: Database, prescriberId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(prescriberContactRequests)
    .where(
      and(
        eq(prescriberContactRequests.prescriberId, prescriberId),
        eq(prescriberContactRequests.status, 'open'),
      ),
    );
  return row?.n ?? 0;
}

export async function findPharmacy(db: Database, pharmacyId: string) {
  const [row] = await db
    .select({ id: pharmacies.id, name: pharmacies.name, homeDelivery: pharmacies.homeDelivery })
    .from(pharmacies)
    .where(eq(pharmacies.id, pharmacyId));
  return row ?? null;
}
