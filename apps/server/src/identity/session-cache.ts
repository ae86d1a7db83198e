// Signed-in requests resolve their session from memory: a short-lived cache of (session, user) by token hash.
//
// It never answers with a stale row: the database's triggers NOTIFY every change of a session (other than the
// idle-deadline touch) or of a user, and the invalidation bus (packages/db invalidation.ts) delivers a change
// this process made before the write's `await` returns, and another node's within milliseconds. A revoked
// session therefore fails on the very next request. While the bus is not live (its listening connection is
// down) the cache answers nothing. The time limit (SESSION_CACHE_SECONDS) only bounds memory and the damage
// of an unforeseen gap; set it to 0 to turn the cache off.
import type { DatabaseHandle } from '@openpbm/db';
import { DROP_ALL, type InvalidationBus } from '@openpbm/db/invalidation';
import type { Session } from '@openpbm/db/schema/identity';
import type { User } from '@openpbm/db/schema/users';

const MAX_ENTRIES = 10_000;

export interface CachedSession {
  session: Session;
  user: User;
}

interface Entry extends CachedSession {
  cachedAtMs: number;
}

export class SessionCache {
  private readonly byHash = new Map<string, Entry>();
  private readonly hashesByUser = new Map<string, Set<string>>();
  /** Cache hits and misses since start (the benchmark prints them). */
  hits = 0;
  misses = 0;

  constructor(
    private readonly bus: InvalidationBus,
    private readonly ttlMs: number,
  ) {
    if (ttlMs > 0) bus.subscribe((payload) => this.invalidate(payload));
  }

  /** Take this before reading the database; `put` stores the read only if nothing changed in between. */
  get generation(): number {
    return this.bus.generation;
  }

  get(tokenHash: string, nowMs: number): CachedSession | undefined {
    if (this.ttlMs <= 0 || !this.bus.live) return undefined;
    const entry = this.byHash.get(tokenHash);
    const age = entry ? nowMs - entry.cachedAtMs : -1;
    if (!entry || age < 0 || age >= this.ttlMs) {
      if (entry) this.forget(tokenHash);
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    return entry;
  }

  put(tokenHash: string, value: CachedSession, generationAtRead: number, nowMs: number): void {
    if (this.ttlMs <= 0 || !this.bus.live || generationAtRead !== this.bus.generation) return;
    if (this.byHash.size >= MAX_ENTRIES) {
      const oldest = this.byHash.keys().next().value;
      if (oldest !== undefined) this.forget(oldest);
    }
    this.byHash.set(tokenHash, { ...value, cachedAtMs: nowMs });
    const hashes = this.hashesByUser.get(value.user.id) ?? new Set<string>();
    hashes.add(tokenHash);
    this.hashesByUser.set(value.user.id, hashes);
  }

  forget(tokenHash: string): void {
    const entry = this.byHash.get(tokenHash);
    if (!entry) return;
    this.byHash.delete(tokenHash);
    const hashes = this.hashesByUser.get(entry.user.id);
    hashes?.delete(tokenHash);
    if (hashes?.size === 0) this.hashesByUser.delete(entry.user.id);
  }

  private invalidate(payload: string): void {
    if (payload === DROP_ALL) {
      this.byHash.clear();
      this.hashesByUser.clear();
    } else if (payload.startsWith('session:')) {
      this.forget(payload.slice('session:'.length));
    } else if (payload.startsWith('user:')) {
      for (const hash of this.hashesByUser.get(payload.slice('user:'.length)) ?? []) this.forget(hash);
    }
  }
}

const caches = new WeakMap<DatabaseHandle, SessionCache>();

/** One cache per database handle (every session service of the process shares it). */
export function sessionCacheFor(handle: DatabaseHandle, ttlSeconds: number): SessionCache {
  let cache = caches.get(handle);
  if (!cache) {
    cache = new SessionCache(handle.invalidations, ttlSeconds * 1000);
    caches.set(handle, cache);
  }
  return cache;
}
