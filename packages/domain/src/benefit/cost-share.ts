import { assertNonNegativeInteger, formatUsd, percentOfCents } from '../money/cents';
import { type AccumulatorDelta, type Accumulators, remainingLimits } from './accumulators';
import { completionShareCapCents, type FillPart, prorateRule } from './partial-fill-share';
import type { BenefitPlan, Channel, CostShareRule, CoverageLevel, Tier } from './types';

export interface CostShareInput {
  plan: BenefitPlan;
  coverageLevel: CoverageLevel;
  tier: Tier;
  channel: Channel;
  /** Allowed price of the fill (ingredient cost paid + dispensing fee paid). */
  totalPriceCents: number;
  /** The member's accumulators for the plan year of the date of service. */
  accumulators: Accumulators;
  /** A partial fill or its completion (343-HD P/C): the per-fill share is split between them. */
  fillPart?: FillPart | null;
}

export type CostShareStepKind =
  | 'total_price'
  | 'oop_max_met'
  | 'deductible'
  | 'deductible_not_applicable'
  | 'deductible_met'
  | 'copay'
  | 'coinsurance'
  | 'min_copay'
  | 'max_copay'
  | 'partial_fill'
  | 'lesser_of_price'
  | 'oop_max_cap'
  | 'product_selection'
  | 'patient_pays'
  | 'plan_pays';

/** One line of the explanation of benefits, in the order it was applied. */
export interface CostShareStep {
  kind: CostShareStepKind;
  amountCents: number;
  description: string;
}

export interface CostShareResult {
  patientPayCents: number;
  planPayCents: number;
  appliedToDeductibleCents: number;
  appliedToOopCents: number;
  /** Patient pay split for NCPDP response pricing fields (deductible 517-FH, copay 518-FI, coinsurance 572-4U). */
  components: {
    deductibleCents: number;
    copayCents: number;
    coinsuranceCents: number;
    /** DAW 2 brand–generic difference (134-UK), part of the patient pay; absent when none. */
    productSelectionCents?: number;
  };
  accumulatorDelta: AccumulatorDelta;
  steps: CostShareStep[];
}

/** The rule for a tier and channel, or null when that tier is not covered through that channel. */
export function costShareRuleFor(plan: BenefitPlan, tier: Tier, channel: Channel): CostShareRule | null {
  return plan.costShare[tier]?.[channel] ?? null;
}

function assertRule(rule: CostShareRule): void {
  if (rule.kind === 'copay') {
    assertNonNegativeInteger(rule.copayCents, 'copayCents');
    return;
  }
  assertNonNegativeInteger(rule.coinsuranceBps, 'coinsuranceBps');
  if (rule.coinsuranceBps > 10_000) throw new RangeError('coinsuranceBps must be at most 10000');
  if (rule.minCopayCents != null) assertNonNegativeInteger(rule.minCopayCents, 'minCopayCents');
  if (rule.maxCopayCents != null) assertNonNegativeInteger(rule.maxCopayCents, 'maxCopayCents');
  if (rule.minCopayCents != null && rule.maxCopayCents != null && rule.minCopayCents > rule.maxCopayCents) {
    throw new RangeError('minCopayCents must not exceed maxCopayCents');
  }
}

/**
 * Member and plan shares of one fill. Order: OOP maximum already met → member pays 0; otherwise the deductible
 * (when it applies to the tier) takes the price first, then the tier/channel copay or coinsurance applies to
 * what is left, clamped to its min/max, never above the remaining price (lesser-of), and finally capped so the
 * member never exceeds the remaining OOP maximum. Invariants: patient + plan = total; 0 ≤ patient ≤ total;
 * appliedToOop = patient ≤ remaining OOP; appliedToDeductible ≤ remaining deductible.
 */
export function computeCostShare(input: CostShareInput): CostShareResult {
  const { plan, coverageLevel, tier, channel, totalPriceCents, accumulators } = input;
  assertNonNegativeInteger(totalPriceCents, 'totalPriceCents');
  const wholeFillRule = costShareRuleFor(plan, tier, channel);
  if (!wholeFillRule) throw new RangeError(`tier ${tier} is not covered through channel ${channel}`);
  assertRule(wholeFillRule);
  const part = input.fillPart ?? null;
  const rule =
    part?.kind === 'partial'
      ? prorateRule(wholeFillRule, part.dispensedMilli, part.intendedMilli)
      : wholeFillRule;
  const limits = remainingLimits(plan, coverageLevel, accumulators);
  const steps: CostShareStep[] = [
    {
      kind: 'total_price',
      amountCents: totalPriceCents,
      description: `Total price ${formatUsd(totalPriceCents)}`,
    },
  ];

  let deductibleCents = 0;
  let copayCents = 0;
  let coinsuranceCents = 0;

  if (limits.oopMet) {
    steps.push({
      kind: 'oop_max_met',
      amountCents: 0,
      description: 'Out-of-pocket maximum already met for this plan year: the plan pays the full price',
    });
  } else {
    if (!rule.deductibleApplies) {
      steps.push({
        kind: 'deductible_not_applicable',
        amountCents: 0,
        description: `The deductible does not apply to tier ${tier}`,
      });
    } else if (limits.deductibleMet) {
      steps.push({ kind: 'deductible_met', amountCents: 0, description: 'Deductible already met' });
    } else {
      deductibleCents = Math.min(totalPriceCents, limits.deductibleRemainingCents, limits.oopRemainingCents);
      const left = limits.deductibleRemainingCents - deductibleCents;
      steps.push({
        kind: 'deductible',
        amountCents: deductibleCents,
        description: `${formatUsd(deductibleCents)} applied to the deductible (${formatUsd(left)} remaining)`,
      });
    }

    const remainderCents = totalPriceCents - deductibleCents;
    let shareCents = 0;
    if (remainderCents > 0) {
      if (rule.kind === 'copay') {
        shareCents = rule.copayCents;
        steps.push({ kind: 'copay', amountCents: shareCents, description: `Copay ${formatUsd(shareCents)}` });
      } else {
        shareCents = percentOfCents(remainderCents, rule.coinsuranceBps);
        steps.push({
          kind: 'coinsurance',
          amountCents: shareCents,
          description: `Coinsurance ${rule.coinsuranceBps / 100}% of ${formatUsd(remainderCents)} = ${formatUsd(shareCents)}`,
        });
        if (rule.minCopayCents != null && shareCents < rule.minCopayCents) {
          shareCents = rule.minCopayCents;
          steps.push({
            kind: 'min_copay',
            amountCents: shareCents,
            description: `Raised to the minimum of ${formatUsd(shareCents)}`,
          });
        }
        if (rule.maxCopayCents != null && shareCents > rule.maxCopayCents) {
          shareCents = rule.maxCopayCents;
          steps.push({
            kind: 'max_copay',
            amountCents: shareCents,
            description: `Lowered to the maximum of ${formatUsd(shareCents)}`,
          });
        }
      }
      if (part?.kind === 'partial' && rule !== wholeFillRule) {
        steps.push({
          kind: 'partial_fill',
          amountCents: shareCents,
          description: `Partial fill: ${part.dispensedMilli / 1000} of ${part.intendedMilli / 1000} units, share prorated to ${formatUsd(shareCents)}`,
        });
      }
      if (part?.kind === 'completion') {
        const cap = completionShareCapCents(wholeFillRule, part, remainderCents);
        if (shareCents > cap) {
          shareCents = cap;
          steps.push({
            kind: 'partial_fill',
            amountCents: shareCents,
            description: `Completion of a partial fill: the rest of one fill's share, ${formatUsd(shareCents)}`,
          });
        }
      }
      if (shareCents > remainderCents) {
        shareCents = remainderCents;
        steps.push({
          kind: 'lesser_of_price',
          amountCents: shareCents,
          description: `You pay the lower drug price of ${formatUsd(shareCents)} instead`,
        });
      }
    }

    const oopRoomAfterDeductible = limits.oopRemainingCents - deductibleCents;
    if (shareCents > oopRoomAfterDeductible) {
      shareCents = oopRoomAfterDeductible;
      steps.push({
        kind: 'oop_max_cap',
        amountCents: shareCents,
        description: `Limited to ${formatUsd(shareCents)} by your out-of-pocket maximum`,
      });
    }
    if (rule.kind === 'copay') copayCents = shareCents;
    else coinsuranceCents = shareCents;
  }

  const patientPayCents = deductibleCents + copayCents + coinsuranceCents;
  const planPayCents = totalPriceCents - patientPayCents;
  steps.push(
    {
      kind: 'patient_pays',
      amountCents: patientPayCents,
      description: `You pay ${formatUsd(patientPayCents)}`,
    },
    {
      kind: 'plan_pays',
      amountCents: planPayCents,
      description: `Your plan pays ${formatUsd(planPayCents)}`,
    },
  );
  return {
    patientPayCents,
    planPayCents,
    appliedToDeductibleCents: deductibleCents,
    appliedToOopCents: patientPayCents,
    components: { deductibleCents, copayCents, coinsuranceCents },
    accumulatorDelta: { deductibleCents, oopCents: patientPayCents },
    steps,
  };
}
