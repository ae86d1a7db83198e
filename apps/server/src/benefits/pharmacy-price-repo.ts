// What the price check needs about one pharmacy: its contract in the plan's network, its latest cash price
// (usual & customary, 426-DQ) for a package, and the pharmacies a member filled at recently.
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import { and, desc, eq, gte, isNotNull, max, sql } from 'drizzle-orm';

const { claims, networkPharmacies, pharmacies } = schema;

export interface PharmacyContractRow {
  id: string;
  name: string;
  status: 'active' | 'inactive';
  homeDelivery: boolean;
  specialty: boolean;
  /** Null when the pharmacy has no contract in the network. */
  contract: {
    discountBps: number;
    genericDiscountBps: number;
    dispensingFeeCents: number;
    effectiveDate: string;
    terminationDate: string | null;
  } | null;
}

/** The pharmacy and its contract in one network (null when there is no such pharmacy). */
export async function findPharmacyContract(
  db: Database,
  pharmacyId: string,
  networkId: string,
): Promise<PharmacyContractRow | null> {
  const [row] = await db
    .select({
      id: pharmacies.id,
      name: pharmacies.name,
      status: pharmacies.status,
      homeDelivery: pharmacies.homeDelivery,
      specialty: pharmacies.specialty,
      discountBps: networkPharmacies.discountBps,
      genericDiscountBps: networkPharmacies.genericDiscountBps,
      dispensingFeeCents: networkPharmacies.dispensingFeeCents,
      effectiveDate: networkPharmacies.effectiveDate,
      terminationDate: networkPharmacies.terminationDate,
    })
    .from(pharmacies)
    .leftJoin(
      networkPharmacies,
      and(eq(networkPharmacies.pharmacyId, pharmacies.id), eq(networkPharmacies.networkId, networkId)),
    )
    .where(eq(pharmacies.id, pharmacyId));
  if (!row) return null;
  const { discountBps, genericDiscountBps, dispensingFeeCents, effectiveDate, terminationDate, ...pharmacy } =
    row;
  return {
    ...pharmacy,
    contract:
      discountBps != null && genericDiscountBps != null && dispensingFeeCents != null && effectiveDate != null
        ? { discountBps, genericDiscountBps, dispensingFeeCents, effectiveDate, terminationDate }
        : null,
  };
}

/**
 * The pharmacy's usual & customary price from its most recent B1 for the package that sent one, since a date.
 * It is the pharmacy's own cash price, so any member's claim tells it; only the amount and quantity are read.
 */
export async function findLatestCashPrice(
  db: Database,
  pharmacyId: string,
  ndc: string,
  since: string,
): Promise<{ usualAndCustomaryCents: number; quantityMilli: number } | null> {
  const [row] = await db
    .select({ usualAndCustomaryCents: claims.usualAndCustomaryCents, quantityMilli: claims.quantityMilli })
    .from(claims)
    .where(
      and(
        eq(claims.pharmacyId, pharmacyId),
        gte(claims.dateOfService, since),
        eq(claims.ndc, ndc),
        eq(claims.transactionCode, 'B1'),
        isNotNull(claims.usualAndCustomaryCents),
        sql`${claims.quantityMilli} > 0`,
      ),
    )
    .orderBy(desc(claims.dateOfService), desc(claims.receivedAt))
    .limit(1);
  if (!row || row.usualAndCustomaryCents == null || row.quantityMilli == null) return null;
  return { usualAndCustomaryCents: row.usualAndCustomaryCents, quantityMilli: row.quantityMilli };
}

/** Pharmacies with a B1 of the member since a date, most recent first. */
export async function findRecentPharmacies(db: Database, memberId: string, since: string, limit: number) {
  const lastFilledOn = max(claims.dateOfService);
  // As text: a bare max(date) would come back as a driver Date on some drivers.
  return db
    .select({
      pharmacyId: pharmacies.id,
      name: pharmacies.name,
      addressLine1: pharmacies.addressLine1,
      city: pharmacies.city,
      state: pharmacies.state,
      lastFilledOn: sql<string>`to_char(${lastFilledOn}, 'YYYY-MM-DD')`,
    })
    .from(claims)
    .innerJoin(pharmacies, eq(pharmacies.id, claims.pharmacyId))
    .where(
      and(eq(claims.memberId, memberId), eq(claims.transactionCode, 'B1'), gte(claims.dateOfService, since)),
    )
    .groupBy(pharmacies.id)
    .orderBy(desc(lastFilledOn))
    .limit(limit);
}
