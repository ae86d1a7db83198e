// What each member takes: long-term drugs (more with age), short courses such as antibiotics, and now and then a
// specialty drug. Drugs are drawn from what the member's formulary covers without step therapy or (outside
// specialty) prior authorization, never two of one therapeutic class and never an interacting pair, so the
// history adjudicates cleanly; the seed adds early refills and reversals on purpose elsewhere.
import { addDays, type Channel, type LocalDate } from '@openpbm/domain';
import { maxDate, minDate, randomDate } from './dates';
import { acuteCourseDays, type FillAmount, fillAmount } from './dosing';
import { type CatalogGroup, type CatalogProduct, type DrugCatalog, dispensedProduct } from './drug-catalog';
import type { SeedFamily, SeedMember } from './families';
import { entryFor, type FormularyKind, freelyCovered, type SeedFormulary } from './formularies';
import type { SeedNetwork } from './networks';
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
}

export interface DrugChoices {
  chronic: CatalogGroup[];
  pediatricChronic: CatalogGroup[];
  acute: CatalogGroup[];
  pediatricAcute: CatalogGroup[];
  specialty: CatalogGroup[];
  /** Drugs a prescriber has to ask for: prior authorization, step therapy or excluded (open PA cases). */
  needsApproval: CatalogGroup[];
}

// Starter-list classes that children are commonly prescribed; with other reference data children get none.
const PEDIATRIC_CHRONIC = new Set([
  'leukotriene_modifiers',
  'saba',
  'ics_laba',
  'insulins_long',
  'insulins_rapid',
]);
const PEDIATRIC_ACUTE = new Set(['penicillins', 'macrolides', 'cephalosporins', 'corticosteroids']);

export function drugChoices(catalog: DrugCatalog, formulary: SeedFormulary): DrugChoices {
  const covered = (g: CatalogGroup) => freelyCovered(formulary, g, dispensedProduct(g).ref.ndc);
  const ordinary = catalog.groups.filter((g) => !g.ref.specialty && g.ref.deaSchedule !== '2' && covered(g));
  const chronic = ordinary.filter((g) => g.ref.maintenance && !g.ref.deaSchedule);
  const acute = ordinary.filter((g) => !g.ref.maintenance);
  const specialty = catalog.groups.filter((g) => {
    const entry = entryFor(formulary, g.id, dispensedProduct(g).ref.ndc);
    return g.ref.specialty && !!entry && !entry.excluded && entry.stepTherapyGroupIds.length === 0;
  });
  const needsApproval = catalog.groups.filter((g) => {
    const entry = entryFor(formulary, g.id, dispensedProduct(g).ref.ndc);
    return (
      !g.ref.specialty &&
      !!entry &&
      (entry.requiresPriorAuth || entry.excluded || entry.stepTherapyGroupIds.length > 0)
    );
  });
  return {
    chronic,
    pediatricChronic: chronic.filter((g) => PEDIATRIC_CHRONIC.has(g.classCode)),
    acute,
    pediatricAcute: acute.filter((g) => PEDIATRIC_ACUTE.has(g.classCode)),
    specialty,
    needsApproval,
  };
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

/** Long-term drugs per member by age band: [count, weight]. */
function chronicCount(prng: Prng, age: number): number {
  if (age < 18)
    return prng.weighted([
      [0, 80],
      [1, 17],
      [2, 3],
    ]);
  if (age < 40)
    return prng.weighted([
      [0, 50],
      [1, 28],
      [2, 14],
      [3, 8],
    ]);
  if (age < 65)
    return prng.weighted([
      [0, 28],
      [1, 26],
      [2, 22],
      [3, 14],
      [4, 10],
    ]);
  return prng.weighted([
    [0, 12],
    [1, 18],
    [2, 24],
    [3, 22],
    [4, 14],
    [5, 10],
  ]);
}

// The demo family's drugs (starter-list classes), so the demo shows home delivery, 90-day retail, a brand on a
// higher tier and an antibiotic course; any class missing from the reference data falls back to a random pick.
const DEMO_THERAPIES: readonly (readonly [person: number, classCode: string, channel: Channel | 'acute'])[] =
  [
    [0, 'statins', 'home_delivery_90'],
    [0, 'ace_inhibitors', 'retail_90'],
    [0, 'dpp4_inhibitors', 'retail_30'],
    [1, 'thyroid', 'home_delivery_90'],
    [1, 'ssris', 'retail_30'],
    [2, 'leukotriene_modifiers', 'retail_30'],
    [2, 'saba', 'retail_30'],
    [3, 'penicillins', 'acute'],
  ];

const TARGET_DAYS: Record<Channel, [target: number, max: number]> = {
  retail_30: [30, 34],
  retail_90: [90, 90],
  home_delivery_90: [90, 90],
  specialty: [28, 30],
};

class MemberDrugs {
  private readonly classes = new Set<string>();
  private readonly ingredients: string[] = [];

  constructor(private readonly interactingPairs: Set<string>) {}

  accepts(group: CatalogGroup): boolean {
    if (this.classes.has(group.classCode)) return false;
    for (const mine of group.ref.ingredients) {
      for (const theirs of this.ingredients) {
        const pair = mine < theirs ? `${mine}|${theirs}` : `${theirs}|${mine}`;
        if (mine === theirs || this.interactingPairs.has(pair)) return false;
      }
    }
    return true;
  }

  add(group: CatalogGroup): void {
    this.classes.add(group.classCode);
    this.ingredients.push(...group.ref.ingredients);
  }
}

function draw(prng: Prng, pool: readonly CatalogGroup[], drugs: MemberDrugs): CatalogGroup | null {
  for (let attempt = 0; attempt < 12 && pool.length > 0; attempt++) {
    const group = prng.pick(pool);
    if (drugs.accepts(group)) return group;
  }
  return null;
}

export function planTherapies(ctx: TherapyContext, prng: Prng, family: SeedFamily): Therapy[] {
  const therapies: Therapy[] = [];
  const regionKey = family.group.region.key;
  const familyPrimary = family.demo
    ? ctx.demoPrescriber
    : ctx.prescribers.pick(prng, regionKey, PRIMARY_CARE);
  const pediatrician = family.demo ? ctx.demoPrescriber : ctx.prescribers.pick(prng, regionKey, PEDIATRICS);

  family.members.forEach((member, personIndex) => {
    const firstSpan = member.spans[0];
    if (!firstSpan) return;
    const plan = ctx.plans[firstSpan.planKey];
    const choices = ctx.choices[plan.formulary.kind];
    const lastEnd = member.spans[member.spans.length - 1]?.endDate ?? ctx.asOf;
    const coveredFrom = maxDate(firstSpan.startDate, ctx.historyStart);
    const coveredTo = minDate(lastEnd, ctx.asOf);
    if (coveredFrom > coveredTo) return;
    const homePharmacies = ctx.pharmacies.retail(regionKey, plan.network.kind);
    const homePharmacy = homePharmacies[0] && (family.demo ? homePharmacies[0] : prng.pick(homePharmacies));
    if (!homePharmacy) return;
    const drugs = new MemberDrugs(ctx.interactingPairs);
    const child = member.age < 18;

    const add = (group: CatalogGroup, kind: TherapyKind, channel: Channel, firstFill: LocalDate) => {
      drugs.add(group);
      const [target, max] = kind === 'acute' ? [acuteCourseDays(group), 34] : TARGET_DAYS[channel];
      const amount = fillAmount(group, target, max);
      const specialist = SPECIALTY_BY_CLASS[group.classCode];
      const prescriber =
        specialist && !family.demo
          ? ctx.prescribers.pick(prng, regionKey, specialist)
          : child
            ? pediatrician
            : familyPrimary;
      const pharmacy =
        channel === 'home_delivery_90'
          ? ctx.pharmacies.homeDelivery
          : channel === 'specialty'
            ? ctx.pharmacies.specialty
            : !family.demo && prng.chance(0.2)
              ? prng.pick(homePharmacies)
              : homePharmacy;
      const plannedFills = kind === 'acute' ? (prng.chance(0.2) ? 2 : 1) : Number.POSITIVE_INFINITY;
      therapies.push({
        member,
        group,
        product: dispensedProduct(group),
        kind,
        channel,
        pharmacy,
        prescriber,
        amount,
        refillsAuthorized: refillsFor(group, kind, channel, plannedFills),
        firstFill,
        plannedFills,
        autoRefill: channel === 'home_delivery_90' && (family.demo || prng.chance(0.5)),
      });
    };

    // Most long-term drugs were already being taken when the history starts; some start during it.
    const chronicStart = () =>
      prng.chance(0.7)
        ? randomDate(prng, coveredFrom, minDate(addDays(coveredFrom, 40), coveredTo))
        : randomDate(prng, coveredFrom, coveredTo);
    const chronicChannel = (group: CatalogGroup): Channel => {
      const entry = entryFor(plan.formulary, group.id, dispensedProduct(group).ref.ndc);
      if (entry?.quantityLimit || !canUse90Day(plan.network)) {
        return entry?.quantityLimit || prng.chance(0.6) ? 'retail_30' : 'home_delivery_90';
      }
      return prng.weighted<Channel>([
        ['retail_30', 45],
        ['retail_90', 25],
        ['home_delivery_90', 30],
      ]);
    };

    if (family.demo) {
      for (const [person, classCode, channel] of DEMO_THERAPIES) {
        if (person !== personIndex) continue;
        const pool = channel === 'acute' ? choices.acute : choices.chronic;
        const preferred = pool.filter((g) => g.classCode === classCode && drugs.accepts(g));
        const group = preferred[0] ?? draw(prng, pool, drugs);
        if (!group) continue;
        if (channel === 'acute')
          add(
            group,
            'acute',
            'retail_30',
            randomDate(prng, addDays(coveredTo, -200), addDays(coveredTo, -30)),
          );
        else
          add(
            group,
            'chronic',
            canUse90Day(plan.network) || channel !== 'retail_90' ? channel : 'retail_30',
            addDays(coveredFrom, personIndex * 3 + 1),
          );
      }
      return;
    }

    const chronicPool = child ? choices.pediatricChronic : choices.chronic;
    for (let i = chronicCount(prng, member.age); i > 0; i--) {
      const group = draw(prng, chronicPool, drugs);
      if (group) add(group, 'chronic', chronicChannel(group), chronicStart());
    }
    const acutePool = child ? choices.pediatricAcute : choices.acute;
    for (
      let i = prng.weighted([
        [0, 50],
        [1, 30],
        [2, 15],
        [3, 5],
      ]);
      i > 0;
      i--
    ) {
      const group = draw(prng, acutePool, drugs);
      if (group) add(group, 'acute', 'retail_30', randomDate(prng, coveredFrom, coveredTo));
    }
    if (!child && prng.chance(0.008)) {
      const group = draw(prng, choices.specialty, drugs);
      if (group) add(group, 'specialty', 'specialty', chronicStart());
    }
  });
  return therapies;
}

const canUse90Day = (network: SeedNetwork) => network.terms.retail_90 !== undefined;

/** Refills written on each prescription (federal caps: none for C-II, five for C-III to C-V). */
function refillsFor(group: CatalogGroup, kind: TherapyKind, channel: Channel, plannedFills: number): number {
  if (kind === 'acute') return plannedFills - 1;
  if (group.ref.deaSchedule === '2') return 0;
  const yearly = channel === 'retail_90' || channel === 'home_delivery_90' ? 3 : 11;
  return group.ref.deaSchedule ? Math.min(5, yearly) : yearly;
}
