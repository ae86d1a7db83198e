// The seed, phase by phase, inside one transaction: the world (reference drugs, formularies, networks, plans,
// employers, pharmacies, prescribers), then family after family (members, eligibility, prescriptions, claims,
// accumulators, orders, prior authorizations), then the demo logins and the demo prescriber's verified NPI.
// Every random choice comes from `Prng` streams of the seed number and every id from `SeedIds`, so the same seed
// and as-of date give the same data.
import { addDays } from '@openpbm/domain';
import { type FieldKey, fieldKeyFromConfig } from '../field-crypto';
import { loadReferenceData } from '../reference/index';
import type { ReferenceData } from '../reference/types';
import * as schema from '../schema/index';
import { BulkLoader } from './bulk';
import { demoClientPortalRows } from './client-portal';
import { insertDemoContent } from './content-hub';
import type { SeedConnection } from './copy';
import { at, todayUtc } from './dates';
import {
  createIndexes,
  DEFER_INDEXES_FROM_MEMBERS,
  dropSecondaryIndexes,
  MEMBER_SCALED_TABLES,
} from './deferred-indexes';
import {
  demoPasswordHashes,
  demoPrescriberVerification,
  demoStaffTotpRows,
  demoUserRows,
} from './demo-users';
import { familySize, generateFamily, type SeedFamily } from './families';
import { IdentifierFactory } from './identifiers';
import { familyRows } from './member-rows';
import { Prng, SeedIds } from './prng';
import { simulateFamily } from './simulation';
import { demoSupportAssignments, insertHelpArticles } from './support';
import { planTherapies } from './therapies';
import { skipForeignKeyTriggers, verifyForeignKeys } from './transaction';
import { type SeedWorld, STREAM, writeWorld } from './world';

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
  /**
   * Generate in a worker thread while this thread writes (large seeds on PGlite nearly twice as fast). Needs
   * tsx (the worker loads TypeScript through it); leave off in tests and under other loaders.
   */
  inWorker?: boolean;
  /** Drop and rebuild the member-scaled tables' secondary indexes (deferred-indexes.ts); default from 10,000 members. */
  deferIndexes?: boolean;
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
  schema.planServiceFees,
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
  schema.orderRequests,
  schema.orderItems,
  schema.orderStatusEvents,
  schema.users,
  schema.totpFactors,
  schema.prescriberNpiVerifications,
  schema.staffClientAssignments,
  schema.clientEmailDomains,
  schema.clientPrimaryAdmins,
  schema.clientAccessGrants,
];

/** Each family draws from its own stream, FAMILY_STREAM + its index. */
const FAMILY_STREAM = 1000;
const PROGRESS_EVERY_MEMBERS = 500;

export interface RunContext {
  /**
   * Let batches queue up while generation goes on: right when the database works elsewhere (a PostgreSQL
   * server, or the main thread when generating in a worker); wrong for PGlite on the generating thread.
   */
  queueWrites: boolean;
  /** Demo password hashes, started early so hashing overlaps the seed. */
  passwordHashes?: Promise<Map<string, string>>;
}

export async function runSeed(
  conn: SeedConnection,
  opts: SeedOptions,
  run: RunContext,
): Promise<SeedSummary> {
  const started = performance.now();
  if (!Number.isSafeInteger(opts.members) || opts.members < 1) {
    throw new RangeError('members must be a positive integer');
  }
  const passwordHashes = run.passwordHashes ?? demoPasswordHashes();
  const seed = opts.seed ?? 1;
  const asOf = opts.asOf ?? todayUtc();
  const progress = opts.onProgress ?? (() => {});
  const ids = new SeedIds(seed, Date.parse(`${asOf}T00:00:00Z`) - 86_400_000);
  const loader = new BulkLoader(conn, TABLE_ORDER, { maxQueued: run.queueWrites ? 3 : 0 });
  const keysCheckedAtEnd = await skipForeignKeyTriggers(conn);

  progress(0, 1, 'reference data, plans, pharmacies and prescribers');
  const world = await writeWorld(loader, {
    seed,
    members: opts.members,
    asOf,
    historyStart: addDays(asOf, -HISTORY_DAYS),
    ids,
    numbers: new IdentifierFactory(new Prng(seed, 7)),
    fieldKey: opts.fieldKey ?? fieldKeyFromConfig(),
    reference: opts.referenceData ?? loadReferenceData(),
  });

  const defer = opts.deferIndexes ?? opts.members >= DEFER_INDEXES_FROM_MEMBERS;
  const deferred = defer ? await dropSecondaryIndexes(conn, MEMBER_SCALED_TABLES) : [];
  const demoFamily = await writeFamilies(loader, world, opts.members, seed, progress);

  progress(0, 1, 'demo logins');
  const users = demoUserRows(world, demoFamily, await passwordHashes, ids, new Prng(seed, STREAM.staff));
  await loader.insertMany(schema.users, users);
  await loader.insertMany(
    schema.totpFactors,
    demoStaffTotpRows(users, world.simulation.fieldKey, at(addDays(asOf, -1), '12:00'), ids),
  );
  await loader.insertMany(schema.prescriberNpiVerifications, [demoPrescriberVerification(world)]);
  await loader.insertMany(
    schema.staffClientAssignments,
    demoSupportAssignments(users, world.demo.client.id, at(addDays(asOf, -1), '12:00')),
  );
  const portal = demoClientPortalRows(world.clients, world.demo.client, users, asOf, ids);
  await loader.insertMany(schema.clientEmailDomains, portal.domains);
  await loader.insertMany(schema.clientPrimaryAdmins, portal.admins);
  await loader.insertMany(schema.clientAccessGrants, portal.grants);
  await loader.flush();
  await insertHelpArticles(conn, ids, at(addDays(asOf, -1), '12:00'));
  await insertDemoContent(conn, ids, asOf);
  if (deferred.length > 0) {
    progress(0, 1, 'building indexes');
    await createIndexes(conn, deferred);
  }
  if (keysCheckedAtEnd) {
    progress(0, 1, 'checking references');
    await verifyForeignKeys(conn, Object.keys(loader.rowCounts()));
  }
  progress(1, 1, 'done');
  return {
    seed,
    asOf,
    members: opts.members,
    referenceData: world.catalog.origin.description,
    rows: loader.rowCounts(),
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** Families until exactly `members` people exist (the last family is cut to fit); returns the demo family. */
async function writeFamilies(
  loader: BulkLoader,
  world: SeedWorld,
  members: number,
  seed: number,
  progress: (done: number, total: number, phase: string) => void,
): Promise<SeedFamily> {
  const allocation = new Prng(seed, STREAM.allocation);
  const clientWeights = world.clients.map((c) => [c, c.weight] as const);
  let demoFamily: SeedFamily | null = null;
  let done = 0;
  let reported = 0;
  progress(0, members, 'members');
  for (let index = 0; done < members; index++) {
    const prng = new Prng(seed, FAMILY_STREAM + index);
    const demo = index === 0;
    const client = demo ? world.demo.client : allocation.weighted(clientWeights);
    const group = demo
      ? world.demo.group
      : allocation.weighted(client.groups.map((g) => [g, g.weight] as const));
    const size = Math.min(demo ? 4 : familySize(prng), members - done);
    const family = generateFamily(world.families, prng, client, group, size, demo);
    demoFamily ??= family;

    const rows = familyRows(family, world.simulation.fieldKey, world.plans);
    const history = simulateFamily(
      world.simulation,
      prng,
      family,
      planTherapies(world.therapies, prng, family),
    );
    await loader.insertMany(schema.members, rows.members);
    await loader.insertMany(schema.eligibilitySpans, rows.spans);
    await loader.insertMany(schema.prescriptions, history.prescriptions);
    await loader.insertMany(schema.priorAuthorizations, history.priorAuthorizations);
    await loader.insertMany(schema.claims, history.claims);
    await loader.insertMany(schema.accumulators, history.accumulators);
    await loader.insertMany(schema.orders, history.orders.orders);
    await loader.insertMany(schema.orderRequests, history.orders.requests);
    await loader.insertMany(schema.orderItems, history.orders.items);
    await loader.insertMany(schema.orderStatusEvents, history.orders.events);

    done += family.members.length;
    if (done - reported >= PROGRESS_EVERY_MEMBERS || done === members) {
      reported = done;
      progress(done, members, 'members');
    }
  }
  if (!demoFamily) throw new Error('seed made no families');
  return demoFamily;
}
