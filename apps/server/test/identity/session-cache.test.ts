// Signed-in reads are reads: the session comes from the in-process cache, nothing is written but the idle
// deadline's touch (once a minute), and any change to the session or its user (revocation, sign-out elsewhere,
// a disabled account), made by this process, by raw SQL or by another node, fails the very next request.
import { type DatabaseHandle, openDatabase, schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CachedSession, SessionCache } from '../../src/identity/session-cache';
import { createTestApp, type TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';

let t: TestApp;
const statements: string[] = [];
const start = new Date('2026-03-02T15:00:00Z');
const seconds = (n: number) => new Date(start.getTime() + n * 1000);

beforeAll(async () => {
  t = await createTestApp({ now: start, onQuery: (text) => statements.push(text) });
  // On PostgreSQL the listening connection opens with the app; until it listens, nothing is cached.
  const deadline = Date.now() + 5000;
  while (!t.db.invalidations.live && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
});
afterAll(() => t.close());

const whoAmI = (headers: Record<string, string>) =>
  t.app.inject({ method: 'GET', url: '/api/identity/session', headers });
const signedIn = async (headers: Record<string, string>) => (await whoAmI(headers)).json().signedIn;
const sessionReads = () => statements.filter((s) => /from "sessions"/i.test(s)).length;
const writes = () => statements.filter((s) => /^\s*(insert|update|delete)\b/i.test(s));

describe('session cache', () => {
  it('answers repeated signed-in reads from memory and writes nothing but one touch a minute', async () => {
    t.setNow(start);
    const userId = await createTestUser(t, 'customer_service');
    const { headers } = await signInAs(t, userId);
    statements.length = 0;
    expect(await signedIn(headers)).toBe(true);
    expect(sessionReads()).toBe(1);
    for (let s = 1; s <= 5; s++) {
      t.setNow(seconds(s));
      expect(await signedIn(headers)).toBe(true);
    }
    expect(sessionReads()).toBe(1);
    expect(writes()).toEqual([]);

    // A minute after the last touch (sign-in), the idle deadline moves: one update, of last_seen_at only.
    t.setNow(seconds(61));
    expect(await signedIn(headers)).toBe(true);
    expect(writes()).toHaveLength(1);
    expect(writes()[0]).toMatch(/update "sessions" set "last_seen_at"/i);
    t.setNow(seconds(62));
    expect(await signedIn(headers)).toBe(true);
    expect(writes()).toHaveLength(1);
  });

  it('fails a session revoked through the app on the very next request', async () => {
    t.setNow(start);
    const userId = await createTestUser(t, 'customer_service');
    const here = await signInAs(t, userId);
    const there = await signInAs(t, userId);
    expect(await signedIn(there.headers)).toBe(true); // cached now
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/identity/account/sessions/${there.sessionId}`,
      headers: here.headers,
    });
    expect(revoked.statusCode).toBe(204);
    expect(await signedIn(there.headers)).toBe(false);
    expect(await signedIn(here.headers)).toBe(true);
  });

  it('fails a session revoked or a user disabled by any SQL, at once', async () => {
    t.setNow(start);
    const userId = await createTestUser(t, 'customer_service');
    const first = await signInAs(t, userId);
    const second = await signInAs(t, userId);
    expect(await signedIn(first.headers)).toBe(true);
    expect(await signedIn(second.headers)).toBe(true);

    await t.db.sql.query(`update sessions set revoked_at = now(), revoked_reason = 'test' where id = $1`, [
      first.sessionId,
    ]);
    expect(await signedIn(first.headers)).toBe(false);
    expect(await signedIn(second.headers)).toBe(true);

    await t.db.db.update(schema.users).set({ status: 'disabled' }).where(eq(schema.users.id, userId));
    expect(await signedIn(second.headers)).toBe(false);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'hears a revocation committed by another node (its own connection pool) through NOTIFY',
    async () => {
      t.setNow(start);
      const userId = await createTestUser(t, 'customer_service');
      const { headers, sessionId } = await signInAs(t, userId);
      expect(await signedIn(headers)).toBe(true);
      const other = await otherNode(t.db);
      try {
        const before = t.db.invalidations.generation;
        await other.sql.query(
          `update sessions set revoked_at = now(), revoked_reason = 'test' where id = $1`,
          [sessionId],
        );
        // Another process hears it after the commit, not with it: wait for the notification (milliseconds).
        const deadline = Date.now() + 5000;
        while (t.db.invalidations.generation === before && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 5));
        }
        expect(await signedIn(headers)).toBe(false);
      } finally {
        await other.close();
      }
    },
  );
});

describe('SessionCache', () => {
  const fakeBus = () => {
    let listener: (p: string) => void = () => {};
    const bus = {
      live: true,
      generation: 0,
      subscribe: (l: (p: string) => void) => {
        listener = l;
        return () => {};
      },
      close: async () => {},
      send(payload: string) {
        bus.generation += 1;
        listener(payload);
      },
    };
    return bus;
  };
  const entry = (userId: string) =>
    ({ session: { id: 's' }, user: { id: userId } }) as unknown as CachedSession;

  it('does not store a read that a change overtook', () => {
    const bus = fakeBus();
    const cache = new SessionCache(bus, 10_000);
    const generation = cache.generation;
    bus.send('session:h1'); // committed while the read was on its way
    cache.put('h1', entry('u1'), generation, 0);
    expect(cache.get('h1', 1)).toBeUndefined();
  });

  it('drops by session, by user and everything; answers nothing while the bus is down or past its time', () => {
    const bus = fakeBus();
    const cache = new SessionCache(bus, 10_000);
    cache.put('h1', entry('u1'), cache.generation, 0);
    cache.put('h2', entry('u1'), cache.generation, 0);
    cache.put('h3', entry('u2'), cache.generation, 0);
    bus.send('session:h1');
    expect(cache.get('h1', 1)).toBeUndefined();
    expect(cache.get('h2', 1)).toBeDefined();
    bus.send('user:u1');
    expect(cache.get('h2', 1)).toBeUndefined();
    expect(cache.get('h3', 1)).toBeDefined();
    bus.live = false;
    expect(cache.get('h3', 1)).toBeUndefined();
    bus.live = true;
    expect(cache.get('h3', 10_000)).toBeUndefined();
    cache.put('h3', entry('u2'), cache.generation, 0);
    bus.send('*');
    expect(cache.get('h3', 1)).toBeUndefined();
  });
});

/** A second handle on the same PostgreSQL database: another node's pool. */
async function otherNode(db: DatabaseHandle): Promise<DatabaseHandle> {
  const { rows } = await db.sql.query<{ name: string }>('select current_database() as name');
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  url.pathname = `/${rows[0]?.name}`;
  return openDatabase({ url: url.toString(), poolSize: 1 });
}
