// An iCalendar (RFC 5545) file for one webinar: one VEVENT with a stable UID, DTSTAMP and UTC times.
// Written by hand rather than with the `ics` package: a single event needs a dozen lines, and the two rules that
// matter (TEXT escaping, 3.3.11, and folding lines at 75 octets, 3.1) are short; a dependency would bring its
// own date and validation layers for no gain.

export interface CalendarEvent {
  uid: string;
  title: string;
  description: string;
  url: string;
  startsAt: Date;
  minutes: number;
  stampedAt: Date;
}

/** 20260304T170000Z */
const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** TEXT values: backslash, semicolon, comma and line breaks are escaped. */
const escapeText = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets continue on the next line after CRLF and one space (never inside a character). */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function icsFile(e: CalendarEvent): string {
  const endsAt = new Date(e.startsAt.getTime() + e.minutes * 60_000);
  return `${[
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//OpenPBM//Client portal webinars//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${utc(e.stampedAt)}`,
    `DTSTART:${utc(e.startsAt)}`,
    `DTEND:${utc(endsAt)}`,
    `SUMMARY:${escapeText(e.title)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
    `URL:${e.url}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ]
    .map(fold)
    .join('\r\n')}\r\n`;
}
