// The shared rate-limit store: counters live in rate_limit_counters, so every store instance (every app node)
// counts the same window; routes count apart; a window ends and the next request starts again at 1.

import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { DatabaseHandle } from '@openpbm/db';
import { createTestDatabase } from '@openpbm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseRateLimitStore } from '../../src/platform/rate-limit-store';

const SECRET = 'x'.repeat(40);
let db: DatabaseHandle;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.close());

type Result = { current: number; ttl: number };
const incr = (store: FastifyRateLimitStore, key: string, windowMs: number) =>
  new Promise<Result>((resolve, reject) =>
    store.incr(key, (err, res) => (err || !res ? reject(err) : resolve(res)), windowMs, 5),
  );
const read = (store: DatabaseRateLimitStore, key: string) =>
  new Promise<Result>((resolve, reject) =>
    store.read(key, (err, res) => (err || !res ? reject(err) : resolve(res))),
  );
const route = (method: string, url: string) =>
  ({ routeInfo: { method, url } }) as unknown as Parameters<FastifyRateLimitStore['child']>[0];

describe('database rate-limit store', () => {
  it('keeps its counters in an unlogged table: a counted request commits without waiting for a WAL flush', async () => {
    const { rows } = await db.sql.query<{ relpersistence: string }>(
      `select relpersistence from pg_class where relname = 'rate_limit_counters'`,
    );
    expect(rows).toEqual([{ relpersistence: 'u' }]);
  });

  it('two stores (two nodes) count one window together; another route counts apart', async () => {
    const nodeA = new DatabaseRateLimitStore(db, SECRET).child(route('POST', '/api/identity/sign-in'));
    const nodeB = new DatabaseRateLimitStore(db, SECRET).child(route('POST', '/api/identity/sign-in'));
    const other = new DatabaseRateLimitStore(db, SECRET).child(route('POST', '/api/orders'));
    const counts = [];
    for (const store of [nodeA, nodeB, nodeA, nodeB])
      counts.push((await incr(store, '10.0.0.1', 60_000)).current);
    expect(counts).toEqual([1, 2, 3, 4]);
    expect((await incr(other, '10.0.0.1', 60_000)).current).toBe(1);
    const last = await incr(nodeB, '10.0.0.1', 60_000);
    expect(last.current).toBe(5);
    expect(last.ttl).toBeGreaterThan(55_000);
    expect(last.ttl).toBeLessThanOrEqual(60_000);
  });

  it('stores no client address, and reading does not count', async () => {
    const store = new DatabaseRateLimitStore(db, SECRET);
    await incr(store, '192.0.2.77', 60_000);
    expect(await read(store, '192.0.2.77')).toMatchObject({ current: 1 });
    expect(await read(store, '192.0.2.77')).toMatchObject({ current: 1 });
    expect(await read(store, '192.0.2.78')).toEqual({ current: 0, ttl: 0 });
    const { rows } = await db.sql.query<{ key: string }>('select key from rate_limit_counters');
    expect(rows.some((r) => r.key.includes('192.0.2'))).toBe(false);
  });

  it('a new window starts at 1 once the old one has ended', async () => {
    const store = new DatabaseRateLimitStore(db, SECRET);
    expect((await incr(store, 'short', 300)).current).toBe(1);
    expect((await incr(store, 'short', 300)).current).toBe(2);
    await new Promise((r) => setTimeout(r, 450));
    expect((await incr(store, 'short', 300)).current).toBe(1);
  });

  it('counts every concurrent request exactly once', async () => {
    const store = new DatabaseRateLimitStore(db, SECRET);
    const results = await Promise.all(Array.from({ length: 40 }, () => incr(store, 'burst', 60_000)));
    expect(results.map((r) => r.current).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });
});
