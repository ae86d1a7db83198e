import { DEFAULT_REFILL_THRESHOLD_BPS } from '../benefit/types';
import { assertNonNegativeInteger } from '../money/cents';
import { addDays, daysBetween, type LocalDate } from '../time/local-date';

export interface PreviousFill {
  fillDate: LocalDate;
  daysSupply: number;
}

/**
 * First day a refill is allowed: at least `thresholdBps` of the previous fill's days supply must have elapsed
 * (75% by default). Day counts are whole days, so the wait is ceil(daysSupply × threshold): 30 days → day 23.
 */
export function nextEligibleRefillDate(
  previous: PreviousFill,
  thresholdBps: number = DEFAULT_REFILL_THRESHOLD_BPS,
): LocalDate {
  assertNonNegativeInteger(previous.daysSupply, 'daysSupply');
  assertNonNegativeInteger(thresholdBps, 'thresholdBps');
  const waitDays = Math.ceil((previous.daysSupply * thresholdBps) / 10_000);
  return addDays(previous.fillDate, waitDays);
}

/** True when less than the threshold share of the previous days supply has elapsed on `date`. */
export function isRefillTooSoon(
  previous: PreviousFill,
  date: LocalDate,
  thresholdBps: number = DEFAULT_REFILL_THRESHOLD_BPS,
): boolean {
  return daysBetween(nextEligibleRefillDate(previous, thresholdBps), date) < 0;
}
