// The seed, phase by phase, inside one transaction: reference drugs, formularies, networks, plans, employers,
// pharmacies, prescribers, then family after family (members, eligibility, prescriptions, claims, accumulators,
// orders, prior authorizations), then the demo logins. Every random choice comes from `Prng` streams of the
// seed number and every id from `SeedIds`, so the same seed and as-of date always give the same data.
import { addDays, type DrugInteraction } from '@openpbm/domain';
import type { SqlExecutor } from '../client';
import { type FieldKey, fieldKeyFromConfig } from '../field-crypto';
import { loadReferenceData } from '../reference/index';
import type { ReferenceData } from '../reference/types';
import * as schema from '../schema/index';
import { BulkLoader } from './bulk';
import { type SeedClient, clientCountFor, writeClients } from './clients';
import { todayUtc } from './dates';
import { type DemoLogin, demoPasswordHashes, demoUserRows } from './demo-users';
import { buildDrugCatalog } from './drug-catalog';
import { familySize, generateFamily, type SeedFamily } from './families';
import { writeFormularies } from './formularies';
import { IdentifierFactory } from './identifiers';
import { familyRows } from './member-rows';
import { personName } from './names';
import { writeNetworks } from './networks';
import { writePharmacies } from './pharmacies';
import { writePlans } from './plans';
import { PRIMARY_CARE, writePrescribers } from './prescribers';
import { Prng, SeedIds } from './prng';
import { writeReferenceData } from './reference-data';
import { type SimulationContext, simulateFamily } from './simulation';
import { drugChoices, planTherapies } from './therapies';
import type { Region } from './regions';

export interface SeedOptions {
  /** Covered people to create (subscribers and dependents together). */
  members: number;
  /** Same seed (and as-of date) → same data. Default 1. */
  seed?: number;
  /** The "today" of the seeded history, YYYY-MM-DD; default today's UTC date. */
  asOf?: string;
  onProgress?: (done: number, total: number, phase: string) => void;
  /** Defaults to FIELD_ENCRYPTION_KEY from the configuration. */
  fieldKey?: FieldKey;
  /** Defaults to loadReferenceData() (public files when present, else the starter list). */
  referenceData?: ReferenceData;
}

export interface SeedSummary {
  seed: number;
  asOf: string;
  members: number;
  /** Where the drug reference data came from. */
  referenceData: string;
  /** Rows written per table. */
  rows: Record<string, number>;
  elapsedMs: number;
}

/** Claims history reaches this many days back from the as-of date (the previous and current plan year). */
export const HISTORY_DAYS = 455;
const DEBUG = { gen: 0, db: 0 };

// Parents before children: the loader writes a table only after every table listed before it.
const TABLE_ORDER = [
  schema.therapeuticClasses,
  schema.drugGroups,
  schema.drugProducts,
  schema.drugPrices,
  schema.drugInteractions,
  schema.formularies,
  schema.formularyEntries,
  schema.pharmacyNetworks,
  schema.pharmacies,
  schema.networkPharmacies,
  schema.plans,
  schema.planCostShares,
  schema.planYears,
  schema.advisors,
  schema.clients,
  schema.clientAdvisors,
  schema.groups,
  schema.prescribers,
  schema.members,
  schema.eligibilitySpans,
  schema.prescriptions,
  schema.priorAuthorizations,
  schema.claims,
  schema.accumulators,
  schema.orders,
  schema.orderItems,
  schema.orderStatusEvents,
  schema.users,
];

/** Independent random streams per concern; families use FAMILY_STREAM + their index. */
const STREAM = { formulary: 1, pharmacies: 2, prescribers: 3, clients: 4, allocation: 5, staff: 6 } as const;
const FAMILY_STREAM = 1000;

/** Members per retail pharmacy and per prescriber in a metro (never fewer than a handful of each). */
const MEMBERS_PER_PHARMACY = 80;
const MEMBERS_PER_PRESCRIBER = 70;

export async function runSeed(
  conn: SqlExecutor,
  engine: 'pglite' | 'postgres',
  opts: SeedOptions,
  passwordHashes: Promise<Map<string, string>> = demoPasswordHashes(),
): Promise<SeedSummary> {
  const started = performance.now();
  if (!Number.isSafeInteger(opts.members) || opts.members < 1) throw new RangeError('members must be a positive integer');
  const seed = opts.seed ?? 1;
  const asOf = opts.asOf ?? todayUtc();
  const historyStart = addDays(asOf, -HISTORY_DAYS);
  const progress = opts.onProgress ?? (() => {});
  const fieldKey = opts.fieldKey ?? fieldKeyFromConfig();
  const reference = opts.referenceData ?? loadReferenceData();

  const ids = new SeedIds(seed, Date.parse(`${asOf}T00:00:00Z`) - 86_400_000);
  const numbers = new IdentifierFactory(new Prng(seed, 7));
  const loader = new BulkLoader(conn, TABLE_ORDER, { maxInFlight: engine === 'postgres' ? 2 : 0 });

  progress(0, 1, 'reference data');
  const catalog = buildDrugCatalog(reference, ids);
  await writeReferenceData(loader, reference, catalog, ids, historyStart);

  progress(0, 1, 'plans, pharmacies and prescribers');
  const formularies = await writeFormularies(loader, catalog, ids, new Prng(seed, STREAM.formulary), '2020-01-01');
  const networks = await writeNetworks(loader, ids);
  const plans = await writePlans(loader, ids, formularies, networks, addDays(historyStart, -366), addDays(asOf, 366));
  const { clients, advisorIds } = await writeClients(
    loader,
    ids,
    new Prng(seed, STREAM.clients),
    clientCountFor(opts.members),
    plans,
  );
  const regionShares = expectedMembersPerRegion(clients, opts.members);
  const pharmacies = await writePharmacies(
    loader,
    ids,
    numbers,
    new Prng(seed, STREAM.pharmacies),
    networks,
    regionShares.map(({ region, members }) => ({ region, count: Math.max(4, Math.ceil(members / MEMBERS_PER_PHARMACY)) })),
    { contractStart: '2020-01-01', closedOn: historyStart },
  );
  const prescribers = await writePrescribers(
    loader,
    ids,
    numbers,
    new Prng(seed, STREAM.prescribers),
    regionShares.map(({ region, members }) => ({ region, count: Math.max(6, Math.ceil(members / MEMBERS_PER_PRESCRIBER)) })),
  );
  const demoClient = clients[0] as SeedClient;
  const demoGroup = demoClient.groups[0];
  const demoPrescriber = prescribers.all.find(
    (p) => p.regionKey === demoGroup?.region.key && p.specialty === PRIMARY_CARE,
  );
  if (!demoGroup || !demoPrescriber) throw new Error('seed world has no demo group or prescriber');

  const interactions: DrugInteraction[] = reference.interactions.map((i) => ({
    a: i.ingredientA,
    b: i.ingredientB,
    severity: i.severity,
    description: i.message,
  }));
  const choices = { standard: drugChoices(catalog, formularies.standard), value: drugChoices(catalog, formularies.value) };
  const therapyContext = {
    asOf,
    historyStart,
    plans,
    choices,
    interactingPairs: new Set(reference.interactions.map((i) => `${i.ingredientA}|${i.ingredientB}`)),
    pharmacies,
    prescribers,
    demoPrescriber,
  };
  const simulation: SimulationContext = {
    asOf,
    ids,
    numbers,
    fieldKey,
    catalog,
    plans,
    interactions,
    homeDeliveryPharmacyId: pharmacies.homeDelivery.id,
    choices,
    entryCache: new Map(),
    drugCache: new Map(),
  };
  const familyContext = { asOf, historyStart, ids, numbers, plans };

  const allocation = new Prng(seed, STREAM.allocation);
  const clientWeights = clients.map((c) => [c, c.weight] as const);
  let demoFamily: SeedFamily | null = null;
  let done = 0;
  let reported = 0;
  progress(0, opts.members, 'members');
  for (let index = 0; done < opts.members; index++) {
    const g0 = performance.now();
    const prng = new Prng(seed, FAMILY_STREAM + index);
    const demo = index === 0;
    const client = demo ? demoClient : allocation.weighted(clientWeights);
    const group = demo ? demoGroup : allocation.weighted(client.groups.map((g) => [g, g.weight] as const));
    const size = Math.min(demo ? 4 : familySize(prng), opts.members - done);
    const family = generateFamily(familyContext, prng, client, group, size, demo);
    if (demo) demoFamily = family;

    const { members, spans } = familyRows(family, fieldKey, plans);
    const history = simulateFamily(simulation, prng, family, planTherapies(therapyContext, prng, family));
    const g1 = performance.now();
    DEBUG.gen += g1 - g0;
    await loader.insertMany(schema.members, members);
    await loader.insertMany(schema.eligibilitySpans, spans);
    await loader.insertMany(schema.prescriptions, history.prescriptions);
    await loader.insertMany(schema.priorAuthorizations, history.priorAuthorizations);
    await loader.insertMany(schema.claims, history.claims);
    await loader.insertMany(schema.accumulators, history.accumulators);
    await loader.insertMany(schema.orders, history.orders.orders);
    await loader.insertMany(schema.orderItems, history.orders.items);
    await loader.insertMany(schema.orderStatusEvents, history.orders.events);

    DEBUG.db += performance.now() - g1;
    done += family.members.length;
    if (done - reported >= 500 || done === opts.members) {
      reported = done;
      progress(done, opts.members, 'members');
    }
  }

  progress(0, 1, 'demo logins');
  const subscriber = demoFamily?.members[0];
  const dependent = demoFamily?.members.find((m) => m.relationship === '3' && m.age >= 18);
  if (subscriber) {
    const staff = new Prng(seed, STREAM.staff);
    const staffName = (login: DemoLogin) => {
      const { firstName, lastName } = personName(staff, staff.chance(0.5) ? 'F' : 'M');
      return login.role === 'prescriber' ? `Dr. ${demoPrescriber.lastName}` : `${firstName} ${lastName}`;
    };
    const rows = demoUserRows(
      {
        memberId: subscriber.id,
        memberName: `${subscriber.firstName} ${subscriber.lastName}`,
        memberEmail: subscriber.email ?? 'demo.member@example.org',
        dependentId: dependent?.id ?? null,
        dependentName: dependent ? `${dependent.firstName} ${dependent.lastName}` : '',
        dependentEmail: dependent?.email ?? 'demo.dependent@example.org',
        clientId: demoClient.id,
        advisorId: demoClient.advisorIds[0] ?? (advisorIds[0] as string),
        prescriberId: demoPrescriber.id,
        pharmacyId: pharmacies.homeDelivery.id,
      },
      await passwordHashes,
      () => ids.next(),
      staffName,
    );
    await loader.insertMany(schema.users, rows);
  }
  const f0 = performance.now();
  await loader.flush();
  DEBUG.db += performance.now() - f0;
  if (process.env.SEED_DEBUG) console.log('gen', DEBUG.gen.toFixed(0), 'db', DEBUG.db.toFixed(0));
  progress(1, 1, 'done');
  return {
    seed,
    asOf,
    members: done,
    referenceData: catalog.origin.description,
    rows: loader.rowCounts(),
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** Members each metro can expect, from client sizes and where their groups work. */
function expectedMembersPerRegion(clients: readonly SeedClient[], members: number): { region: Region; members: number }[] {
  const totalWeight = clients.reduce((sum, c) => sum + c.weight, 0);
  const byRegion = new Map<string, { region: Region; members: number }>();
  for (const client of clients) {
    const groupWeight = client.groups.reduce((sum, g) => sum + g.weight, 0);
    for (const group of client.groups) {
      const share = (client.weight / totalWeight) * (group.weight / groupWeight);
      const entry = byRegion.get(group.region.key) ?? { region: group.region, members: 0 };
      entry.members += share * members;
      byRegion.set(group.region.key, entry);
    }
  }
  return [...byRegion.values()];
}
