import { daysBetween, type LocalDate } from '../time/local-date';
import { type Rejection, rejection } from './reject-codes';
import type { FormularyEntry, MedicationHistoryEntry, PriorAuthApproval } from './types';

/**
 * 608 when the formulary requires trying a prerequisite drug first and the member has no fill of one within
 * the lookback window. An approved PA (step-therapy exception) covering the claim satisfies the step.
 */
export function checkStepTherapy(args: {
  formularyEntry: FormularyEntry;
  dateOfService: LocalDate;
  history: readonly MedicationHistoryEntry[];
  coveringApproval: PriorAuthApproval | null;
}): Rejection | null {
  const step = args.formularyEntry.stepTherapy;
  if (!step || step.prerequisiteDrugGroupIds.length === 0 || args.coveringApproval) return null;
  const satisfied = args.history.some((fill) => {
    const age = daysBetween(fill.fillDate, args.dateOfService);
    return step.prerequisiteDrugGroupIds.includes(fill.drugGroupId) && age >= 0 && age <= step.lookbackDays;
  });
  return satisfied ? null : rejection('608', `no prerequisite therapy in the last ${step.lookbackDays} days`);
}
