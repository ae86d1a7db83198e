// A claim row as history (a paid fill on a date), inserted directly: for tests that need a member's past fills
// rather than the adjudication itself (the claims tests send real D.0 requests).
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import type { MemberRef, PharmacyRef } from './people';
import { nextN, one } from './unique';

export interface ClaimOverrides {
  member: MemberRef;
  ndc: string;
  pharmacy: PharmacyRef;
  drugGroupId?: string;
  dateOfService?: string;
  status?: 'paid' | 'rejected' | 'captured';
  rejectCodes?: string[];
  quantity?: number;
  daysSupply?: number;
  patientPayCents?: number;
  planPayCents?: number;
  tier?: 1 | 2 | 3 | 4;
}

export async function aClaim(db: Database, o: ClaimOverrides): Promise<{ id: string; rxNumber: string }> {
  const rxNumber = String(nextN());
  const row = one(
    await db
      .insert(schema.claims)
      .values({
        transactionCode: 'B1',
        bin: o.member.plan.routing.bin,
        pcn: o.member.plan.routing.pcn,
        rxGroup: o.member.plan.routing.group,
        serviceProviderId: o.pharmacy.npi,
        pharmacyId: o.pharmacy.id,
        memberId: o.member.id,
        clientId: o.member.clientId,
        planId: o.member.plan.id,
        planYearId: o.member.plan.planYearId,
        rxNumber,
        fillNumber: 0,
        ndc: o.ndc,
        drugGroupId: o.drugGroupId ?? null,
        quantityMilli: (o.quantity ?? 30) * 1_000,
        daysSupply: o.daysSupply ?? 30,
        dateOfService: o.dateOfService ?? '2026-03-10',
        status: o.status ?? 'paid',
        rejectCodes: o.rejectCodes ?? [],
        tier: o.tier ?? 1,
        channel: 'retail_30',
        patientPayCents: o.patientPayCents ?? 1_000,
        planPayCents: o.planPayCents ?? 500,
      })
      .returning({ id: schema.claims.id }),
  );
  return { id: row.id, rxNumber };
}
