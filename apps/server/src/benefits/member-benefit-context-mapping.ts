// The member benefit context statement's JSON mapped to the rules' shapes (packages/domain): spans, plan and cost
// shares, formulary flags, and each requested drug's coverage. Pure: no I/O.
import {
  type BenefitPlan,
  CHANNELS,
  type Channel,
  type CostShareRule,
  type CoverageLevel,
  DEFAULT_MAX_DAYS_SUPPLY,
  DEFAULT_REFILL_THRESHOLD_BPS,
  type DrugProduct,
  type FormularyEntry,
  type NetworkContract,
  type PriceBenchmark,
  planYearForDate,
  type Tier,
} from '@openpbm/domain';
import type {
  AccumulatorRowState,
  DrugCoverage,
  DrugRef,
  EligibilitySpanInfo,
  FormularyFlags,
  MemberBenefitContext,
  MemberInfo,
  PlanInfo,
  PlanYearInfo,
  ProductInfo,
} from './member-benefit-context';

interface RawSpan {
  id: string;
  plan_id: string;
  group_id: string;
  start_date: string;
  end_date: string | null;
  status: EligibilitySpanInfo['status'];
  coverage_level: CoverageLevel;
}

interface RawPlan {
  id: string;
  code: string;
  name: string;
  status: PlanInfo['status'];
  plan_year_start_month: number;
  plan_year_start_day: number;
  deductible_individual_cents: number;
  deductible_family_cents: number;
  oop_max_individual_cents: number;
  oop_max_family_cents: number;
  max_days_supply: Partial<Record<Channel, number>>;
  refill_threshold_bps: number;
  formulary_id: string;
  pharmacy_network_id: string;
  bin: string;
  pcn: string;
  rx_group: string;
  customer_service_phone: string;
}

interface RawCostShare {
  tier: Tier;
  channel: Channel;
  kind: 'copay' | 'coinsurance';
  copay_cents: number | null;
  coinsurance_bps: number | null;
  min_copay_cents: number | null;
  max_copay_cents: number | null;
  deductible_applies: boolean;
}

interface RawEntry {
  id: string;
  tier: Tier;
  excluded: boolean;
  requires_prior_auth: boolean;
  requires_step_therapy: boolean;
  step_therapy_group_ids: string[];
  step_therapy_lookback_days: number | null;
  has_quantity_limit: boolean;
  quantity_limit_milli: number | null;
  quantity_limit_days: number | null;
  ndc_specific: boolean;
  alternatives: Array<{ drugGroupId: string; name: string; tier: Tier | null; ndc: string | null }>;
}

interface RawDrug {
  ord: number;
  ndc: string | null;
  name: string | null;
  brand_name: string | null;
  source: 'brand' | 'generic' | null;
  package_size_milli: number | null;
  unit: ProductInfo['unit'] | null;
  obsolete_date: string | null;
  group_id: string | null;
  group_name: string | null;
  ingredients: string[] | null;
  therapeutic_class_id: string | null;
  maintenance: boolean | null;
  specialty: boolean | null;
  prices: Record<string, number> | null;
  entry: RawEntry | null;
}

export interface RawContext {
  dateOfService: string;
  member: {
    id: string;
    subscriber_id: string;
    client_id: string;
    person_code: string;
    relationship_code: MemberInfo['relationshipCode'];
    first_name: string;
    last_name: string;
    gender: MemberInfo['gender'];
    time_zone: string;
  };
  spans: RawSpan[];
  inForceSpanId: string | null;
  plan: RawPlan | null;
  costShares: RawCostShare[];
  planYear: { id: string; year: number; start_date: string; end_date: string } | null;
  accumulators: Array<{
    scope: 'individual' | 'family';
    deductible_cents: number;
    oop_cents: number;
    version: number;
  }>;
  network: {
    id: string;
    code: string;
    name: string;
    benchmark: PriceBenchmark;
    terms: NetworkContract['terms'];
  } | null;
  drugs: RawDrug[];
}

/** Nominal days of a fill per channel: a formulary quantity limit "N per D days" scales to the channel. */
const CHANNEL_NOMINAL_DAYS: Record<Channel, number> = {
  retail_30: 30,
  retail_90: 90,
  home_delivery_90: 90,
  specialty: 30,
};

function span(raw: RawSpan): EligibilitySpanInfo {
  return {
    id: raw.id,
    planId: raw.plan_id,
    groupId: raw.group_id,
    startDate: raw.start_date,
    endDate: raw.end_date,
    status: raw.status,
    coverageLevel: raw.coverage_level,
  };
}

function costShareRule(raw: RawCostShare): CostShareRule {
  if (raw.kind === 'copay') {
    return { kind: 'copay', copayCents: raw.copay_cents ?? 0, deductibleApplies: raw.deductible_applies };
  }
  return {
    kind: 'coinsurance',
    coinsuranceBps: raw.coinsurance_bps ?? 0,
    minCopayCents: raw.min_copay_cents,
    maxCopayCents: raw.max_copay_cents,
    deductibleApplies: raw.deductible_applies,
  };
}

function benefitPlan(raw: RawPlan, costShares: RawCostShare[]): BenefitPlan {
  const costShare: BenefitPlan['costShare'] = { 1: {}, 2: {}, 3: {}, 4: {} };
  for (const row of costShares) costShare[row.tier][row.channel] = costShareRule(row);
  return {
    id: raw.id,
    name: raw.name,
    planYearStart: { month: raw.plan_year_start_month, day: raw.plan_year_start_day },
    deductible: {
      individualCents: raw.deductible_individual_cents,
      familyCents: raw.deductible_family_cents,
    },
    outOfPocketMax: { individualCents: raw.oop_max_individual_cents, familyCents: raw.oop_max_family_cents },
    costShare,
    maxDaysSupply: { ...DEFAULT_MAX_DAYS_SUPPLY, ...raw.max_days_supply },
    refillThresholdBps: raw.refill_threshold_bps ?? DEFAULT_REFILL_THRESHOLD_BPS,
  };
}

function formularyFlags(raw: RawEntry): FormularyFlags {
  return {
    entryId: raw.id,
    tier: raw.tier,
    excluded: raw.excluded,
    requiresPriorAuth: raw.requires_prior_auth,
    requiresStepTherapy: raw.requires_step_therapy,
    hasQuantityLimit: raw.has_quantity_limit,
    quantityLimitMilli: raw.quantity_limit_milli,
    quantityLimitDays: raw.quantity_limit_days,
    ndcSpecific: raw.ndc_specific,
    preferredAlternatives: raw.alternatives.map((a) => ({
      name: a.name,
      drugGroupId: a.drugGroupId,
      tier: a.tier,
      ndc: a.ndc,
    })),
  };
}

/** The formulary row in the rules' shape; a quantity limit of N per D days allows N × (channel days / D) per fill. */
export function toFormularyEntry(raw: RawEntry): FormularyEntry {
  let quantityLimitMilli: FormularyEntry['quantityLimitMilli'] = null;
  if (raw.has_quantity_limit && raw.quantity_limit_milli && raw.quantity_limit_days) {
    const perDays = raw.quantity_limit_days;
    const limit = raw.quantity_limit_milli;
    quantityLimitMilli = Object.fromEntries(
      CHANNELS.map((c) => [c, limit * Math.max(1, Math.floor(CHANNEL_NOMINAL_DAYS[c] / perDays))]),
    );
  }
  return {
    tier: raw.tier,
    status: raw.excluded ? 'excluded' : 'covered',
    requiresPriorAuth: raw.requires_prior_auth,
    stepTherapy:
      raw.requires_step_therapy && raw.step_therapy_lookback_days
        ? {
            prerequisiteDrugGroupIds: raw.step_therapy_group_ids,
            lookbackDays: raw.step_therapy_lookback_days,
          }
        : null,
    quantityLimitMilli,
    maxDaysSupply: null,
    preferredAlternatives: formularyFlags(raw).preferredAlternatives,
  };
}

function drugCoverage(
  raw: RawDrug | undefined,
  request: DrugRef,
  benchmark: PriceBenchmark | null,
): DrugCoverage {
  const prices = (raw?.prices ?? {}) as DrugCoverage['unitPricesMicros'];
  const product: ProductInfo | null =
    raw?.ndc && raw.name && raw.source && raw.unit && raw.package_size_milli != null
      ? {
          ndc: raw.ndc,
          name: raw.name,
          brandName: raw.brand_name,
          source: raw.source,
          packageSizeMilli: raw.package_size_milli,
          unit: raw.unit,
          obsoleteDate: raw.obsolete_date,
        }
      : null;
  const benchmarkPrice = (benchmark ? prices[benchmark] : undefined) ?? prices.nadac;
  const drug: DrugProduct | null =
    product && raw?.group_id && raw.therapeutic_class_id && benchmarkPrice != null
      ? {
          ndc: product.ndc,
          name: product.name,
          drugGroupId: raw.group_id,
          therapeuticClassId: raw.therapeutic_class_id,
          ingredients: raw.ingredients ?? [],
          unitPriceMicrodollars: benchmarkPrice,
          macUnitPriceMicrodollars: prices.mac ?? null,
          isGeneric: product.source === 'generic',
        }
      : null;
  return {
    request,
    drugGroupId: raw?.group_id ?? null,
    drugGroupName: raw?.group_name ?? null,
    maintenance: raw?.maintenance ?? false,
    specialty: raw?.specialty ?? false,
    product,
    unitPricesMicros: prices,
    drug,
    formularyEntry: raw?.entry ? toFormularyEntry(raw.entry) : null,
    formulary: raw?.entry ? formularyFlags(raw.entry) : null,
  };
}

/** Statement JSON → context. Exported for the claims repo, which embeds the same CTEs in its own statement. */
export function toMemberBenefitContext(raw: RawContext, requests: DrugRef[]): MemberBenefitContext {
  const spans = raw.spans.map(span);
  const inForce = spans.find((s) => s.id === raw.inForceSpanId) ?? null;
  const plan: PlanInfo | null = raw.plan
    ? {
        id: raw.plan.id,
        code: raw.plan.code,
        name: raw.plan.name,
        status: raw.plan.status,
        formularyId: raw.plan.formulary_id,
        pharmacyNetworkId: raw.plan.pharmacy_network_id,
        bin: raw.plan.bin,
        pcn: raw.plan.pcn,
        rxGroup: raw.plan.rx_group,
        customerServicePhone: raw.plan.customer_service_phone,
        benefit: benefitPlan(raw.plan, raw.costShares),
      }
    : null;
  const dateOfService = raw.dateOfService;
  const planSpans = plan ? spans.filter((s) => s.planId === plan.id) : [];
  const coveringPlanSpan = planSpans.find(
    (s) => s.startDate <= dateOfService && (s.endDate === null || s.endDate >= dateOfService),
  );
  const coverageLevel = coveringPlanSpan?.coverageLevel ?? inForce?.coverageLevel ?? 'individual';

  let planYear: PlanYearInfo | null = null;
  if (raw.planYear) {
    planYear = {
      id: raw.planYear.id,
      year: raw.planYear.year,
      startDate: raw.planYear.start_date,
      endDate: raw.planYear.end_date,
    };
  } else if (plan) {
    planYear = { id: null, ...planYearForDate(dateOfService, plan.benefit.planYearStart) };
  }

  const row = (scope: 'individual' | 'family'): AccumulatorRowState | null => {
    const r = raw.accumulators.find((a) => a.scope === scope);
    return r ? { deductibleCents: r.deductible_cents, oopCents: r.oop_cents, version: r.version } : null;
  };
  const individual = row('individual');
  const family = row('family');
  const own = { deductibleCents: individual?.deductibleCents ?? 0, oopCents: individual?.oopCents ?? 0 };
  const shared =
    coverageLevel === 'family'
      ? { deductibleCents: family?.deductibleCents ?? 0, oopCents: family?.oopCents ?? 0 }
      : own;

  const network: NetworkContract | null = raw.network
    ? {
        id: raw.network.id,
        name: raw.network.name,
        benchmark: raw.network.benchmark,
        terms: raw.network.terms,
      }
    : null;

  return {
    dateOfService,
    member: {
      id: raw.member.id,
      subscriberId: raw.member.subscriber_id,
      clientId: raw.member.client_id,
      personCode: raw.member.person_code,
      relationshipCode: raw.member.relationship_code,
      firstName: raw.member.first_name,
      lastName: raw.member.last_name,
      gender: raw.member.gender,
      timeZone: raw.member.time_zone,
    },
    eligibility: {
      spans,
      inForce,
      coverageSpans: planSpans.map((s) => ({ effectiveDate: s.startDate, terminationDate: s.endDate })),
      coverageLevel,
    },
    plan,
    planYear,
    accumulators: {
      values: {
        individualDeductibleCents: own.deductibleCents,
        individualOopCents: own.oopCents,
        familyDeductibleCents: shared.deductibleCents,
        familyOopCents: shared.oopCents,
      },
      individual,
      family,
    },
    network,
    drugs: requests.map((request, index) =>
      drugCoverage(
        raw.drugs.find((d) => d.ord === index + 1),
        request,
        network?.benchmark ?? null,
      ),
    ),
  };
}
