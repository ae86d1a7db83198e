import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fillsRemaining,
  isPrescriptionExpired,
  maxRefillsAllowed,
  prescriptionExpiresOn,
  refillStatus,
  refillsRemaining,
} from '../src/refill/prescription';
import { isRefillTooSoon, nextEligibleRefillDate } from '../src/refill/refill-timing';
import { addDays, daysBetween, fromEpochDay, toEpochDay } from '../src/time/local-date';

describe('next eligible refill date', () => {
  it('waits ceil(75% of the days supply)', () => {
    expect(nextEligibleRefillDate({ fillDate: '2026-03-01', daysSupply: 30 })).toBe('2026-03-24'); // 22.5 → 23
    expect(nextEligibleRefillDate({ fillDate: '2026-01-01', daysSupply: 90 })).toBe('2026-03-10'); // 67.5 → 68
    expect(nextEligibleRefillDate({ fillDate: '2026-03-01', daysSupply: 28 })).toBe('2026-03-22'); // 21
    expect(nextEligibleRefillDate({ fillDate: '2026-03-01', daysSupply: 30 }, 8_000)).toBe('2026-03-25'); // 24
  });

  it('is too soon exactly while less than the threshold has elapsed (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toEpochDay('2020-01-01'), max: toEpochDay('2030-12-31') }),
        fc.integer({ min: 1, max: 365 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 10_000 }),
        (fillDay, daysSupply, elapsed, thresholdBps) => {
          const fillDate = fromEpochDay(fillDay);
          const date = addDays(fillDate, elapsed);
          const tooSoon = isRefillTooSoon({ fillDate, daysSupply }, date, thresholdBps);
          expect(tooSoon).toBe(elapsed * 10_000 < daysSupply * thresholdBps);
        },
      ),
    );
  });
});

describe('refills left and expiry', () => {
  const rx = { writtenDate: '2026-01-31', refillsAuthorized: 3, fillsDispensed: 0 };

  it('counts refills after the original fill', () => {
    expect(refillsRemaining(rx)).toBe(3);
    expect(fillsRemaining(rx)).toBe(4);
    expect(refillsRemaining({ ...rx, fillsDispensed: 1 })).toBe(3);
    expect(refillsRemaining({ ...rx, fillsDispensed: 3 })).toBe(1);
    expect(refillsRemaining({ ...rx, fillsDispensed: 4 })).toBe(0);
    expect(fillsRemaining({ ...rx, fillsDispensed: 4 })).toBe(0);
    expect(refillsRemaining({ ...rx, fillsDispensed: 9 })).toBe(0);
  });

  it('applies the federal refill caps for controlled substances', () => {
    expect(maxRefillsAllowed({ ...rx, refillsAuthorized: 11, deaSchedule: 'IV' })).toBe(5);
    expect(maxRefillsAllowed({ ...rx, refillsAuthorized: 2, deaSchedule: 'II' })).toBe(0);
    expect(maxRefillsAllowed({ ...rx, refillsAuthorized: 11 })).toBe(11);
  });

  it('expires after a year, or six months for controlled substances, unless the prescription says otherwise', () => {
    expect(prescriptionExpiresOn(rx)).toBe('2027-01-31');
    expect(prescriptionExpiresOn({ ...rx, deaSchedule: 'IV' })).toBe('2026-07-31');
    expect(prescriptionExpiresOn({ ...rx, deaSchedule: 'II' })).toBe('2026-07-31');
    expect(prescriptionExpiresOn({ ...rx, expiresOn: '2026-05-01' })).toBe('2026-05-01');
    expect(
      prescriptionExpiresOn(rx, { nonControlledMonths: 24, scheduleIIIToVMonths: 6, scheduleIIMonths: 3 }),
    ).toBe('2028-01-31');
    expect(isPrescriptionExpired(rx, '2027-01-30')).toBe(false);
    expect(isPrescriptionExpired(rx, '2027-01-31')).toBe(true);
  });
});

describe('refill status for member pages', () => {
  const rx = { writtenDate: '2026-01-10', refillsAuthorized: 2, fillsDispensed: 1 };
  const lastFill = { fillDate: '2026-03-01', daysSupply: 30 };

  it('shows when the next refill can be ordered', () => {
    expect(refillStatus({ rx, lastFill, today: '2026-03-20' })).toEqual({
      state: 'too_soon',
      refillsRemaining: 2,
      fillsRemaining: 2,
      expiresOn: '2027-01-10',
      nextEligibleDate: '2026-03-24',
      daysUntilEligible: 4,
    });
    expect(refillStatus({ rx, lastFill, today: '2026-03-24' }).state).toBe('eligible');
    expect(
      refillStatus({ rx: { ...rx, fillsDispensed: 0 }, lastFill: null, today: '2026-01-10' }),
    ).toMatchObject({
      state: 'eligible',
      nextEligibleDate: null,
      daysUntilEligible: 0,
    });
  });

  it('reports no refills left and expiry, expiry first', () => {
    expect(refillStatus({ rx: { ...rx, fillsDispensed: 3 }, lastFill, today: '2026-04-15' }).state).toBe(
      'no_refills_left',
    );
    expect(refillStatus({ rx: { ...rx, fillsDispensed: 3 }, lastFill, today: '2027-01-10' }).state).toBe(
      'expired',
    );
    expect(refillStatus({ rx, lastFill, today: '2027-02-01' }).state).toBe('expired');
  });

  it('counts the wait in whole local days', () => {
    const status = refillStatus({
      rx,
      lastFill: { fillDate: '2026-12-20', daysSupply: 30 },
      today: '2026-12-31',
    });
    expect(status.nextEligibleDate).toBe('2027-01-12');
    expect(status.daysUntilEligible).toBe(daysBetween('2026-12-31', '2027-01-12'));
  });
});
