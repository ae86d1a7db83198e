// The one way every portal shows dates and times (DESIGN.md: "one date formatter"). Two kinds of value:
// - a calendar date ("2026-03-10": a date of birth, a fill date, a plan year) is already the member's own date,
//   so it is shown as is, never shifted by a time zone;
// - an instant (an ISO timestamp, stored UTC) is shown in the reader's time zone, with the zone's name, so a
//   deadline reads the same to a member, a prescriber and a reviewer in different places.
const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
const calendarDate = new Intl.DateTimeFormat('en-US', { ...DAY, timeZone: 'UTC' });
const instants = new Map<string, Intl.DateTimeFormat>();

function instantFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = instants.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      ...DAY,
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
      timeZone,
    });
    instants.set(key, format);
  }
  return format;
}

/** "2026-03-10" → "Mar 10, 2026"; missing or malformed → "—". */
export function formatDate(date: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? '');
  if (!match) return '—';
  return calendarDate.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/**
 * "2026-12-03T19:05:02Z" → "Dec 3, 2026, 2:05 PM EST" in the reader's time zone (the browser's), or in `timeZone`
 * when given; missing or malformed → "—".
 */
export function formatInstant(iso: string | null | undefined, timeZone?: string): string {
  const at = iso ? new Date(iso) : null;
  if (!at || Number.isNaN(at.getTime())) return '—';
  return instantFormat(timeZone).format(at);
}
