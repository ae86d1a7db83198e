// Partial fills (NCPDP 343-HD P, then C): the member's per-fill share (copay, min/max) is for the whole intended
// fill, so a partial pays its prorated part (quantity dispensed / quantity intended, rounded down) and the
// completion pays the rest: together never more than one whole fill, never charged twice.
import { assertNonNegativeInteger, percentOfCents } from '../money/cents';
import type { CostShareRule } from './types';

/** Which part of a split fill a claim is; absent for a whole fill. */
export type FillPart =
  | { kind: 'partial'; dispensedMilli: number; intendedMilli: number }
  | {
      kind: 'completion';
      /** Copay or coinsurance the partial charged (its patient pay without deductible). */
      partialShareCents: number;
      /** The partial's price left after its deductible: what its share applied to. */
      partialRemainderCents: number;
    };

/** `fullCents × dispensed / intended`, rounded down (the completion gets the cent), never above fullCents. */
export function proratedCents(fullCents: number, dispensedMilli: number, intendedMilli: number): number {
  assertNonNegativeInteger(fullCents, 'fullCents');
  assertNonNegativeInteger(dispensedMilli, 'dispensedMilli');
  assertNonNegativeInteger(intendedMilli, 'intendedMilli');
  if (intendedMilli === 0 || dispensedMilli >= intendedMilli) return fullCents;
  return Number((BigInt(fullCents) * BigInt(dispensedMilli)) / BigInt(intendedMilli));
}

/** The rule a partial fill pays under: the flat amounts (copay, min, max) prorated; percentages unchanged. */
export function prorateRule(
  rule: CostShareRule,
  dispensedMilli: number,
  intendedMilli: number,
): CostShareRule {
  const part = (cents: number) => proratedCents(cents, dispensedMilli, intendedMilli);
  if (rule.kind === 'copay') return { ...rule, copayCents: part(rule.copayCents) };
  return {
    ...rule,
    ...(rule.minCopayCents != null ? { minCopayCents: part(rule.minCopayCents) } : {}),
    ...(rule.maxCopayCents != null ? { maxCopayCents: part(rule.maxCopayCents) } : {}),
  };
}

/** The member's share of one fill under `rule` for a price left after the deductible (min/max, lesser-of). */
export function ruleShareCents(rule: CostShareRule, remainderCents: number): number {
  if (remainderCents <= 0) return 0;
  let share: number;
  if (rule.kind === 'copay') share = rule.copayCents;
  else {
    share = percentOfCents(remainderCents, rule.coinsuranceBps);
    if (rule.minCopayCents != null && share < rule.minCopayCents) share = rule.minCopayCents;
    if (rule.maxCopayCents != null && share > rule.maxCopayCents) share = rule.maxCopayCents;
  }
  return Math.min(share, remainderCents);
}

/**
 * Most a completion may charge: the whole fill's share (partial + completion priced as one fill) less what the
 * partial already charged.
 */
export function completionShareCapCents(
  rule: CostShareRule,
  part: Extract<FillPart, { kind: 'completion' }>,
  remainderCents: number,
): number {
  const whole = ruleShareCents(rule, part.partialRemainderCents + remainderCents);
  return Math.max(0, whole - part.partialShareCents);
}
