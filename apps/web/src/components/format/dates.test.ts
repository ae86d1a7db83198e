import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDate, formatInstant } from './dates';

describe('formatDate (calendar dates)', () => {
  it('shows the date as written, whatever the reader’s time zone', () => {
    expect(formatDate('2026-03-10')).toBe('Mar 10, 2026');
    expect(formatDate('2026-12-31')).toBe('Dec 31, 2026');
    expect(formatDate('2027-01-01T00:00:00Z')).toBe('Jan 1, 2027');
  });

  it('shows a dash for nothing', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate(undefined)).toBe('—');
    expect(formatDate('soon')).toBe('—');
  });
});

describe('formatInstant (timestamps)', () => {
  it('shows the instant in the given time zone with the zone’s name', () => {
    expect(formatInstant('2026-12-03T19:05:02Z', 'America/New_York')).toBe('Dec 3, 2026, 2:05 PM EST');
    expect(formatInstant('2026-12-03T19:05:02Z', 'America/Los_Angeles')).toBe('Dec 3, 2026, 11:05 AM PST');
    expect(formatInstant('2026-07-01T03:30:00Z', 'America/Chicago')).toBe('Jun 30, 2026, 10:30 PM CDT');
  });

  it('uses the reader’s own time zone by default', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(formatInstant('2026-12-03T19:05:02Z')).toBe(formatInstant('2026-12-03T19:05:02Z', zone));
  });

  it('shows a dash for nothing', () => {
    expect(formatInstant(null)).toBe('—');
    expect(formatInstant('not a time')).toBe('—');
  });
});

describe('one formatter', () => {
  const src = fileURLToPath(new URL('../..', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? files(join(dir, entry.name))
        : /\.tsx?$/.test(entry.name)
          ? [join(dir, entry.name)]
          : [],
    );

  it('no other web source formats dates itself', () => {
    const own = fileURLToPath(new URL('./dates.ts', import.meta.url));
    const offenders = files(src)
      .filter((file) => file !== own && !file.endsWith('.test.ts'))
      .filter((file) =>
        /toLocale(?:Date|Time)?String|DateTimeFormat|timeZone/.test(readFileSync(file, 'utf8')),
      )
      .map((file) => relative(src, file));
    expect(offenders).toEqual([]);
  });
});
