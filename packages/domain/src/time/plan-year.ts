import { addDays, daysInMonth, formatLocalDate, type LocalDate, parseLocalDate } from './local-date';
import { type Instant, localDateInTimeZone } from './zoned';

/** Month (1-12) and day on which every plan year begins, e.g. { month: 1, day: 1 } or { month: 7, day: 1 }. */
export interface PlanYearStart {
  month: number;
  day: number;
}

export interface PlanYear {
  /** Calendar year in which this plan year starts (a July plan year 2026-07-01..2027-06-30 is 2026). */
  year: number;
  startDate: LocalDate;
  /** Last day of the plan year, inclusive. */
  endDate: LocalDate;
}

/** Throws unless the start exists in every year (Feb 29 would not). */
export function assertPlanYearStart(start: PlanYearStart): void {
  const { month, day } = start;
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError('plan year start month must be 1-12');
  // 2025 is not a leap year, so Feb 29 fails here on purpose.
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(2025, month)) {
    throw new RangeError('plan year start day must exist in every year');
  }
}

function planYearStarting(year: number, start: PlanYearStart): PlanYear {
  const startDate = formatLocalDate({ year, month: start.month, day: start.day });
  const nextStart = formatLocalDate({ year: year + 1, month: start.month, day: start.day });
  return { year, startDate, endDate: addDays(nextStart, -1) };
}

/** Plan year containing a calendar date; accumulators reset on the plan-year start date. */
export function planYearForDate(date: LocalDate, start: PlanYearStart): PlanYear {
  assertPlanYearStart(start);
  const { year, month, day } = parseLocalDate(date);
  const beforeStart = month < start.month || (month === start.month && day < start.day);
  return planYearStarting(beforeStart ? year - 1 : year, start);
}

/**
 * Plan year of an instant as seen in the member's time zone: 2027-01-01T07:30Z is still Dec 31 2026 in
 * America/Los_Angeles, so it belongs to the 2026 plan year even though UTC already says 2027.
 */
export function planYearForInstant(instant: Instant, timeZone: string, start: PlanYearStart): PlanYear {
  return planYearForDate(localDateInTimeZone(instant, timeZone), start);
}
