// Two app nodes, two processes, one PostgreSQL database: a session that node B answers from its in-process
// cache fails on node B's very next request once node A has revoked it (or disabled its user). No waiting in
// between: PostgreSQL sends the trigger's NOTIFY to B's listening connection at A's commit, before A can answer
// anyone, so B has dropped the entry before a request that follows A's answer can reach it.
// PGlite is one process by nature; this runs on PostgreSQL (TEST_DATABASE_URL).
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness';
import { createTestUser, type SignedIn, signInAs } from '../sign-in';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let a: TestApp;
let b: { child: ChildProcess; origin: string };

beforeAll(async () => {
  if (!onPostgres) return;
  a = await createTestApp();
  const { rows } = await a.db.sql.query<{ name: string }>('select current_database() as name');
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${rows[0]?.name}`;
  b = await startSecondNode(url.toString());
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
const cacheOnB = () =>
  new Promise<{ hits: number; misses: number }>((resolve) => {
    b.child.once('message', (m: { hits: number; misses: number }) => resolve(m));
    b.child.send({ type: 'session-cache' });
  });

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

async function startSecondNode(databaseUrl: string): Promise<typeof b> {
  const child = fork(fileURLToPath(new URL('./second-node.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { type?: string; port?: number }) => {
      if (m?.type === 'listening' && m.port) resolve(m.port);
    });
    child.once('exit', (code) => reject(new Error(`second node exited (${code}) before listening`)));
  });
  return { child, origin: `http://127.0.0.1:${port}` };
}
