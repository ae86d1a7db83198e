// Creating a prescription on file: new Rx numbers come from a sequence; the origin row records how it arrived
// (sent by a prescriber, or transferred in). Runs inside the caller's transaction.
import { type Database, schema } from '@openpbm/db';
import { sql } from 'drizzle-orm';
import { InvariantBroken } from '../platform/internal-errors';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface NewPrescription {
  memberId: string;
  prescriberId: string;
  pharmacyId: string;
  ndc: string;
  drugGroupId: string;
  quantityMilli: number;
  daysSupply: number;
  directions: string;
  refillsAuthorized: number;
  refillsRemaining: number;
  writtenDate: string;
  expiryDate: string;
  /** Fills made elsewhere before a transfer (so the refills left stay right); 0 for a new prescription. */
  fillCount: number;
  lastFillDate: string | null;
  origin: {
    kind: 'eprescribed' | 'transfer';
    createdByUserId: string;
    transferId?: string;
    contactRequestId?: string;
  };
  now: Date;
}

export async function createPrescription(
  tx: Tx,
  p: NewPrescription,
): Promise<{ id: string; rxNumber: string }> {
  const result = (await tx.execute(sql`select nextval('rx_number_seq')::text as n`)) as unknown as
    | { rows: Array<{ n: string }> }
    | Array<{ n: string }>;
  const rxNumber = (Array.isArray(result) ? result : result.rows)[0]?.n as string;
  const [row] = await tx
    .insert(schema.prescriptions)
    .values({
      rxNumber,
      memberId: p.memberId,
      prescriberId: p.prescriberId,
      pharmacyId: p.pharmacyId,
      ndc: p.ndc,
      drugGroupId: p.drugGroupId,
      quantityMilli: p.quantityMilli,
      daysSupply: p.daysSupply,
      directions: p.directions,
      refillsAuthorized: p.refillsAuthorized,
      refillsRemaining: p.refillsRemaining,
      writtenDate: p.writtenDate,
      expiryDate: p.expiryDate,
      fillCount: p.fillCount,
      lastFillDate: p.lastFillDate,
      status: 'active',
      createdAt: p.now,
      updatedAt: p.now,
    })
    .returning({ id: schema.prescriptions.id, rxNumber: schema.prescriptions.rxNumber });
  if (!row) throw new InvariantBroken('prescription insert returned nothing');
  await tx.insert(schema.prescriptionOrigins).values({
    prescriptionId: row.id,
    origin: p.origin.kind,
    createdByUserId: p.origin.createdByUserId,
    transferId: p.origin.transferId ?? null,
    contactRequestId: p.origin.contactRequestId ?? null,
    createdAt: p.now,
  });
  return row;
}

/** The home-delivery pharmacy in the member's plan network today (null when the plan has none). */
export async function homeDeliveryPharmacyFor(
  db: Database,
  memberId: string,
): Promise<{ id: string; name: string } | null> {
  const result = (await db.execute(sql`
    select ph.id, ph.name from eligibility_spans s
      join plans pl on pl.id = s.plan_id
      join network_pharmacies np on np.network_id = pl.pharmacy_network_id
      join pharmacies ph on ph.id = np.pharmacy_id
     where s.member_id = ${memberId} and s.status = 'active' and ph.home_delivery and ph.status = 'active'
     order by s.start_date desc, ph.name limit 1`)) as unknown as
    | { rows: Array<{ id: string; name: string }> }
    | Array<{ id: string; name: string }>;
  const rows = Array.isArray(result) ? result : result.rows;
  return rows[0] ?? null;
}

/** A drug package by NDC with its group (null when unknown). */
export async function productByNdc(db: Database, ndc: string) {
  const result = (await db.execute(sql`
    select dp.ndc, dp.name, dp.drug_group_id, dg.dea_schedule from drug_products dp
      join drug_groups dg on dg.id = dp.drug_group_id where dp.ndc = ${ndc}`)) as unknown as
    | { rows: Array<{ ndc: string; name: string; drug_group_id: string; dea_schedule: string | null }> }
    | Array<{ ndc: string; name: string; drug_group_id: string; dea_schedule: string | null }>;
  const rows = Array.isArray(result) ? result : result.rows;
  return rows[0] ?? null;
}
