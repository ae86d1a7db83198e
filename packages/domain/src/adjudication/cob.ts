// Coordination of benefits: who pays first, and what a secondary claim pays after the other payer.
import { assertNonNegativeInteger } from '../money/cents';
import { compareLocalDates, type LocalDate } from '../time/local-date';

/** A member's other prescription coverage as the rules need it. */
export interface OtherCoverage {
  /** 338-5C of the other payer: '01' = it is primary (this plan pays second). */
  coverageType: '01' | '02' | '03';
  effectiveDate: LocalDate;
  terminationDate: LocalDate | null;
}

/** Other coverage in force on the date of service. */
export function otherCoverageInForce<T extends OtherCoverage>(coverage: readonly T[], on: LocalDate): T[] {
  return coverage.filter(
    (c) =>
      compareLocalDates(c.effectiveDate, on) <= 0 &&
      (c.terminationDate === null || compareLocalDates(c.terminationDate, on) >= 0),
  );
}

/** The other payer that must be billed first, if any (reject 41 "submit bill to other processor/primary payer"). */
export function primaryPayerFirst<T extends OtherCoverage>(coverage: readonly T[], on: LocalDate): T | null {
  return otherCoverageInForce(coverage, on).find((c) => c.coverageType === '01') ?? null;
}

/**
 * 308-C8 Other Coverage Code: 0 not specified, 1 no other coverage, 2 other coverage exists and paid, 3 other
 * coverage billed and not covered, 4 other coverage exists and payment not collected, 8 claim billing for the
 * patient's financial responsibility only. 2, 3, 4 and 8 make the claim a secondary claim.
 */
export function isSecondaryClaim(otherCoverageCode: string | null): boolean {
  const code = Number(otherCoverageCode ?? '0');
  return code === 2 || code === 3 || code === 4 || code === 8;
}

export interface SecondaryPaymentInput {
  /** This plan's allowed price (ingredient cost paid + dispensing fee paid). */
  allowedCents: number;
  /** The member's share under this plan's own benefit, on the allowed price. */
  ownPatientPayCents: number;
  /** Sum of 431-DV Other Payer Amount Paid. */
  otherPaidCents: number;
  /** Sum of 352-NQ Other Payer-Patient Responsibility Amount; null when not sent (then what the other payer left). */
  otherPatientResponsibilityCents: number | null;
}

export interface SecondaryPayment {
  /** What the member still owed after the other payer: the most this plan may pay. */
  remainingResponsibilityCents: number;
  /** What this plan pays the pharmacy (505-F9). */
  planPayCents: number;
  /** What the member pays the pharmacy (505-F5). */
  patientPayCents: number;
}

/**
 * A secondary claim pays the lesser of what its own benefit would pay (allowed − own member share) and the
 * patient responsibility the other payer left; the member pays the rest of that responsibility. So the plan
 * never pays more than it would as primary, nor more than the member owed, and pharmacy receipts stay
 * other paid + responsibility.
 */
export function secondaryPayment(input: SecondaryPaymentInput): SecondaryPayment {
  const { allowedCents, ownPatientPayCents, otherPaidCents } = input;
  assertNonNegativeInteger(allowedCents, 'allowedCents');
  assertNonNegativeInteger(ownPatientPayCents, 'ownPatientPayCents');
  assertNonNegativeInteger(otherPaidCents, 'otherPaidCents');
  if (ownPatientPayCents > allowedCents)
    throw new RangeError('ownPatientPayCents must not exceed allowedCents');
  const remaining = input.otherPatientResponsibilityCents ?? Math.max(0, allowedCents - otherPaidCents);
  assertNonNegativeInteger(remaining, 'otherPatientResponsibilityCents');
  const ownPlanPay = allowedCents - ownPatientPayCents;
  const planPayCents = Math.min(ownPlanPay, remaining);
  return {
    remainingResponsibilityCents: remaining,
    planPayCents,
    patientPayCents: remaining - planPayCents,
  };
}
