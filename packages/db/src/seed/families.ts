// Families: a subscriber with spouse and children, sharing a group, an address and eligibility. Coverage has the
// shapes real enrollment files show: long-standing members, new hires, a plan change at the plan-year start,
// spouses added later, newborns, children aging out at 26, families terminated mid-year or expired, and a few
// with a termination date still ahead.
import { addDays, addMonths, daysBetween, type LocalDate, planYearForDate } from '@openpbm/domain';
import type { ZipCentroid } from '../reference/zip';
import type { SeedClient, SeedGroup } from './clients';
import { endOfMonth, firstOfMonth, maxDate, minDate, randomDate } from './dates';
import type { IdentifierFactory } from './identifiers';
import { apartment, emailLocalPart, type Gender, personName, streetAddress } from './names';
import type { PlanKey, SeedPlan } from './plans';
import type { Prng, SeedIds } from './prng';
import { fictionalPhone, randomZip, timeZoneOf } from './regions';

export type SpanStatus = 'active' | 'expired' | 'terminated';

export interface SeedSpan {
  id: string;
  planKey: PlanKey;
  startDate: LocalDate;
  endDate: LocalDate | null;
  status: SpanStatus;
}

export interface SeedMember {
  id: string;
  relationship: '1' | '2' | '3' | '4';
  personCode: string;
  memberNumber: string;
  firstName: string;
  lastName: string;
  gender: Gender;
  dateOfBirth: LocalDate;
  /** Whole years on the seed's as-of date. */
  age: number;
  email: string | null;
  phone: string | null;
  spans: SeedSpan[];
}

export interface SeedFamily {
  client: SeedClient;
  group: SeedGroup;
  zip: ZipCentroid;
  addressLine1: string;
  addressLine2: string | null;
  timeZone: string;
  coverageLevel: 'individual' | 'family';
  members: SeedMember[];
  demo: boolean;
}

export interface FamilyContext {
  asOf: LocalDate;
  historyStart: LocalDate;
  ids: SeedIds;
  numbers: IdentifierFactory;
  plans: Record<PlanKey, SeedPlan>;
}

/** Members per family: 45% single, the rest couples and parents with children. */
const FAMILY_SIZES: readonly (readonly [number, number])[] = [
  [1, 45],
  [2, 20],
  [3, 14],
  [4, 13],
  [5, 6],
  [6, 2],
];

const ageOn = (dateOfBirth: LocalDate, date: LocalDate): number => {
  const years = Number(date.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return date.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
};

function birthDate(prng: Prng, asOf: LocalDate, age: number): LocalDate {
  return addDays(addMonths(asOf, -12 * age), -prng.int(1, 364));
}

/** The subscriber's spans, as enrollment produced them. */
function subscriberSpans(ctx: FamilyContext, prng: Prng, group: SeedGroup, demo: boolean): SeedSpan[] {
  const { asOf, historyStart } = ctx;
  const firstPlan = group.plans[0] as PlanKey;
  const planKey = demo ? firstPlan : prng.weighted(group.plans.map((p, i) => [p, i === 0 ? 7 : 3] as const));
  const start = demo
    ? firstOfMonth(addMonths(asOf, -40))
    : prng.chance(0.08)
      ? firstOfMonth(addDays(asOf, -prng.int(5, 90)))
      : firstOfMonth(addMonths(asOf, -prng.int(4, 96)));
  const yearStart = planYearForDate(asOf, ctx.plans[planKey].benefit.planYearStart).startDate;

  let end: LocalDate | null = null;
  let status: SpanStatus = 'active';
  const roll = demo ? 1 : prng.next();
  if (roll < 0.04) {
    const from = maxDate(addDays(start, 60), addDays(historyStart, 30));
    if (from < addDays(asOf, -1)) {
      end = minDate(endOfMonth(randomDate(prng, from, addDays(asOf, -1))), addDays(asOf, -1));
      status = 'terminated';
    }
  } else if (roll < 0.06 && addDays(yearStart, -1) > addDays(start, 30)) {
    end = addDays(yearStart, -1);
    status = 'expired';
  } else if (roll < 0.07) {
    end = endOfMonth(addDays(asOf, prng.int(10, 60)));
  }

  const otherPlans = group.plans.filter((p) => p !== planKey);
  const changedPlan =
    !demo &&
    otherPlans.length > 0 &&
    start < addDays(yearStart, -60) &&
    (end === null || end >= yearStart) &&
    prng.chance(0.12);
  if (!changedPlan) return [{ id: ctx.ids.next(), planKey, startDate: start, endDate: end, status }];
  return [
    {
      id: ctx.ids.next(),
      planKey: prng.pick(otherPlans),
      startDate: start,
      endDate: addDays(yearStart, -1),
      status: 'expired',
    },
    { id: ctx.ids.next(), planKey, startDate: yearStart, endDate: end, status },
  ];
}

/** A dependent's spans: the subscriber's, limited to the days the dependent could be covered. */
function dependentSpans(
  ctx: FamilyContext,
  spans: readonly SeedSpan[],
  from: LocalDate,
  to: LocalDate | null,
): SeedSpan[] {
  const result: SeedSpan[] = [];
  for (const span of spans) {
    const startDate = maxDate(span.startDate, from);
    const endDate = to === null ? span.endDate : span.endDate === null ? to : minDate(span.endDate, to);
    if (endDate !== null && endDate < startDate) continue;
    const endedByAge = to !== null && endDate === to && (span.endDate === null || to < span.endDate);
    const status: SpanStatus = endedByAge && to < ctx.asOf ? 'expired' : span.status;
    result.push({ id: ctx.ids.next(), planKey: span.planKey, startDate, endDate, status });
  }
  return result;
}

interface PersonPlan {
  relationship: SeedMember['relationship'];
  gender: Gender;
  age: number;
}

function familyShape(prng: Prng, size: number, demo: boolean, retirees: boolean): PersonPlan[] {
  if (demo) {
    return [
      { relationship: '1', gender: 'M', age: 46 },
      { relationship: '2', gender: 'F', age: 44 },
      { relationship: '3', gender: 'F', age: 20 },
      { relationship: '3', gender: 'M', age: 12 },
    ].slice(0, size) as PersonPlan[];
  }
  const gender = (): Gender => (prng.chance(0.01) ? 'U' : prng.chance(0.5) ? 'F' : 'M');
  const subscriberAge = retirees ? prng.int(56, 72) : prng.int(22, 64);
  const people: PersonPlan[] = [{ relationship: '1', gender: gender(), age: subscriberAge }];
  if (size >= 2 && prng.chance(0.8)) {
    people.push({
      relationship: prng.chance(0.03) ? '4' : '2',
      gender: gender(),
      age: Math.max(20, subscriberAge + prng.int(-6, 6)),
    });
  }
  const oldestChild = Math.min(26, subscriberAge - 18);
  while (people.length < size && oldestChild >= 0) {
    // A few children have just turned 26 and lost coverage at the end of that month.
    const age = prng.chance(0.03) ? 26 : prng.int(0, Math.min(25, oldestChild));
    people.push({ relationship: '3', gender: prng.chance(0.5) ? 'F' : 'M', age: Math.min(age, oldestChild) });
  }
  return people;
}

export function familySize(prng: Prng): number {
  return prng.weighted(FAMILY_SIZES);
}

export function generateFamily(
  ctx: FamilyContext,
  prng: Prng,
  client: SeedClient,
  group: SeedGroup,
  size: number,
  demo: boolean,
): SeedFamily {
  const { asOf } = ctx;
  const zip = randomZip(prng, group.region);
  const shape = familyShape(prng, size, demo, group.retirees);
  const subscriberSpanList = subscriberSpans(ctx, prng, group, demo);
  const coverageStart = (subscriberSpanList[0] as SeedSpan).startDate;
  const familyName = personName(prng, 'U').lastName;
  const members: SeedMember[] = [];
  let childNumber = 3;
  for (const person of shape) {
    const isSubscriber = person.relationship === '1';
    const keepsName = isSubscriber || person.relationship === '3' || prng.chance(0.7);
    // No two people in a family share a first name, so screens listing the family stay unambiguous.
    let name = personName(prng, person.gender, keepsName ? familyName : undefined);
    while (members.some((m) => m.firstName === name.firstName)) {
      name = personName(prng, person.gender, keepsName ? familyName : undefined);
    }
    const { firstName, lastName } = name;
    const dateOfBirth = birthDate(prng, asOf, person.age);
    let spans: SeedSpan[];
    if (isSubscriber) {
      spans = subscriberSpanList;
    } else if (person.relationship === '3') {
      // Children are covered from birth through the end of the month they turn 26.
      // The end is on file only once it is near (enrollment files carry it a couple of months ahead).
      const agesOut = endOfMonth(addMonths(dateOfBirth, 12 * 26));
      const endOnFile = agesOut <= addDays(asOf, 60) ? agesOut : null;
      spans = dependentSpans(ctx, subscriberSpanList, maxDate(coverageStart, dateOfBirth), endOnFile);
    } else {
      const addedLater = !demo && prng.chance(0.08) && daysBetween(coverageStart, asOf) > 60;
      const from = addedLater
        ? firstOfMonth(randomDate(prng, addDays(coverageStart, 31), asOf))
        : coverageStart;
      spans = dependentSpans(ctx, subscriberSpanList, from, null);
    }
    if (spans.length === 0) continue;
    const adult = person.age >= 18;
    const personCode = isSubscriber
      ? '001'
      : person.relationship === '2'
        ? '002'
        : String(childNumber++).padStart(3, '0');
    members.push({
      id: ctx.ids.next(),
      relationship: person.relationship,
      personCode,
      memberNumber: ctx.numbers.memberNumber(),
      firstName,
      lastName,
      gender: person.gender,
      dateOfBirth,
      age: ageOn(dateOfBirth, asOf),
      email:
        adult && (demo || prng.chance(0.75))
          ? `${emailLocalPart(firstName, lastName)}${prng.int(1, 99)}@example.com`
          : null,
      phone: adult && (demo || prng.chance(0.8)) ? fictionalPhone(prng, group.region.areaCode) : null,
      spans,
    });
  }
  // The spouse slot may stay empty (person code 002 unused) when a couple split; the codes stay unique anyway.
  return {
    client,
    group,
    zip,
    addressLine1: streetAddress(prng),
    addressLine2: prng.chance(0.18) ? apartment(prng) : null,
    timeZone: timeZoneOf(zip),
    coverageLevel: members.length > 1 ? 'family' : 'individual',
    members,
    demo,
  };
}

/** The span covering a date, if any (end date inclusive). */
export function spanOn(member: SeedMember, date: LocalDate): SeedSpan | null {
  for (const span of member.spans) {
    if (span.startDate <= date && (span.endDate === null || date <= span.endDate)) return span;
  }
  return null;
}
