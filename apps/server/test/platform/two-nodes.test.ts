// Stateless app nodes (issue 17 item 1): two real server processes on one PostgreSQL database, as behind a load
// balancer. What one node learns, the other must know: a session signed in on A works on B (and a CSRF token
// from A is good on B), a TOTP code used on A is refused on B, the sign-in throttle and the per-route rate limit
// triggered on A hold on B, and a scheduled pg-boss job runs once per tick although both nodes run the worker.
// PostgreSQL only: embedded PGlite is one process by construction.
import { type DatabaseHandle, openMigratedDatabase } from '@openpbm/db';
import { createScratchDatabase, type ScratchDatabase } from '@openpbm/db/scratch-database';
import { DEMO_LOGINS, DEMO_STAFF_TOTP_SECRET, seedDemoIfEmpty } from '@openpbm/db/seed/index';
import { startVaultChild, type VaultChild } from '@openpbm/vault';
import { afterAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/identity/cookies';
import { totpCodeAt } from '../../src/identity/totp';
import { type ServerProcess, startServerProcess } from '../server-process';

const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.info('two-nodes.test.ts: skipped, it needs PostgreSQL (set TEST_DATABASE_URL).');

const login = (role: string) => {
  const found = DEMO_LOGINS.find((l) => l.role === role);
  if (!found) throw new Error(`no demo login for ${role}`);
  return found;
};

/** A browser's cookie jar and CSRF token, carried from one node to the other. */
class Client {
  cookies = new Map<string, string>();
  csrf = '';
  async call(node: ServerProcess, method: string, path: string, body?: unknown) {
    const response = await fetch(`${node.url}${path}`, {
      method,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(this.csrf ? { [CSRF_HEADER]: this.csrf } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return {
      status: response.status,
      body: (await response.json().catch(() => null)) as Record<string, unknown>,
    };
  }
  async start(node: ServerProcess) {
    this.csrf = String((await this.call(node, 'GET', '/api/identity/csrf')).body.token);
  }
}

let scratch: ScratchDatabase | undefined;
let db: DatabaseHandle | undefined;
let vault: VaultChild | undefined;
const nodes: ServerProcess[] = [];
afterAll(async () => {
  for (const node of nodes) node.signal('SIGTERM');
  await Promise.all(nodes.map((n) => n.exited));
  await vault?.stop();
  await db?.close();
  await scratch?.drop();
});

describe.skipIf(!serverUrl)('two app nodes on one PostgreSQL database', () => {
  it('share sessions, single-use TOTP codes, throttles and rate limits, and run a scheduled job once', {
    timeout: 420_000,
  }, async () => {
    scratch = await createScratchDatabase(serverUrl as string, 'openpbm_2nodes');
    db = await openMigratedDatabase({ url: scratch.url, poolSize: 2 });
    await seedDemoIfEmpty(db);
    // One card vault for both nodes, as deployed. Without VAULT_URL each node would start an embedded vault in
    // the same DATA_DIR, and two processes on one PGlite data directory crash it (CI saw that abort).
    vault = await startVaultChild({ dataDir: 'memory://' });
    const env = {
      DATABASE_URL: scratch.url,
      SEED_DEMO: 'false',
      SHUTDOWN_READY_GRACE_MS: '0',
      VAULT_URL: vault.url,
      VAULT_CALLER_SECRET: vault.callerSecret,
    };
    const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    nodes.push(a as ServerProcess, b as ServerProcess);
    const A = a as ServerProcess;
    const B = b as ServerProcess;
    const { rows: started } = await db.sql.query<{ at: Date }>('select now() as at');

    // Sign-in on A (password, then TOTP), CSRF token from A: the session works on B.
    const staff = login('customer_service');
    const browser = new Client();
    await browser.start(A);
    const password = await browser.call(A, 'POST', '/api/identity/sign-in/password', {
      username: staff.username,
      password: staff.password,
    });
    expect(password.body.status).toBe('second_factor_required');
    const code = await totpCodeAt(DEMO_STAFF_TOTP_SECRET, new Date());
    const totp = await browser.call(A, 'POST', '/api/identity/sign-in/totp', { code });
    expect(totp.status).toBe(200);
    const onB = await browser.call(B, 'GET', '/api/identity/session');
    expect(onB.body).toMatchObject({ signedIn: true, user: { username: staff.username } });

    // The same code, replayed on B by another sign-in of the same account: refused.
    const replay = new Client();
    await replay.start(B);
    const again = await replay.call(B, 'POST', '/api/identity/sign-in/password', {
      username: staff.username,
      password: staff.password,
    });
    expect(again.body.status).toBe('second_factor_required');
    const reused = await replay.call(B, 'POST', '/api/identity/sign-in/totp', { code });
    expect(reused.status).toBe(400);
    expect(String(reused.body.type)).toContain('code-rejected');
    expect((await replay.call(B, 'GET', '/api/identity/session')).body.signedIn).toBe(false);

    // Wrong passwords on A past the free allowance: B holds the account back too, even for the right password.
    const member = login('member');
    const guesser = new Client();
    await guesser.start(A);
    for (let i = 0; i < 6; i++) {
      const wrong = await guesser.call(A, 'POST', '/api/identity/sign-in/password', {
        username: member.username,
        password: `wrong-password-${i}-long-enough`,
      });
      expect(wrong.status).toBe(401);
    }
    const held = await guesser.call(B, 'POST', '/api/identity/sign-in/password', {
      username: member.username,
      password: member.password,
    });
    expect(held.status).toBe(429);

    // The per-route rate limit (60 a minute per address on the SiteKey step): 60 on A, the 61st on B refused.
    const prober = new Client();
    await prober.start(A);
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++)
      statuses.push(
        (await prober.call(A, 'POST', '/api/identity/sign-in/site-key', { username: `u${i}` })).status,
      );
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await prober.call(B, 'POST', '/api/identity/sign-in/site-key', { username: 'one-more' });
    expect(limited.status).toBe(429);

    // marketing-mailings is scheduled every minute on both nodes' workers. pg-boss turns each cron tick into one
    // '__pgboss__send-it' job (unique per minute slot), and that job, once fetched by either node, creates the
    // real job. So: one send-it per tick, and exactly one marketing-mailings job per send-it that ran. (The real
    // job's created_on can fall in the next minute when the tick's send-it is fetched a few seconds late.)
    const startedAt = started[0]?.at as Date;
    const deadline = Date.now() + 200_000;
    let ticks: Array<{ slot: Date; sends: number; completed: number }> = [];
    let jobs = 0;
    for (;;) {
      // One statement, one snapshot: a send-it that completes between two queries would skew the count.
      const { rows } = await db.sql.query<{ ticks: typeof ticks; jobs: number; done: number }>(
        `select coalesce((select json_agg(t order by t.slot) from (
             select singleton_on as slot, count(*)::int as sends,
               count(*) filter (where state = 'completed')::int as completed
             from pgboss.job where name = '__pgboss__send-it' and data->>'name' = 'marketing-mailings'
               and created_on >= $1 group by 1) t), '[]') as ticks,
           count(*)::int as jobs, count(*) filter (where state = 'completed')::int as done
         from pgboss.job where name = 'marketing-mailings' and created_on >= $1`,
        [startedAt],
      );
      ticks = rows[0]?.ticks ?? [];
      jobs = rows[0]?.jobs ?? 0;
      // Two ticks whose send-it ran, and a real job that ran: both nodes' cron monitors have had their chance.
      const ran = ticks.filter((t) => t.completed > 0).length;
      if ((ran >= 2 && (rows[0]?.done ?? 0) > 0) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 5_000));
    }
    console.log(`two nodes: marketing-mailings ticks ${JSON.stringify(ticks)}, jobs ${jobs}`);
    expect(ticks.length).toBeGreaterThan(1);
    for (const tick of ticks) expect(tick.sends).toBe(1);
    const sent = ticks.reduce((sum, t) => sum + t.completed, 0);
    expect(jobs).toBe(sent);
  });
});
