// Two app nodes, two processes, one PostgreSQL database: a session that node B answers from its in-process
// cache fails on node B's very next request once node A has revoked it (or disabled its user). No waiting in
// between: PostgreSQL sends the trigger's NOTIFY to B's listening connection at A's commit, before A can answer
// anyone, so B has dropped the entry before a request that follows A's answer can reach it.
// PGlite is one process by nature; this runs on PostgreSQL (TEST_DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness';
import { createTestUser, type SignedIn, signInAs } from '../sign-in';
import { askSecondNode, type SecondNode, sameServerUrl, startSecondNode } from './second-node-process';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let a: TestApp;
let b: SecondNode;

beforeAll(async () => {
  if (!onPostgres) return;
  a = await createTestApp();
  const { rows } = await a.db.sql.query<{ name: string }>('select current_database() as name');
  b = await startSecondNode(sameServerUrl(rows[0]?.name ?? ''));
}, 120_000);
afterAll(async () => {
  if (!onPostgres) return;
  b?.child.disconnect();
  await new Promise((r) => b?.child.once('exit', r));
  await a?.close();
});

const signedInOnB = async ({ headers }: SignedIn) => {
  const res = await fetch(`${b.origin}/api/identity/session`, { headers: { cookie: headers.cookie ?? '' } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { signedIn: boolean }).signedIn;
};
const cacheOnB = () => askSecondNode<{ hits: number; misses: number }>(b, 'session-cache');

describe.runIf(onPostgres)('session cache across two nodes (two processes)', () => {
  it('fails a session revoked on node A on node B’s very next request, every time', async () => {
    const userId = await createTestUser(a, 'customer_service');
    const keeper = await signInAs(a, userId);
    for (let i = 0; i < 10; i++) {
      const doomed = await signInAs(a, userId);
      expect(await signedInOnB(doomed)).toBe(true);
      const hitsBefore = (await cacheOnB()).hits;
      expect(await signedInOnB(doomed)).toBe(true);
      expect((await cacheOnB()).hits).toBe(hitsBefore + 1); // B answered from its memory

      const revoked = await a.app.inject({
        method: 'DELETE',
        url: `/api/identity/account/sessions/${doomed.sessionId}`,
        headers: keeper.headers,
      });
      expect(revoked.statusCode).toBe(204);
      expect(await signedInOnB(doomed)).toBe(false);
    }
    expect(await signedInOnB(keeper)).toBe(true);
  });

  it('fails every session of a user disabled on node A on node B’s very next request', async () => {
    const userId = await createTestUser(a, 'customer_service');
    const session = await signInAs(a, userId);
    expect(await signedInOnB(session)).toBe(true);
    expect(await signedInOnB(session)).toBe(true);
    await a.db.sql.query(`update users set status = 'disabled' where id = $1`, [userId]);
    expect(await signedInOnB(session)).toBe(false);
  });
});
