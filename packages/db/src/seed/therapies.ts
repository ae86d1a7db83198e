// What each member takes: long-term drugs (more with age), short courses such as antibiotics, and now and then a
// specialty drug, each with its prescriber, pharmacy, channel, fill size and refills. What may be chosen is in
// drug-choices.ts; the demo family's fixed list is in demo-therapies.ts.
import { addDays, type Channel, type LocalDate } from '@openpbm/domain';
import { maxDate, minDate, randomDate } from './dates';
import { planDemoTherapies } from './demo-therapies';
import { acuteCourseDays, type FillAmount, fillAmount } from './dosing';
import { type CatalogGroup, type CatalogProduct, dispensedProduct } from './drug-catalog';
import { type DrugChoices, drawDrug, MemberDrugs } from './drug-choices';
import type { SeedFamily, SeedMember } from './families';
import { entryFor, type FormularyKind } from './formularies';
import type { PharmacyDirectory, SeedPharmacy } from './pharmacies';
import type { PlanKey, SeedPlan } from './plans';
import {
  PEDIATRICS,
  PRIMARY_CARE,
  type PrescriberDirectory,
  type SeedPrescriber,
  SPECIALTY_BY_CLASS,
} from './prescribers';
import type { Prng } from './prng';

export type TherapyKind = 'chronic' | 'acute' | 'specialty';

export interface Therapy {
  member: SeedMember;
  group: CatalogGroup;
  product: CatalogProduct;
  kind: TherapyKind;
  channel: Channel;
  pharmacy: SeedPharmacy;
  prescriber: SeedPrescriber;
  amount: FillAmount;
  refillsAuthorized: number;
  firstFill: LocalDate;
  /** Fills of a short course (the original and at most one refill); long-term therapies go on. */
  plannedFills: number;
  autoRefill: boolean;
  /** Taken exactly as prescribed: never stopped, never refilled early (the demo family). */
  steady: boolean;
}

export interface TherapyContext {
  asOf: LocalDate;
  historyStart: LocalDate;
  plans: Record<PlanKey, SeedPlan>;
  choices: Record<FormularyKind, DrugChoices>;
  /** "ingredientA|ingredientB" of every known interaction. */
  interactingPairs: Set<string>;
  pharmacies: PharmacyDirectory;
  prescribers: PrescriberDirectory;
  demoPrescriber: SeedPrescriber;
}

/** Days a fill aims at and the most the channel allows. */
const FILL_DAYS: Record<Channel, [target: number, max: number]> = {
  retail_30: [30, 34],
  retail_90: [90, 90],
  home_delivery_90: [90, 90],
  specialty: [28, 30],
};

// biome-ignore format: tables
const CHRONIC_COUNT_BY_AGE: readonly [maxAge: number, weights: readonly (readonly [number, number])[]][] = [
  [17, [[0, 80], [1, 17], [2, 3]]],
  [39, [[0, 50], [1, 28], [2, 14], [3, 8]]],
  [64, [[0, 28], [1, 26], [2, 22], [3, 14], [4, 10]]],
  [Number.POSITIVE_INFINITY, [[0, 12], [1, 18], [2, 24], [3, 22], [4, 14], [5, 10]]],
];
// biome-ignore format: table
const ACUTE_COURSES: readonly (readonly [number, number])[] = [[0, 50], [1, 30], [2, 15], [3, 5]];
const SPECIALTY_CHANCE = 0.008;

/** Builds one member's therapies with the prescriber, pharmacy, fill size and refills each needs. */
export class MemberTherapies {
  readonly therapies: Therapy[] = [];
  readonly drugs: MemberDrugs;
  readonly plan: SeedPlan;
  readonly choices: DrugChoices;
  readonly coveredFrom: LocalDate;
  readonly coveredTo: LocalDate;
  private readonly homePharmacies: SeedPharmacy[];

  constructor(
    private readonly ctx: TherapyContext,
    private readonly prng: Prng,
    private readonly family: SeedFamily,
    readonly member: SeedMember,
    private readonly prescribers: { primary: SeedPrescriber; pediatric: SeedPrescriber },
  ) {
    const first = member.spans[0];
    const last = member.spans[member.spans.length - 1];
    if (!first || !last) throw new Error('a member without coverage has no therapies');
    this.plan = ctx.plans[first.planKey];
    this.choices = ctx.choices[this.plan.formulary.kind];
    this.coveredFrom = maxDate(first.startDate, ctx.historyStart);
    this.coveredTo = minDate(last.endDate ?? ctx.asOf, ctx.asOf);
    this.homePharmacies = ctx.pharmacies.retail(family.group.region.key, this.plan.network.kind);
    this.drugs = new MemberDrugs(ctx.interactingPairs);
  }

  /** Whether the member is covered during the history and has a pharmacy to go to. */
  get canFill(): boolean {
    return this.coveredFrom <= this.coveredTo && this.homePharmacies.length > 0;
  }

  get offers90DayRetail(): boolean {
    return this.plan.network.terms.retail_90 !== undefined;
  }

  /** A day early in the history for drugs already taken when it starts, or any day for ones started later. */
  chronicStart(): LocalDate {
    const { prng, coveredFrom, coveredTo } = this;
    return prng.chance(0.7)
      ? randomDate(prng, coveredFrom, minDate(addDays(coveredFrom, 40), coveredTo))
      : randomDate(prng, coveredFrom, coveredTo);
  }

  add(group: CatalogGroup, kind: TherapyKind, channel: Channel, firstFill: LocalDate, steady = false): void {
    const { prng, family, member } = this;
    this.drugs.add(group);
    const [target, max] =
      kind === 'acute' ? [acuteCourseDays(group), FILL_DAYS.retail_30[1]] : FILL_DAYS[channel];
    const specialist = SPECIALTY_BY_CLASS[group.classCode];
    const prescriber =
      specialist && !steady
        ? this.ctx.prescribers.pick(prng, family.group.region.key, specialist)
        : member.age < 18
          ? this.prescribers.pediatric
          : this.prescribers.primary;
    const home = this.homePharmacies[0] as SeedPharmacy;
    const pharmacy =
      channel === 'home_delivery_90'
        ? this.ctx.pharmacies.homeDelivery
        : channel === 'specialty'
          ? this.ctx.pharmacies.specialty
          : !steady && prng.chance(0.2)
            ? prng.pick(this.homePharmacies)
            : home;
    const plannedFills = kind === 'acute' ? (prng.chance(0.2) ? 2 : 1) : Number.POSITIVE_INFINITY;
    this.therapies.push({
      member,
      group,
      product: dispensedProduct(group),
      kind,
      channel,
      pharmacy,
      prescriber,
      amount: fillAmount(group, target, max),
      refillsAuthorized: refillsFor(group, kind, channel, plannedFills),
      firstFill,
      plannedFills,
      autoRefill: channel === 'home_delivery_90' && (steady || prng.chance(0.5)),
      steady,
    });
  }
}

export function planTherapies(ctx: TherapyContext, prng: Prng, family: SeedFamily): Therapy[] {
  const region = family.group.region.key;
  const prescribers = family.demo
    ? { primary: ctx.demoPrescriber, pediatric: ctx.demoPrescriber }
    : {
        primary: ctx.prescribers.pick(prng, region, PRIMARY_CARE),
        pediatric: ctx.prescribers.pick(prng, region, PEDIATRICS),
      };
  const therapies: Therapy[] = [];
  family.members.forEach((member, personIndex) => {
    if (member.spans.length === 0) return;
    const planner = new MemberTherapies(ctx, prng, family, member, prescribers);
    if (!planner.canFill) return;
    if (family.demo) planDemoTherapies(planner, prng, personIndex);
    else planOrdinaryTherapies(planner, prng);
    therapies.push(...planner.therapies);
  });
  return therapies;
}

function planOrdinaryTherapies(planner: MemberTherapies, prng: Prng): void {
  const { member, choices, plan } = planner;
  const child = member.age < 18;
  const ageBand = CHRONIC_COUNT_BY_AGE.find(([maxAge]) => member.age <= maxAge);
  for (let i = prng.weighted(ageBand?.[1] ?? [[0, 1]]); i > 0; i--) {
    const group = drawDrug(prng, child ? choices.pediatricChronic : choices.chronic, planner.drugs);
    if (!group) continue;
    // Quantity-limited drugs go 30 days at a time; the narrow network has no 90-day retail.
    const limited = entryFor(plan.formulary, group.id, dispensedProduct(group).ref.ndc)?.quantityLimit;
    const channel: Channel = limited
      ? 'retail_30'
      : planner.offers90DayRetail
        ? prng.weighted<Channel>([
            ['retail_30', 45],
            ['retail_90', 25],
            ['home_delivery_90', 30],
          ])
        : prng.chance(0.6)
          ? 'retail_30'
          : 'home_delivery_90';
    planner.add(group, 'chronic', channel, planner.chronicStart());
  }
  for (let i = prng.weighted(ACUTE_COURSES); i > 0; i--) {
    const group = drawDrug(prng, child ? choices.pediatricAcute : choices.acute, planner.drugs);
    if (group)
      planner.add(group, 'acute', 'retail_30', randomDate(prng, planner.coveredFrom, planner.coveredTo));
  }
  if (!child && prng.chance(SPECIALTY_CHANCE)) {
    const group = drawDrug(prng, choices.specialty, planner.drugs);
    if (group) planner.add(group, 'specialty', 'specialty', planner.chronicStart());
  }
}

/** Refills written on each prescription (federal caps: none for C-II, five for C-III to C-V). */
function refillsFor(group: CatalogGroup, kind: TherapyKind, channel: Channel, plannedFills: number): number {
  if (kind === 'acute') return plannedFills - 1;
  if (group.ref.deaSchedule === '2') return 0;
  const yearly = channel === 'retail_90' || channel === 'home_delivery_90' ? 3 : 11;
  return group.ref.deaSchedule ? Math.min(5, yearly) : yearly;
}
