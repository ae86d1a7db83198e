import type { PlanYearStart } from '../time/plan-year';

/** Formulary tier: 1 generic, 2 preferred brand, 3 non-preferred brand, 4 specialty. */
export type Tier = 1 | 2 | 3 | 4;
export const TIERS: readonly Tier[] = [1, 2, 3, 4];

/** Where and for how long a fill is dispensed; the plan prices and shares cost per channel. */
export type Channel = 'retail_30' | 'retail_90' | 'home_delivery_90' | 'specialty';
export const CHANNELS: readonly Channel[] = ['retail_30', 'retail_90', 'home_delivery_90', 'specialty'];

/** Whether the member's deductible/OOP limits are the individual ones only or individual + family. */
export type CoverageLevel = 'individual' | 'family';

interface CostShareBase {
  /** True when the member pays the full price until the deductible is met (typical for tiers 2-4). */
  deductibleApplies: boolean;
}

/** A flat amount per fill. */
export interface CopayRule extends CostShareBase {
  kind: 'copay';
  copayCents: number;
}

/** A percentage of the price, optionally clamped (e.g. 20% with a $25 minimum and $150 maximum). */
export interface CoinsuranceRule extends CostShareBase {
  kind: 'coinsurance';
  /** 2000 = 20%. */
  coinsuranceBps: number;
  minCopayCents?: number | null;
  maxCopayCents?: number | null;
}

export type CostShareRule = CopayRule | CoinsuranceRule;

/** Individual and family limits in cents. */
export interface LimitPair {
  individualCents: number;
  familyCents: number;
}

/** A benefit design. A missing tier/channel rule means that tier is not covered through that channel. */
export interface BenefitPlan {
  id: string;
  name: string;
  planYearStart: PlanYearStart;
  /** Embedded deductible: a member has met it when their individual OR the family amount is met. */
  deductible: LimitPair;
  /** Out-of-pocket maximum; deductible and cost share both count toward it. */
  outOfPocketMax: LimitPair;
  costShare: Record<Tier, Partial<Record<Channel, CostShareRule>>>;
  /** Longest days supply allowed per fill through each channel (76 when exceeded). */
  maxDaysSupply: Record<Channel, number>;
  /** Share of the previous fill's days supply that must elapse before a refill; 7500 = 75%. */
  refillThresholdBps?: number;
}

/** Common commercial limits; plans may override any channel. */
export const DEFAULT_MAX_DAYS_SUPPLY: Readonly<Record<Channel, number>> = {
  retail_30: 34,
  retail_90: 90,
  home_delivery_90: 90,
  specialty: 30,
};

export const DEFAULT_REFILL_THRESHOLD_BPS = 7500;
