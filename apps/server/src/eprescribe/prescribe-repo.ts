// SQL for e-prescribing. Policy lives in prescribe-service.ts. `prescriberRepo(db, scope)` reads the signed-in
// prescriber's own record and prescriptions; `systemPrescribeRepo(db)` finds the patient by member number (the
// service then checks the date of birth) and the pharmacy by NCPDP ID, reads that see across members.
import { type DatabaseHandle, schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import type { ScopeOf } from '../platform/data-scope';

export interface PrescriberPrescriptionRow {
  id: string;
  rx_number: string;
  member_id: string;
  first_name: string;
  last_name: string;
  drug_name: string;
  quantity_milli: number;
  days_supply: number;
  refills_authorized: number;
  written_date: string;
  expiry_date: string;
  pharmacy_name: string;
  status: string;
}

export function prescriberRepo(db: DatabaseHandle, scope: ScopeOf<'prescriber'>) {
  return {
    async self() {
      const [row] = await db.db
        .select()
        .from(schema.prescribers)
        .where(eq(schema.prescribers.id, scope.prescriberId));
      return row ?? null;
    },
    /** The prescriber's 50 newest prescriptions. */
    async recentPrescriptions(): Promise<PrescriberPrescriptionRow[]> {
      const { rows } = await db.sql.query<PrescriberPrescriptionRow>(
        `select p.id, p.rx_number, p.member_id, m.first_name, m.last_name, coalesce(dp.name, dg.name) as drug_name, p.quantity_milli,
                p.days_supply, p.refills_authorized, p.written_date::text as written_date, p.expiry_date::text as expiry_date,
                ph.name as pharmacy_name, p.status
           from prescriptions p join members m on m.id = p.member_id join drug_groups dg on dg.id = p.drug_group_id
           left join drug_products dp on dp.ndc = p.ndc join pharmacies ph on ph.id = p.pharmacy_id
          where p.prescriber_id = $1 order by p.created_at desc limit 50`,
        [scope.prescriberId],
      );
      return rows;
    },
  };
}

export function systemPrescribeRepo(db: DatabaseHandle) {
  return {
    async memberByNumberIndex(memberNumberBidx: string) {
      const [row] = await db.db
        .select()
        .from(schema.members)
        .where(eq(schema.members.memberNumberBidx, memberNumberBidx));
      return row ?? null;
    },
    async pharmacyByNcpdpId(ncpdpId: string) {
      const [row] = await db.db
        .select()
        .from(schema.pharmacies)
        .where(eq(schema.pharmacies.ncpdpId, ncpdpId));
      return row ?? null;
    },
  };
}
