// Claims reference data held in process, each part under its own small key, warmed lazily (a miss loads that
// part alone, reference-repo.ts): plan + benefit design + network by routing (BIN/PCN/Group) or plan id, drug
// + prices + interactions by NDC, formulary entry by (formulary, NDC, drug group), pharmacy + its network
// contract by pharmacy and network.
//
// Exactness: every held value carries the reference_versions it was read at. The database bumps a part's
// version in the transaction that changes it and NOTIFYs `reference:<part>` (migration 0026), which drops the
// part here (this process's own writes before their `await` returns, other nodes' within milliseconds). As a
// backstop for a notification missed or late, the claim's per-member statement returns the current versions:
// a claim that used a value older than them drops the part and is read again (claim-context-repo.ts).

import type { Database } from '@openpbm/db';
import { DROP_ALL, type InvalidationBus } from '@openpbm/db/invalidation';
import {
  type DrugPart,
  type EntryPart,
  type Loaded,
  type PharmacyPart,
  type PlanPart,
  REFERENCE_PARTS,
  type ReferencePart,
  type ReferenceVersions,
} from './reference-repo';

const MAX_ENTRIES_PER_KIND = 20_000;
const NOTIFY_PREFIX = 'reference:';

/** One kind of held value and the parts it was read from. */
class Kind<T> {
  readonly held = new Map<string, Loaded<T>>();
  constructor(readonly parts: readonly ReferencePart[]) {}
}

export class ReferenceCache {
  readonly plans = new Kind<PlanPart>(['plan']);
  readonly drugs = new Kind<DrugPart>(['drug']);
  // The entry's preferred alternatives name drug groups and products.
  readonly entries = new Kind<EntryPart>(['formulary', 'drug']);
  readonly pharmacies = new Kind<PharmacyPart>(['pharmacy']);
  private readonly kinds: Kind<unknown>[] = [this.plans, this.drugs, this.entries, this.pharmacies];
  /** Since start (the benchmark prints them): values answered from memory, loaded, and claims read again. */
  hits = 0;
  misses = 0;
  rereads = 0;
  private generation = 0;

  constructor(bus?: InvalidationBus) {
    bus?.subscribe((payload) => {
      if (payload === DROP_ALL) this.dropAll();
      else if (payload.startsWith(NOTIFY_PREFIX)) this.drop(payload.slice(NOTIFY_PREFIX.length));
    });
  }

  /** The held value, else `load`'s (kept unless a change was heard while it loaded). */
  async get<T>(kind: Kind<T>, key: string, load: () => Promise<Loaded<T>>): Promise<Loaded<T>> {
    const held = kind.held.get(key);
    if (held) {
      this.hits += 1;
      return held;
    }
    this.misses += 1;
    const generation = this.generation;
    const loaded = await load();
    if (generation === this.generation) {
      if (kind.held.size >= MAX_ENTRIES_PER_KIND) {
        const oldest = kind.held.keys().next().value;
        if (oldest !== undefined) kind.held.delete(oldest);
      }
      kind.held.set(key, loaded);
    }
    return loaded;
  }

  /**
   * The parts some of `used` was read from before their `current` version; drops them. Empty: everything used
   * is what the database holds at `current`.
   */
  stale(
    used: Array<{ kind: Kind<unknown>; value: Loaded<unknown> }>,
    current: ReferenceVersions,
  ): ReferencePart[] {
    const parts = new Set<ReferencePart>();
    for (const { kind, value } of used) {
      for (const part of kind.parts) if ((value.versions[part] ?? 0) < (current[part] ?? 0)) parts.add(part);
    }
    for (const part of parts) this.drop(part);
    return [...parts];
  }

  private drop(part: string): void {
    if (!(REFERENCE_PARTS as readonly string[]).includes(part)) return;
    this.generation += 1;
    for (const kind of this.kinds) if (kind.parts.includes(part as ReferencePart)) kind.held.clear();
  }

  private dropAll(): void {
    this.generation += 1;
    for (const kind of this.kinds) kind.held.clear();
  }
}

export type { Kind };

const caches = new WeakMap<Database, ReferenceCache>();

/** One cache per database (every claims service of the process shares it). */
export function referenceCacheFor(db: Database, bus?: InvalidationBus): ReferenceCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ReferenceCache(bus);
    caches.set(db, cache);
  }
  return cache;
}
