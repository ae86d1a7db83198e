import { formatLocalDate, type LocalDate } from './local-date';

/** An instant: a Date, epoch milliseconds, or an ISO 8601 string with an offset ("2027-01-01T07:30:00Z"). */
export type Instant = Date | number | string;

// Building a DateTimeFormat costs far more than using one; a process sees only a handful of zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows this IANA zone ("America/Los_Angeles"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function toDate(instant: Instant): Date {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(instant)}`);
  return date;
}

export interface ZonedDateTime {
  date: LocalDate;
  hour: number;
  minute: number;
  second: number;
}

/** Wall-clock date and time of an instant in an IANA time zone, computed with Intl (tz database of the runtime). */
export function zonedDateTime(instant: Instant, timeZone: string): ZonedDateTime {
  const parts = formatterFor(timeZone).formatToParts(toDate(instant));
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((part) => part.type === type)?.value ?? '';
  const yearOfEra = Number(get('year'));
  // Intl reports years before 1 CE as era "BC"; convert to astronomical numbering so arithmetic stays linear.
  const year = get('era') === 'BC' ? 1 - yearOfEra : yearOfEra;
  return {
    date: formatLocalDate({ year, month: Number(get('month')), day: Number(get('day')) }),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
  };
}

/** The calendar date an instant falls on in the member's time zone (what "today" means for them). */
export function localDateInTimeZone(instant: Instant, timeZone: string): LocalDate {
  return zonedDateTime(instant, timeZone).date;
}
