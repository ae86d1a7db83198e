/**
 * Calendar dates without a time zone ("2026-03-15"). Dates of service, fill dates and plan-year bounds are
 * calendar days in the member's time zone, so arithmetic on them must never pass through local midnight
 * instants: we count whole days on the proleptic Gregorian calendar via Date.UTC, which has no DST.
 */
export type LocalDate = string;

const MS_PER_DAY = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses "YYYY-MM-DD", rejecting impossible dates such as 2026-02-30. */
export function parseLocalDate(value: LocalDate): DateParts {
  const match = LOCAL_DATE.exec(value);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${value}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`not a calendar date: ${value}`);
  }
  return { year, month, day };
}

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  try {
    parseLocalDate(value);
    return true;
  } catch {
    return false;
  }
}

export function formatLocalDate({ year, month, day }: DateParts): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(value: LocalDate): number {
  const { year, month, day } = parseLocalDate(value);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromEpochDay(epochDay: number): LocalDate {
  const date = new Date(epochDay * MS_PER_DAY);
  return formatLocalDate({
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
  });
}

export function addDays(value: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(value) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Adds calendar months; the day clamps to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(value: LocalDate, months: number): LocalDate {
  const { year, month, day } = parseLocalDate(value);
  const monthIndex = year * 12 + (month - 1) + months;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = (monthIndex % 12) + 1;
  return formatLocalDate({
    year: newYear,
    month: newMonth,
    day: Math.min(day, daysInMonth(newYear, newMonth)),
  });
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return toEpochDay(a) - toEpochDay(b);
}

/** NCPDP date format CCYYMMDD. */
export function toNcpdpDate(value: LocalDate): string {
  parseLocalDate(value);
  return value.replaceAll('-', '');
}

/** Whole years between a date of birth and a date (both YYYY-MM-DD): someone born on 29 Feb turns a year older on 1 Mar. */
export function ageOn(dateOfBirth: LocalDate, on: LocalDate): number {
  const birth = parseLocalDate(dateOfBirth);
  const day = parseLocalDate(on);
  const hadBirthday = day.month > birth.month || (day.month === birth.month && day.day >= birth.day);
  return day.year - birth.year - (hadBirthday ? 0 : 1);
}
