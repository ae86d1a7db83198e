import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  ageOn,
  daysBetween,
  fromEpochDay,
  isLocalDate,
  parseLocalDate,
  toEpochDay,
  toNcpdpDate,
} from '../src/time/local-date';
import { assertPlanYearStart, planYearForDate, planYearForInstant } from '../src/time/plan-year';
import { isValidTimeZone, localDateInTimeZone, zonedDateTime } from '../src/time/zoned';

describe('local dates', () => {
  it('parses real dates and rejects impossible ones', () => {
    expect(parseLocalDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(() => parseLocalDate('2026-02-29')).toThrow(RangeError);
    expect(() => parseLocalDate('2026-13-01')).toThrow(RangeError);
    expect(() => parseLocalDate('2026-1-01')).toThrow(RangeError);
    expect(isLocalDate('2026-04-31')).toBe(false);
  });

  it('does day and month arithmetic on the calendar, across leap days and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(toNcpdpDate('2026-03-09')).toBe('20260309');
  });

  it('round-trips epoch days (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.integer({ min: -1000, max: 1000 }),
        (day, n) => {
          const date = fromEpochDay(day);
          expect(toEpochDay(date)).toBe(day);
          expect(daysBetween(date, addDays(date, n))).toBe(n);
        },
      ),
    );
  });
});

describe('time zones (Intl)', () => {
  it('gives the wall-clock date in the member zone', () => {
    const instant = '2027-01-01T07:30:00Z';
    expect(localDateInTimeZone(instant, 'America/Los_Angeles')).toBe('2026-12-31');
    expect(localDateInTimeZone(instant, 'UTC')).toBe('2027-01-01');
    expect(zonedDateTime(instant, 'America/Los_Angeles')).toMatchObject({ hour: 23, minute: 30 });
    // UTC+14: already the afternoon of Jan 1.
    expect(localDateInTimeZone('2026-12-31T10:30:00Z', 'Pacific/Kiritimati')).toBe('2027-01-01');
  });

  it('follows daylight saving time', () => {
    // New York springs forward on 2026-03-08 at 02:00 EST (07:00Z): one minute earlier is 01:59 EST.
    expect(zonedDateTime('2026-03-08T06:59:00Z', 'America/New_York')).toMatchObject({
      date: '2026-03-08',
      hour: 1,
    });
    expect(zonedDateTime('2026-03-08T07:00:00Z', 'America/New_York')).toMatchObject({
      date: '2026-03-08',
      hour: 3,
    });
    expect(localDateInTimeZone('2026-03-08T04:59:00Z', 'America/New_York')).toBe('2026-03-07');
    // Summer: EDT is UTC-4, so 03:59Z is still the previous day.
    expect(localDateInTimeZone('2026-07-01T03:59:00Z', 'America/New_York')).toBe('2026-06-30');
    expect(localDateInTimeZone('2026-07-01T04:00:00Z', 'America/New_York')).toBe('2026-07-01');
  });

  it('validates zones and instants', () => {
    expect(isValidTimeZone('America/Chicago')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => localDateInTimeZone('not a date', 'UTC')).toThrow(RangeError);
  });
});

describe('plan year', () => {
  it('2026-12-31T23:30 in Los Angeles is still the 2026 plan year; UTC would say 2027', () => {
    const instant = new Date('2027-01-01T07:30:00Z');
    expect(planYearForInstant(instant, 'America/Los_Angeles', { month: 1, day: 1 })).toEqual({
      year: 2026,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    });
    expect(planYearForInstant(instant, 'UTC', { month: 1, day: 1 }).year).toBe(2027);
  });

  it('resets at a mid-year start date in the member zone', () => {
    const july = { month: 7, day: 1 };
    expect(planYearForDate('2026-06-30', july)).toEqual({
      year: 2025,
      startDate: '2025-07-01',
      endDate: '2026-06-30',
    });
    expect(planYearForDate('2026-07-01', july)).toEqual({
      year: 2026,
      startDate: '2026-07-01',
      endDate: '2027-06-30',
    });
    // 2026-07-01T05:00Z is June 30 22:00 in Los Angeles (PDT, UTC-7) but July 1 01:00 in New York.
    expect(planYearForInstant('2026-07-01T05:00:00Z', 'America/Los_Angeles', july).year).toBe(2025);
    expect(planYearForInstant('2026-07-01T05:00:00Z', 'America/New_York', july).year).toBe(2026);
  });

  it('ends the day before the next start, including over a leap day', () => {
    expect(planYearForDate('2028-02-29', { month: 3, day: 1 })).toEqual({
      year: 2027,
      startDate: '2027-03-01',
      endDate: '2028-02-29',
    });
  });

  it('refuses a start date that does not exist every year', () => {
    expect(() => assertPlanYearStart({ month: 2, day: 29 })).toThrow(RangeError);
    expect(() => assertPlanYearStart({ month: 13, day: 1 })).toThrow(RangeError);
    expect(() => assertPlanYearStart({ month: 4, day: 31 })).toThrow(RangeError);
  });

  it('always contains the date and spans one year (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toEpochDay('1990-01-01'), max: toEpochDay('2100-12-31') }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (day, month, startDay) => {
          const date = fromEpochDay(day);
          const planYear = planYearForDate(date, { month, day: startDay });
          expect(daysBetween(planYear.startDate, date)).toBeGreaterThanOrEqual(0);
          expect(daysBetween(date, planYear.endDate)).toBeGreaterThanOrEqual(0);
          expect([365, 366]).toContain(daysBetween(planYear.startDate, planYear.endDate) + 1);
          expect(planYear.startDate.startsWith(String(planYear.year))).toBe(true);
        },
      ),
    );
  });

  it('agrees with the local date for instants around New Year in several zones (property)', () => {
    const zones = ['America/Los_Angeles', 'America/New_York', 'Pacific/Honolulu', 'Asia/Tokyo', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-12-30T00:00:00Z'), max: Date.parse('2027-01-02T00:00:00Z') }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const local = localDateInTimeZone(ms, zone);
          const expected = local.startsWith('2027') ? 2027 : 2026;
          expect(planYearForInstant(ms, zone, { month: 1, day: 1 }).year).toBe(expected);
        },
      ),
    );
  });
});

describe('age on a date', () => {
  it('counts whole years, turning older on the birthday (1 March for 29 February)', () => {
    expect(ageOn('2008-06-15', '2026-06-14')).toBe(17);
    expect(ageOn('2008-06-15', '2026-06-15')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});
