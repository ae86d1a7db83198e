import { DEFAULT_REFILL_THRESHOLD_BPS } from '../benefit/types';
import { assertNonNegativeInteger } from '../money/cents';
import { addMonths, daysBetween, type LocalDate } from '../time/local-date';
import { nextEligibleRefillDate, type PreviousFill } from './refill-timing';

/** DEA controlled-substance schedule; null for non-controlled drugs. */
export type DeaSchedule = 'II' | 'III' | 'IV' | 'V';

export interface PrescriptionRefillFacts {
  writtenDate: LocalDate;
  /** Refills the prescriber authorized (not counting the original fill). */
  refillsAuthorized: number;
  /** Fills dispensed so far, original included. */
  fillsDispensed: number;
  /** Explicit expiration from the prescription, when the prescriber or state set one: first day it is invalid. */
  expiresOn?: LocalDate | null;
  deaSchedule?: DeaSchedule | null;
}

/** How long a prescription stays valid after it was written, in months, when it carries no explicit date. */
export interface ExpiryPolicy {
  nonControlledMonths: number;
  scheduleIIIToVMonths: number;
  scheduleIIMonths: number;
}

/**
 * Federal rule for schedules III-V is 6 months (21 CFR 1306.22); one year for non-controlled drugs and 6 months
 * for schedule II are common state rules; pass another policy where state law differs.
 */
export const DEFAULT_EXPIRY_POLICY: Readonly<ExpiryPolicy> = Object.freeze({
  nonControlledMonths: 12,
  scheduleIIIToVMonths: 6,
  scheduleIIMonths: 6,
});

/** Federal caps: no refills for schedule II (21 CFR 1306.12), at most 5 for III-V (21 CFR 1306.22). */
export function maxRefillsAllowed(rx: PrescriptionRefillFacts): number {
  assertNonNegativeInteger(rx.refillsAuthorized, 'refillsAuthorized');
  if (rx.deaSchedule === 'II') return 0;
  if (rx.deaSchedule) return Math.min(rx.refillsAuthorized, 5);
  return rx.refillsAuthorized;
}

/** First day the prescription can no longer be filled. */
export function prescriptionExpiresOn(
  rx: PrescriptionRefillFacts,
  policy: ExpiryPolicy = DEFAULT_EXPIRY_POLICY,
): LocalDate {
  if (rx.expiresOn) return rx.expiresOn;
  const months = !rx.deaSchedule
    ? policy.nonControlledMonths
    : rx.deaSchedule === 'II'
      ? policy.scheduleIIMonths
      : policy.scheduleIIIToVMonths;
  return addMonths(rx.writtenDate, months);
}

export function isPrescriptionExpired(
  rx: PrescriptionRefillFacts,
  today: LocalDate,
  policy: ExpiryPolicy = DEFAULT_EXPIRY_POLICY,
): boolean {
  return daysBetween(prescriptionExpiresOn(rx, policy), today) >= 0;
}

/** Refills left (the original fill not counted); 0 once every authorized fill has been dispensed. */
export function refillsRemaining(rx: PrescriptionRefillFacts): number {
  assertNonNegativeInteger(rx.fillsDispensed, 'fillsDispensed');
  const refillsUsed = Math.max(0, rx.fillsDispensed - 1);
  return Math.max(0, maxRefillsAllowed(rx) - refillsUsed);
}

/** Fills that can still be dispensed, the original included when it has not been filled yet. */
export function fillsRemaining(rx: PrescriptionRefillFacts): number {
  assertNonNegativeInteger(rx.fillsDispensed, 'fillsDispensed');
  return Math.max(0, maxRefillsAllowed(rx) + 1 - rx.fillsDispensed);
}

export type RefillState = 'eligible' | 'too_soon' | 'no_refills_left' | 'expired';

export interface RefillStatus {
  state: RefillState;
  refillsRemaining: number;
  fillsRemaining: number;
  expiresOn: LocalDate;
  /** First day the next fill is allowed by timing; null when there is no previous fill. */
  nextEligibleDate: LocalDate | null;
  /** 0 when it can be filled today (or timing is not the blocker). */
  daysUntilEligible: number;
}

/** What a member page shows for one prescription on `today` (the member's local date). */
export function refillStatus(args: {
  rx: PrescriptionRefillFacts;
  lastFill: PreviousFill | null;
  today: LocalDate;
  thresholdBps?: number;
  expiryPolicy?: ExpiryPolicy;
}): RefillStatus {
  const { rx, lastFill, today } = args;
  const expiresOn = prescriptionExpiresOn(rx, args.expiryPolicy);
  const nextEligibleDate = lastFill
    ? nextEligibleRefillDate(lastFill, args.thresholdBps ?? DEFAULT_REFILL_THRESHOLD_BPS)
    : null;
  const daysUntilEligible = nextEligibleDate ? Math.max(0, daysBetween(today, nextEligibleDate)) : 0;
  const base = {
    refillsRemaining: refillsRemaining(rx),
    fillsRemaining: fillsRemaining(rx),
    expiresOn,
    nextEligibleDate,
    daysUntilEligible,
  };
  if (isPrescriptionExpired(rx, today, args.expiryPolicy)) return { ...base, state: 'expired' };
  if (base.fillsRemaining === 0) return { ...base, state: 'no_refills_left' };
  if (daysUntilEligible > 0) return { ...base, state: 'too_soon' };
  return { ...base, state: 'eligible' };
}
