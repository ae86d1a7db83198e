import type { AdjudicationInput } from '../src/adjudication/adjudicate';
import type { DrugProduct, FormularyEntry, MedicationHistoryEntry } from '../src/adjudication/types';
import { type Accumulators, ZERO_ACCUMULATORS } from '../src/benefit/accumulators';
import { type BenefitPlan, DEFAULT_MAX_DAYS_SUPPLY } from '../src/benefit/types';
import type { NetworkContract } from '../src/pricing/types';

/** A typical commercial design: $500/$1,000 deductible, $3,000/$6,000 OOP max, 4 tiers. */
export function samplePlan(overrides: Partial<BenefitPlan> = {}): BenefitPlan {
  return {
    id: 'plan-gold',
    name: 'Gold PPO Rx',
    planYearStart: { month: 1, day: 1 },
    deductible: { individualCents: 50_000, familyCents: 100_000 },
    outOfPocketMax: { individualCents: 300_000, familyCents: 600_000 },
    costShare: {
      1: {
        retail_30: { kind: 'copay', copayCents: 1_000, deductibleApplies: false },
        retail_90: { kind: 'copay', copayCents: 2_500, deductibleApplies: false },
        home_delivery_90: { kind: 'copay', copayCents: 2_000, deductibleApplies: false },
      },
      2: {
        retail_30: { kind: 'copay', copayCents: 4_000, deductibleApplies: true },
        retail_90: { kind: 'copay', copayCents: 10_000, deductibleApplies: true },
        home_delivery_90: { kind: 'copay', copayCents: 8_000, deductibleApplies: true },
      },
      3: {
        retail_30: {
          kind: 'coinsurance',
          coinsuranceBps: 3_000,
          minCopayCents: 5_000,
          maxCopayCents: 15_000,
          deductibleApplies: true,
        },
        home_delivery_90: {
          kind: 'coinsurance',
          coinsuranceBps: 3_000,
          minCopayCents: 10_000,
          maxCopayCents: 30_000,
          deductibleApplies: true,
        },
      },
      4: {
        specialty: {
          kind: 'coinsurance',
          coinsuranceBps: 2_000,
          maxCopayCents: 25_000,
          deductibleApplies: true,
        },
      },
    },
    maxDaysSupply: { ...DEFAULT_MAX_DAYS_SUPPLY },
    ...overrides,
  };
}

export const network: NetworkContract = {
  id: 'net-national',
  name: 'National retail network',
  benchmark: 'awp',
  terms: {
    retail_30: { discountBps: 1_800, genericDiscountBps: 8_000, dispensingFeeCents: 150 },
    retail_90: { discountBps: 2_000, genericDiscountBps: 8_200, dispensingFeeCents: 100 },
    home_delivery_90: { discountBps: 2_300, genericDiscountBps: 8_500, dispensingFeeCents: 0 },
    specialty: { discountBps: 1_600, dispensingFeeCents: 0 },
  },
};

export const atorvastatin: DrugProduct = {
  ndc: '00071015523',
  name: 'Atorvastatin calcium 20 mg tablet',
  drugGroupId: 'atorvastatin-20mg-tab',
  therapeuticClassId: 'statin',
  ingredients: ['atorvastatin'],
  isGeneric: true,
  unitPriceMicrodollars: 2_500_000, // AWP $2.50 per tablet
  macUnitPriceMicrodollars: 120_000, // MAC $0.12 per tablet
};

export const simvastatin: DrugProduct = {
  ndc: '00006074031',
  name: 'Simvastatin 40 mg tablet',
  drugGroupId: 'simvastatin-40mg-tab',
  therapeuticClassId: 'statin',
  ingredients: ['simvastatin'],
  isGeneric: true,
  unitPriceMicrodollars: 1_900_000,
};

export const clarithromycin: DrugProduct = {
  ndc: '00074336760',
  name: 'Clarithromycin 500 mg tablet',
  drugGroupId: 'clarithromycin-500mg-tab',
  therapeuticClassId: 'macrolide',
  ingredients: ['clarithromycin'],
  isGeneric: true,
  unitPriceMicrodollars: 3_100_000,
};

export const genericFormulary: FormularyEntry = { tier: 1, status: 'covered', requiresPriorAuth: false };

export function fillOf(
  drug: DrugProduct,
  fillDate: string,
  daysSupply = 30,
  extra: Partial<MedicationHistoryEntry> = {},
): MedicationHistoryEntry {
  return {
    claimId: `claim-${drug.drugGroupId}-${fillDate}`,
    ndc: drug.ndc,
    drugName: drug.name,
    drugGroupId: drug.drugGroupId,
    therapeuticClassId: drug.therapeuticClassId,
    ingredients: drug.ingredients,
    fillDate,
    daysSupply,
    quantityMilli: daysSupply * 1000,
    pharmacyId: 'pharm-1',
    pharmacyChainId: 'chain-a',
    prescriberId: 'npi-1',
    ...extra,
  };
}

/** A clean 30-day generic claim for a covered member; every test changes one thing. */
export function claimInput(overrides: Partial<AdjudicationInput> = {}): AdjudicationInput {
  return {
    claim: {
      dateOfService: '2026-03-10',
      ndc: atorvastatin.ndc,
      quantityMilli: 30_000,
      daysSupply: 30,
      channel: 'retail_30',
      pharmacyId: 'pharm-1',
      pharmacyChainId: 'chain-a',
      prescriberId: 'npi-1',
      submitted: { ingredientCostCents: 7_500, dispensingFeeCents: 200, usualAndCustomaryCents: 1_999 },
    },
    member: {
      coverageSpans: [{ effectiveDate: '2026-01-01', terminationDate: null }],
      coverageLevel: 'individual',
    },
    plan: samplePlan(),
    drug: atorvastatin,
    formularyEntry: genericFormulary,
    priorAuthorizations: [],
    medicationHistory: [],
    interactions: [],
    network,
    accumulators: { ...ZERO_ACCUMULATORS } as Accumulators,
    ...overrides,
  };
}
