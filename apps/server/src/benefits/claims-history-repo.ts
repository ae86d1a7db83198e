// Reads of a member's pharmacy claims (every B1: paid, captured, rejected, reversed) and their plan years.
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import { and, between, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { pharmacyContactColumns } from '../pharmacy-locator/columns';

const { claims, drugProducts, drugGroups, pharmacies, planYears } = schema;

/** Statuses with a receipt (explanation of benefits): rejected and captured claims have no final amounts. */
const WITH_RECEIPT = ['paid', 'reversed'] as const;

const claimColumns = {
  id: claims.id,
  dateOfService: claims.dateOfService,
  status: claims.status,
  ndc: claims.ndc,
  productName: drugProducts.name,
  groupName: drugGroups.name,
  pharmacyName: pharmacies.name,
  rxNumber: claims.rxNumber,
  quantityMilli: claims.quantityMilli,
  daysSupply: claims.daysSupply,
  ingredientCostCents: claims.ingredientCostCents,
  dispensingFeeCents: claims.dispensingFeeCents,
  patientPayCents: claims.patientPayCents,
  planPayCents: claims.planPayCents,
  appliedToDeductibleCents: claims.appliedToDeductibleCents,
  appliedToOopCents: claims.appliedToOopCents,
  planYearId: claims.planYearId,
  planId: claims.planId,
  rejectCodes: claims.rejectCodes,
  durResponse: claims.durResponse,
};

function claimsWithNames(db: Database) {
  return db
    .select(claimColumns)
    .from(claims)
    .leftJoin(drugProducts, eq(drugProducts.ndc, claims.ndc))
    .leftJoin(drugGroups, eq(drugGroups.id, claims.drugGroupId))
    .leftJoin(pharmacies, eq(pharmacies.id, claims.pharmacyId));
}

/**
 * All of a member's B1 claims in one plan year, newest first. A claim rejected before the plan year's row existed
 * (it is created with the first paid claim) has no plan_year_id: the plan year's dates place it.
 */
export async function findMemberClaims(
  db: Database,
  memberId: string,
  planYear: { id: string | null; startDate: string; endDate: string },
) {
  const inYear = planYear.id
    ? or(eq(claims.planYearId, planYear.id), isNull(claims.planYearId))
    : isNull(claims.planYearId);
  return claimsWithNames(db)
    .where(
      and(
        eq(claims.memberId, memberId),
        between(claims.dateOfService, planYear.startDate, planYear.endDate),
        inYear,
        eq(claims.transactionCode, 'B1'),
      ),
    )
    .orderBy(desc(claims.dateOfService), desc(claims.receivedAt));
}

/** Plan years (with plan) in which the member has claims, newest first. */
export async function findClaimPlanYears(
  db: Database,
  memberId: string,
): Promise<Array<{ planYearId: string; planId: string; year: number; startDate: string; endDate: string }>> {
  return db
    .selectDistinct({
      planYearId: planYears.id,
      planId: planYears.planId,
      year: planYears.year,
      startDate: planYears.startDate,
      endDate: planYears.endDate,
    })
    .from(claims)
    .innerJoin(planYears, eq(planYears.id, claims.planYearId))
    .where(and(eq(claims.memberId, memberId), eq(claims.transactionCode, 'B1')))
    .orderBy(desc(planYears.year));
}

export async function findPlanYearById(
  db: Database,
  id: string,
): Promise<{ id: string; planId: string; year: number; startDate: string; endDate: string } | null> {
  const [row] = await db
    .select({
      id: planYears.id,
      planId: planYears.planId,
      year: planYears.year,
      startDate: planYears.startDate,
      endDate: planYears.endDate,
    })
    .from(planYears)
    .where(eq(planYears.id, id));
  return row ?? null;
}

/** One of a member's paid or reversed B1 claims with pharmacy and plan details for a receipt. */
export async function findMemberClaim(db: Database, memberId: string, claimId: string) {
  const [row] = await db
    .select({
      ...claimColumns,
      tier: claims.tier,
      channel: claims.channel,
      authorizationNumber: claims.authorizationNumber,
      reversedAt: claims.reversedAt,
      pharmacy: pharmacyContactColumns,
    })
    .from(claims)
    .leftJoin(drugProducts, eq(drugProducts.ndc, claims.ndc))
    .leftJoin(drugGroups, eq(drugGroups.id, claims.drugGroupId))
    .leftJoin(pharmacies, eq(pharmacies.id, claims.pharmacyId))
    .where(
      and(
        eq(claims.id, claimId),
        eq(claims.memberId, memberId),
        eq(claims.transactionCode, 'B1'),
        inArray(claims.status, [...WITH_RECEIPT]),
      ),
    );
  return row ?? null;
}

export type ClaimRow = Awaited<ReturnType<typeof findMemberClaims>>[number];
