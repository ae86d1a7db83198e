// Member claims history and receipts (explanation of benefits): what each fill cost, who paid what, and what
// counted toward the deductible and out-of-pocket maximum. Every read is audited.
import { localDateInTimeZone } from '@openpbm/domain';
import type { ClaimReceiptResponse, ClaimSummary, ClaimsHistoryResponse } from '@openpbm/shared/benefits';
import type { AppDeps } from '../app-deps';
import { notFound } from '../platform/problem';
import { auditMemberRead, type ReadContext } from './audit-reads';
import {
  type ClaimRow,
  findClaimPlanYears,
  findMemberClaim,
  findMemberClaims,
  findPlanYearById,
} from './claims-history-repo';
import { loadMemberBenefitContext } from './member-benefit-context';
import { summarizePaidSoFar } from './paid-so-far';
import { memberRejectReasons } from './reject-reasons';
import { resolveViewableMember, type ViewableMemberRecord } from './viewable-members';

const fullName = (member: { firstName: string; lastName: string }) =>
  `${member.firstName} ${member.lastName}`;

const STATUS_NOTES: Record<ClaimSummary['status'], string> = {
  paid: 'Your plan paid its share of this fill.',
  captured:
    'Your plan accepted this claim and it is not final yet (for example, a home-delivery order that has not shipped). Amounts show once it is final.',
  rejected:
    'Your plan did not pay this claim, so there is no amount to show here. What the pharmacy asks you to pay is between you and the pharmacy.',
  reversed:
    'The pharmacy reversed this claim: the fill was returned to stock or canceled. You owe nothing for it and it does not count toward your deductible or out-of-pocket maximum.',
};

const longDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

/** The refill-too-soon date from the ER DUR response stored with a 79 ("REFILL ON/AFTER CCYYMMDD"). */
function refillDateOf(dur: ClaimRow['durResponse']): string | null {
  for (const entry of dur ?? []) {
    const match =
      entry.reasonForServiceCode === 'ER' && /REFILL ON\/AFTER (\d{4})(\d{2})(\d{2})/.exec(entry.freeText);
    if (match) return longDate.format(new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`));
  }
  return null;
}

const status = (row: ClaimRow): ClaimSummary['status'] =>
  row.status === 'reversed' || row.status === 'rejected' || row.status === 'captured' ? row.status : 'paid';

export function toClaimSummary(row: ClaimRow): ClaimSummary {
  const shown = status(row);
  // Rejected and captured claims have no final amounts; a reversed one leaves nothing owed and nothing counted.
  const money =
    shown === 'paid'
      ? {
          totalCents: row.ingredientCostCents + row.dispensingFeeCents,
          planPaidCents: row.planPayCents,
          youPaidCents: row.patientPayCents,
          appliedToDeductibleCents: row.appliedToDeductibleCents,
          appliedToOopCents: row.appliedToOopCents,
        }
      : shown === 'reversed'
        ? {
            totalCents: row.ingredientCostCents + row.dispensingFeeCents,
            planPaidCents: 0,
            youPaidCents: 0,
            appliedToDeductibleCents: 0,
            appliedToOopCents: 0,
          }
        : {
            totalCents: null,
            planPaidCents: null,
            youPaidCents: null,
            appliedToDeductibleCents: null,
            appliedToOopCents: null,
          };
  return {
    claimId: row.id,
    dateOfService: row.dateOfService,
    drugName: row.productName ?? row.groupName ?? (row.ndc ? `NDC ${row.ndc}` : 'Unknown drug'),
    ndc: row.ndc,
    pharmacyName: row.pharmacyName,
    rxNumber: row.rxNumber,
    quantity: row.quantityMilli == null ? null : row.quantityMilli / 1000,
    daysSupply: row.daysSupply,
    status: shown,
    statusNote: STATUS_NOTES[shown],
    ...money,
    rejectReasons:
      shown === 'rejected'
        ? memberRejectReasons(row.rejectCodes, { refillOn: refillDateOf(row.durResponse) })
        : [],
    hasReceipt: shown === 'paid' || shown === 'reversed',
  };
}

interface PlanYearRef {
  /** Null when no claim has been paid in that plan year yet (the row does not exist). */
  id: string | null;
  planId: string;
  year: number;
  startDate: string;
  endDate: string;
}

/** The plan year to show: the one asked for, else the current plan year, else the latest with claims. */
async function choosePlanYear(
  deps: AppDeps,
  member: ViewableMemberRecord,
  requestedYear: number | undefined,
): Promise<{ chosen: PlanYearRef | null; years: number[] }> {
  const db = deps.db.db;
  const [withClaims, today] = await Promise.all([
    findClaimPlanYears(db, member.memberId),
    loadMemberBenefitContext(db, { memberId: member.memberId, at: deps.now() }),
  ]);
  const current: PlanYearRef | null =
    today?.plan && today.planYear && today.eligibility.inForce
      ? { ...today.planYear, planId: today.plan.id }
      : null;
  const years = [...new Set([...(current ? [current.year] : []), ...withClaims.map((y) => y.year)])].sort(
    (a, b) => b - a,
  );
  if (requestedYear != null) {
    if (current && current.year === requestedYear) return { chosen: current, years };
    const match = withClaims.find((y) => y.year === requestedYear);
    return { chosen: match ? { ...match, id: match.planYearId } : null, years };
  }
  const latest = withClaims[0];
  return { chosen: current ?? (latest ? { ...latest, id: latest.planYearId } : null), years };
}

/**
 * Deductible and OOP progress for a plan year, read through the shared benefit context on the last day of that
 * plan year that has passed (today for the current year), so family limits and coverage level match claims.
 */
async function paidSoFarFor(deps: AppDeps, member: ViewableMemberRecord, planYear: PlanYearRef) {
  // Today clamped into the plan year (ISO dates sort as strings).
  const today = localDateInTimeZone(deps.now(), member.timeZone);
  const [, onDate] = [planYear.startDate, today, planYear.endDate].sort();
  const context = await loadMemberBenefitContext(deps.db.db, {
    memberId: member.memberId,
    dateOfService: onDate ?? planYear.endDate,
    planId: planYear.planId,
  });
  if (!context?.plan || !context.planYear) return null;
  return {
    plan: context.plan,
    summary: summarizePaidSoFar({
      limits: context.plan.benefit,
      coverageLevel: context.eligibility.coverageLevel,
      planYear: context.planYear,
      accumulators: context.accumulators.values,
    }),
  };
}

export async function getClaimsHistory(
  deps: AppDeps,
  read: ReadContext,
  memberId: string,
  requestedYear?: number,
): Promise<ClaimsHistoryResponse> {
  const member = await resolveViewableMember(deps, read.principal, memberId);
  const { chosen, years } = await choosePlanYear(deps, member, requestedYear);
  if (requestedYear != null && !chosen) throw notFound('There are no claims for that plan year.');
  const rows = chosen ? await findMemberClaims(deps.db.db, member.memberId, chosen) : [];
  const claims = rows.map(toClaimSummary);
  const paid = claims.filter((claim) => claim.status === 'paid');
  const soFar = chosen ? await paidSoFarFor(deps, member, chosen) : null;
  await auditMemberRead(deps, read, {
    resourceType: 'claims_history',
    // The plan year shown; one key in detail because jsonb reorders keys (see the report on audit hashing).
    resourceId: chosen?.id ?? null,
    member,
    detail: { claims: claims.length },
  });
  return {
    memberId: member.memberId,
    memberName: fullName(member),
    planName: soFar?.plan.name ?? null,
    planYear: chosen ? { year: chosen.year, startDate: chosen.startDate, endDate: chosen.endDate } : null,
    planYears: years,
    claims,
    totals: {
      planPaidCents: paid.reduce((sum, claim) => sum + (claim.planPaidCents ?? 0), 0),
      youPaidCents: paid.reduce((sum, claim) => sum + (claim.youPaidCents ?? 0), 0),
      claimCount: paid.length,
    },
    paidSoFar: soFar?.summary ?? null,
  };
}

export async function getClaimReceipt(
  deps: AppDeps,
  read: ReadContext,
  memberId: string,
  claimId: string,
): Promise<ClaimReceiptResponse> {
  const member = await resolveViewableMember(deps, read.principal, memberId);
  const db = deps.db.db;
  const row = await findMemberClaim(db, member.memberId, claimId);
  if (!row) throw notFound('No claim with this id is available to you.');
  const today = localDateInTimeZone(deps.now(), member.timeZone);
  const planYearRow = row.planYearId ? await findPlanYearById(db, row.planYearId) : null;
  const soFar = planYearRow ? await paidSoFarFor(deps, member, planYearRow) : null;
  const plan = soFar?.plan ?? null;
  await auditMemberRead(deps, read, { resourceType: 'claim', resourceId: row.id, member });
  const summary = toClaimSummary(row);
  return {
    claim: {
      ...summary,
      // Receipts exist for paid and reversed claims only, whose amounts are never null.
      totalCents: summary.totalCents ?? 0,
      planPaidCents: summary.planPaidCents ?? 0,
      youPaidCents: summary.youPaidCents ?? 0,
      appliedToDeductibleCents: summary.appliedToDeductibleCents ?? 0,
      appliedToOopCents: summary.appliedToOopCents ?? 0,
      tier: row.tier,
      channel: row.channel,
      ingredientCostCents: row.ingredientCostCents,
      dispensingFeeCents: row.dispensingFeeCents,
      authorizationNumber: row.authorizationNumber,
      pharmacy: row.pharmacy?.name
        ? (row.pharmacy as NonNullable<ClaimReceiptResponse['claim']['pharmacy']>)
        : null,
      reversedAt: row.reversedAt?.toISOString() ?? null,
    },
    member: { memberId: member.memberId, name: fullName(member) },
    plan: plan
      ? {
          name: plan.name,
          bin: plan.bin,
          pcn: plan.pcn,
          rxGroup: plan.rxGroup,
          customerServicePhone: plan.customerServicePhone,
        }
      : null,
    paidSoFar: soFar?.summary ?? null,
    issuedOn: today,
  };
}
