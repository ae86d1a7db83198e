// Four benefit designs (copay, coinsurance with a deductible, high-deductible, and a closed July-start plan),
// their cost shares per tier and channel, and plan years around the seeded history.
import {
  type BenefitPlan,
  type Channel,
  type CostShareRule,
  DEFAULT_MAX_DAYS_SUPPLY,
  DEFAULT_REFILL_THRESHOLD_BPS,
  type PlanYear,
  planYearForDate,
  type Tier,
} from '@openpbm/domain';
import { planCostShares, planServiceFees, plans, planYears, STANDARD_SERVICE_FEES } from '../schema/index';
import type { BulkLoader } from './bulk';
import type { FormularyKind, SeedFormulary } from './formularies';
import type { NetworkKind, SeedNetwork } from './networks';
import type { SeedIds } from './prng';

export type PlanKey = 'gold' | 'silver' | 'hdhp' | 'value';

interface PlanDesign {
  key: PlanKey;
  code: string;
  name: string;
  rxGroup: string;
  start: { month: number; day: number };
  deductible: [individual: number, family: number];
  oopMax: [individual: number, family: number];
  formulary: FormularyKind;
  network: NetworkKind;
  costShare: Record<Tier, Partial<Record<Channel, CostShareRule>>>;
}

const copay = (cents: number, deductibleApplies = false): CostShareRule => ({
  kind: 'copay',
  copayCents: cents,
  deductibleApplies,
});
const coinsurance = (
  bps: number,
  min: number | null,
  max: number | null,
  deductibleApplies: boolean,
): CostShareRule => ({
  kind: 'coinsurance',
  coinsuranceBps: bps,
  minCopayCents: min,
  maxCopayCents: max,
  deductibleApplies,
});
const retailAndMail = (r30: CostShareRule, r90: CostShareRule, mail: CostShareRule) => ({
  retail_30: r30,
  retail_90: r90,
  home_delivery_90: mail,
});

export const PLAN_DESIGNS: readonly PlanDesign[] = [
  {
    key: 'gold',
    code: 'OPB-GOLD',
    name: 'OpenPBM Gold Copay Plan',
    rxGroup: 'OPBGOLD',
    start: { month: 1, day: 1 },
    deductible: [0, 0],
    oopMax: [200_000, 400_000],
    formulary: 'standard',
    network: 'national',
    costShare: {
      1: retailAndMail(copay(1000), copay(2500), copay(2000)),
      2: retailAndMail(copay(3500), copay(9000), copay(7000)),
      3: retailAndMail(copay(7000), copay(18000), copay(14000)),
      4: { specialty: coinsurance(2000, 5000, 25000, false) },
    },
  },
  {
    key: 'silver',
    code: 'OPB-SILVER',
    name: 'OpenPBM Silver Coinsurance Plan',
    rxGroup: 'OPBSILVER',
    start: { month: 1, day: 1 },
    deductible: [25_000, 50_000],
    oopMax: [350_000, 700_000],
    formulary: 'standard',
    network: 'national',
    costShare: {
      1: retailAndMail(copay(1500), copay(3750), copay(3000)),
      2: retailAndMail(
        coinsurance(2500, 3000, 10000, true),
        coinsurance(2500, 7500, 25000, true),
        coinsurance(2500, 6000, 20000, true),
      ),
      3: retailAndMail(
        coinsurance(4000, 6000, 20000, true),
        coinsurance(4000, 15000, 50000, true),
        coinsurance(4000, 12000, 40000, true),
      ),
      4: { specialty: coinsurance(3000, null, 35000, true) },
    },
  },
  {
    key: 'hdhp',
    code: 'OPB-HDHP',
    name: 'OpenPBM High Deductible Health Plan',
    rxGroup: 'OPBHDHP',
    start: { month: 1, day: 1 },
    deductible: [165_000, 330_000],
    oopMax: [400_000, 800_000],
    formulary: 'standard',
    network: 'national',
    costShare: {
      1: retailAndMail(
        coinsurance(2000, null, null, true),
        coinsurance(2000, null, null, true),
        coinsurance(1500, null, null, true),
      ),
      2: retailAndMail(
        coinsurance(2000, null, null, true),
        coinsurance(2000, null, null, true),
        coinsurance(1500, null, null, true),
      ),
      3: retailAndMail(
        coinsurance(3000, null, null, true),
        coinsurance(3000, null, null, true),
        coinsurance(2500, null, null, true),
      ),
      4: { specialty: coinsurance(3000, null, null, true) },
    },
  },
  {
    key: 'value',
    code: 'OPB-VALUE',
    name: 'OpenPBM Value Plan (July plan year)',
    rxGroup: 'OPBVALUE',
    start: { month: 7, day: 1 },
    deductible: [10_000, 30_000],
    oopMax: [500_000, 1_000_000],
    formulary: 'value',
    network: 'select',
    costShare: {
      1: { retail_30: copay(500), home_delivery_90: copay(1000) },
      2: { retail_30: copay(4000, true), home_delivery_90: copay(8000, true) },
      3: {
        retail_30: coinsurance(5000, 7500, 15000, true),
        home_delivery_90: coinsurance(5000, 15000, 30000, true),
      },
      4: { specialty: coinsurance(3000, 10000, 30000, true) },
    },
  },
];

/** Claim routing printed on every ID card (a BIN outside the ranges of any PBM we know of). */
export const BIN = '999101';
export const PCN = 'OPBRX';
export const CUSTOMER_SERVICE_PHONE = '+16145550100';

export interface SeedPlanYear extends PlanYear {
  id: string;
}

export interface SeedPlan {
  id: string;
  design: PlanDesign;
  benefit: BenefitPlan;
  formulary: SeedFormulary;
  network: SeedNetwork;
  years: SeedPlanYear[];
}

export function planYearOf(plan: SeedPlan, date: string): SeedPlanYear {
  const year = planYearForDate(date, plan.benefit.planYearStart).year;
  const found = plan.years.find((y) => y.year === year);
  if (!found) throw new RangeError(`no plan year ${year} for ${plan.design.code}`);
  return found;
}

export async function writePlans(
  loader: BulkLoader,
  ids: SeedIds,
  formularyByKind: Record<FormularyKind, SeedFormulary>,
  networkByKind: Record<NetworkKind, SeedNetwork>,
  coverFrom: string,
  coverTo: string,
): Promise<Record<PlanKey, SeedPlan>> {
  const result = {} as Record<PlanKey, SeedPlan>;
  for (const design of PLAN_DESIGNS) {
    const id = ids.next();
    const formulary = formularyByKind[design.formulary];
    const network = networkByKind[design.network];
    const benefit: BenefitPlan = {
      id,
      name: design.name,
      planYearStart: design.start,
      deductible: { individualCents: design.deductible[0], familyCents: design.deductible[1] },
      outOfPocketMax: { individualCents: design.oopMax[0], familyCents: design.oopMax[1] },
      costShare: design.costShare,
      maxDaysSupply: { ...DEFAULT_MAX_DAYS_SUPPLY },
      refillThresholdBps: DEFAULT_REFILL_THRESHOLD_BPS,
    };
    await loader.insert(plans, {
      id,
      code: design.code,
      name: design.name,
      planYearStartMonth: design.start.month,
      planYearStartDay: design.start.day,
      deductibleIndividualCents: design.deductible[0],
      deductibleFamilyCents: design.deductible[1],
      oopMaxIndividualCents: design.oopMax[0],
      oopMaxFamilyCents: design.oopMax[1],
      maxDaysSupply: benefit.maxDaysSupply,
      refillThresholdBps: DEFAULT_REFILL_THRESHOLD_BPS,
      formularyId: formulary.id,
      pharmacyNetworkId: network.id,
      bin: BIN,
      pcn: PCN,
      rxGroup: design.rxGroup,
      customerServicePhone: CUSTOMER_SERVICE_PHONE,
    });
    for (const [tier, byChannel] of Object.entries(design.costShare)) {
      for (const [channel, rule] of Object.entries(byChannel)) {
        await loader.insert(planCostShares, {
          planId: id,
          tier: Number(tier) as Tier,
          channel: channel as Channel,
          kind: rule.kind,
          copayCents: rule.kind === 'copay' ? rule.copayCents : null,
          coinsuranceBps: rule.kind === 'coinsurance' ? rule.coinsuranceBps : null,
          minCopayCents: rule.kind === 'coinsurance' ? (rule.minCopayCents ?? null) : null,
          maxCopayCents: rule.kind === 'coinsurance' ? (rule.maxCopayCents ?? null) : null,
          deductibleApplies: rule.deductibleApplies,
        });
      }
    }
    for (const fee of STANDARD_SERVICE_FEES) {
      await loader.insert(planServiceFees, { planId: id, ...fee, effectiveFrom: coverFrom });
    }
    const years: SeedPlanYear[] = [];
    const first = planYearForDate(coverFrom, design.start).year;
    const last = planYearForDate(coverTo, design.start).year;
    for (let year = first; year <= last; year++) {
      const { startDate, endDate } = planYearForDate(
        `${year}-${String(design.start.month).padStart(2, '0')}-${String(design.start.day).padStart(2, '0')}`,
        design.start,
      );
      const row = { id: ids.next(), year, startDate, endDate };
      years.push(row);
      await loader.insert(planYears, { ...row, planId: id });
    }
    result[design.key] = { id, design, benefit, formulary, network, years };
  }
  return result;
}
