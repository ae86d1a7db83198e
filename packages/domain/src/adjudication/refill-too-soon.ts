import { type DispensingContext, durResponse } from '../dur/fields';
import type { DurResponse } from '../dur/types';
import { nextEligibleRefillDate } from '../refill/refill-timing';
import { compareLocalDates, type LocalDate, toNcpdpDate } from '../time/local-date';
import { type Rejection, rejection } from './reject-codes';
import type { MedicationHistoryEntry } from './types';

export interface RefillTooSoonCheck {
  rejection: Rejection | null;
  /** First day the fill is allowed; null when there is no earlier fill of the drug. */
  eligibleOn: LocalDate | null;
  previousFill: MedicationHistoryEntry | null;
  /** ER response describing the previous fill, present whenever the fill is early. */
  dur: DurResponse | null;
}

/** Latest earlier fill of the same drug group (generic equivalents count as the same drug). */
export function previousFillOf(
  history: readonly MedicationHistoryEntry[],
  drugGroupId: string,
  dateOfService: LocalDate,
): MedicationHistoryEntry | null {
  let latest: MedicationHistoryEntry | null = null;
  for (const fill of history) {
    if (fill.drugGroupId !== drugGroupId || compareLocalDates(fill.fillDate, dateOfService) > 0) continue;
    if (!latest || fill.fillDate > latest.fillDate) latest = fill;
  }
  return latest;
}

/**
 * 79 when less than the threshold (75% by default) of the previous fill's days supply has elapsed, with the
 * date the refill becomes eligible and an ER DUR response. `overridden` (a plan-accepted ER override) turns the
 * reject into an informational response.
 */
export function checkRefillTooSoon(args: {
  drugGroupId: string;
  dateOfService: LocalDate;
  history: readonly MedicationHistoryEntry[];
  thresholdBps: number;
  dispensing: DispensingContext;
  overridden?: boolean;
}): RefillTooSoonCheck {
  const previousFill = previousFillOf(args.history, args.drugGroupId, args.dateOfService);
  if (!previousFill) return { rejection: null, eligibleOn: null, previousFill: null, dur: null };
  const eligibleOn = nextEligibleRefillDate(previousFill, args.thresholdBps);
  if (compareLocalDates(args.dateOfService, eligibleOn) >= 0) {
    return { rejection: null, eligibleOn, previousFill, dur: null };
  }
  const dur = durResponse({
    reason: 'ER',
    clinicalSignificance: '',
    previousFill,
    current: args.dispensing,
    freeText: `REFILL ON/AFTER ${toNcpdpDate(eligibleOn)}`,
    additionalText: `Previous fill ${previousFill.fillDate}, ${previousFill.daysSupply} days supply; eligible on ${eligibleOn}`,
    disposition: args.overridden ? 'overridden' : 'reject',
  });
  return {
    rejection: args.overridden ? null : rejection('79', `next fill allowed on ${eligibleOn}`),
    eligibleOn,
    previousFill,
    dur,
  };
}
