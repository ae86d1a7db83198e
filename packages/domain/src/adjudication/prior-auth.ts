import { compareLocalDates, type LocalDate } from '../time/local-date';
import { type Rejection, rejection } from './reject-codes';
import type { FormularyEntry, PriorAuthApproval } from './types';

export interface PriorAuthClaimFacts {
  drugGroupId: string;
  dateOfService: LocalDate;
  quantityMilli: number;
  daysSupply: number;
}

/** An approval for the drug group whose dates contain the date of service and whose limits fit the fill. */
function covers(approval: PriorAuthApproval, claim: PriorAuthClaimFacts): boolean {
  return (
    approval.status === 'approved' &&
    approval.drugGroupId === claim.drugGroupId &&
    compareLocalDates(approval.effectiveDate, claim.dateOfService) <= 0 &&
    compareLocalDates(claim.dateOfService, approval.expirationDate) <= 0 &&
    (approval.maxQuantityMilliPerFill == null || claim.quantityMilli <= approval.maxQuantityMilliPerFill) &&
    (approval.maxDaysSupplyPerFill == null || claim.daysSupply <= approval.maxDaysSupplyPerFill)
  );
}

/**
 * An approved PA covering this fill. Formulary exceptions are left out: an exception decides coverage and
 * tier, it does not stand in for the PA or step therapy a covered drug requires.
 */
export function findCoveringPriorAuth(
  approvals: readonly PriorAuthApproval[],
  claim: PriorAuthClaimFacts,
): PriorAuthApproval | null {
  return (
    approvals.find((approval) => approval.kind !== 'formulary_exception' && covers(approval, claim)) ?? null
  );
}

/** An approved formulary exception covering this fill, matched exactly like a PA (drug group, dates, limits). */
export function findCoveringException(
  approvals: readonly PriorAuthApproval[],
  claim: PriorAuthClaimFacts,
): PriorAuthApproval | null {
  return (
    approvals.find((approval) => approval.kind === 'formulary_exception' && covers(approval, claim)) ?? null
  );
}

/** 75 when the formulary requires PA and no approval on file covers this date and quantity. */
export function checkPriorAuthorization(
  formularyEntry: FormularyEntry,
  coveringApproval: PriorAuthApproval | null,
): Rejection | null {
  if (!formularyEntry.requiresPriorAuth || coveringApproval) return null;
  return rejection('75', 'no approval on file for this date and quantity');
}
