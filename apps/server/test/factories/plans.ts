// Plan-side factories: a plan with its own formulary, network and 2026 plan year; a client with one group; a drug
// on (or off) a plan's formulary.
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import { one, uniqueCode, uniqueDigits } from './unique';

export interface PlanRef {
  id: string;
  name: string;
  networkName: string;
  planYearId: string;
  formularyId: string;
  networkId: string;
  routing: { bin: string; pcn: string; group: string };
}

export interface ClientRef {
  id: string;
  name: string;
  groupNumber: string;
  groupId: string;
  plan: PlanRef;
}

export interface DrugRef {
  ndc: string;
  groupId: string;
}

type CostShare = Omit<typeof schema.planCostShares.$inferInsert, 'planId' | 'id'>;

export interface PlanOverrides {
  deductibleCents?: number;
  oopMaxCents?: number;
  /** Default: tier 1 copay $10 / $25 / $20 (retail 30 / retail 90 / home delivery), tier 2 $40 / $100 / $80. */
  costShares?: CostShare[];
  year?: number;
}

const copay = (tier: 1 | 2 | 3 | 4, channel: CostShare['channel'], copayCents: number): CostShare => ({
  tier,
  channel,
  kind: 'copay',
  copayCents,
  deductibleApplies: tier > 1,
});

const DEFAULT_COST_SHARES: CostShare[] = [
  copay(1, 'retail_30', 1_000),
  copay(1, 'retail_90', 2_500),
  copay(1, 'home_delivery_90', 2_000),
  copay(2, 'retail_30', 4_000),
  copay(2, 'retail_90', 10_000),
  copay(2, 'home_delivery_90', 8_000),
];

export async function aPlan(db: Database, o: PlanOverrides = {}): Promise<PlanRef> {
  const code = uniqueCode('T');
  const formulary = one(
    await db
      .insert(schema.formularies)
      .values({ code: `${code}-FORM`, name: `Test formulary ${code}`, effectiveDate: '2020-01-01' })
      .returning(),
  );
  const network = one(
    await db
      .insert(schema.pharmacyNetworks)
      .values({
        code: `${code}-NET`,
        name: `Test network ${code}`,
        benchmark: 'nadac',
        terms: {
          retail_30: { discountBps: 100, genericDiscountBps: 500, dispensingFeeCents: 150 },
          retail_90: { discountBps: 200, genericDiscountBps: 700, dispensingFeeCents: 100 },
          home_delivery_90: { discountBps: 300, genericDiscountBps: 1_000, dispensingFeeCents: 0 },
          specialty: { discountBps: 100, genericDiscountBps: 100, dispensingFeeCents: 0 },
        },
      })
      .returning(),
  );
  const deductible = o.deductibleCents ?? 50_000;
  const oopMax = o.oopMaxCents ?? 300_000;
  const routing = { bin: '610998', pcn: 'OPBFACT', group: `G${uniqueDigits('', 8)}` };
  const plan = one(
    await db
      .insert(schema.plans)
      .values({
        code: `${code}-PLAN`,
        name: `Test plan ${code}`,
        deductibleIndividualCents: deductible,
        deductibleFamilyCents: deductible * 2,
        oopMaxIndividualCents: oopMax,
        oopMaxFamilyCents: oopMax * 2,
        maxDaysSupply: { retail_30: 34, retail_90: 90, home_delivery_90: 90, specialty: 30 },
        formularyId: formulary.id,
        pharmacyNetworkId: network.id,
        bin: routing.bin,
        pcn: routing.pcn,
        rxGroup: routing.group,
        customerServicePhone: '8005550100',
      })
      .returning(),
  );
  const shares = o.costShares ?? DEFAULT_COST_SHARES;
  if (shares.length > 0) {
    await db.insert(schema.planCostShares).values(shares.map((s) => ({ ...s, planId: plan.id })));
  }
  const year = o.year ?? 2026;
  const planYear = one(
    await db
      .insert(schema.planYears)
      .values({ planId: plan.id, year, startDate: `${year}-01-01`, endDate: `${year}-12-31` })
      .returning(),
  );
  return {
    id: plan.id,
    name: plan.name,
    networkName: network.name,
    planYearId: planYear.id,
    formularyId: formulary.id,
    networkId: network.id,
    routing,
  };
}

/** A client (plan sponsor) with one group whose default plan is `plan` (a new one when not given). */
export async function aClient(db: Database, o: { plan?: PlanRef; name?: string } = {}): Promise<ClientRef> {
  const plan = o.plan ?? (await aPlan(db));
  const code = uniqueCode('CL');
  const client = one(
    await db
      .insert(schema.clients)
      .values({ code, name: o.name ?? `Test employer ${code}` })
      .returning(),
  );
  const group = one(
    await db
      .insert(schema.groups)
      .values({ clientId: client.id, groupNumber: `${code}-G`, name: 'Employees', defaultPlanId: plan.id })
      .returning(),
  );
  return { id: client.id, name: client.name, groupNumber: group.groupNumber, groupId: group.id, plan };
}

export interface DrugOverrides {
  /** Puts the drug on this plan's formulary (with `tier`); without it the drug is on no formulary. */
  plan?: PlanRef;
  tier?: 1 | 2 | 3 | 4;
  ingredient?: string;
  brandName?: string | null;
  /** NADAC per unit in cents (default 10¢). */
  unitPriceCents?: number;
  priorAuth?: boolean;
  quantityLimit?: { units: number; days: number };
  excluded?: boolean;
}

/** A drug group with one product (its NDC) and a NADAC price; on the plan's formulary when `plan` is given. */
export async function aDrug(db: Database, o: DrugOverrides = {}): Promise<DrugRef> {
  const code = uniqueCode('drug');
  const ingredient = o.ingredient ?? `testamab-${code}`;
  const klass = one(
    await db
      .insert(schema.therapeuticClasses)
      .values({ code: `${code}-class`, name: `${code} class` })
      .returning(),
  );
  const group = one(
    await db
      .insert(schema.drugGroups)
      .values({
        code: `test|${code}`,
        name: `${ingredient} 10 mg oral tablet`,
        ingredients: [ingredient],
        strength: '10 mg',
        dosageForm: 'tablet',
        route: 'oral',
        therapeuticClassId: klass.id,
        maintenance: true,
        specialty: false,
      })
      .returning(),
  );
  const ndc = uniqueDigits('97', 11);
  await db.insert(schema.drugProducts).values({
    ndc,
    name: `${o.brandName ?? ingredient} 10 mg tablet`,
    brandName: o.brandName ?? null,
    source: o.brandName ? 'brand' : 'generic',
    labeler: 'Factory Labs (fictional)',
    drugGroupId: group.id,
    packageSizeMilli: 30_000,
    unit: 'EA',
  });
  await db.insert(schema.drugPrices).values({
    ndc,
    priceType: 'nadac',
    unitPriceMicros: (o.unitPriceCents ?? 10) * 10_000,
    effectiveDate: '2020-01-01',
    source: 'test',
  });
  if (o.plan) {
    await db.insert(schema.formularyEntries).values({
      formularyId: o.plan.formularyId,
      drugGroupId: group.id,
      tier: o.tier ?? 1,
      requiresPriorAuth: o.priorAuth ?? false,
      excluded: o.excluded ?? false,
      ...(o.quantityLimit
        ? {
            hasQuantityLimit: true,
            quantityLimitMilli: o.quantityLimit.units * 1_000,
            quantityLimitDays: o.quantityLimit.days,
          }
        : {}),
    });
  }
  return { ndc, groupId: group.id };
}
