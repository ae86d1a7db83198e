// Sign-in (issue 16 item 4): password sign-ins per second through the real app (POST
// /api/identity/sign-in/password with 20 clients at once: CSRF, limits, throttle checks, argon2id
// verification, session rotation, login history, device, audit), against raw argon2id verifications per second
// of @node-rs/argon2 with the same parameters and the same 20 in flight, in the same rounds, interleaved.
// Targets: at least 0.8× the raw rate, and the server's event-loop lag p99 under 50 ms while 20 sign in at once.
// Each sign-in comes from its own (forwarded) address and a device the account has used before (no new-device
// mail), as members signing in from home do.
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { verify } from '@node-rs/argon2';
import { openMigratedDatabase } from '@openpbm/db';
import { seedDemoIfEmpty } from '@openpbm/db/seed/index';
import { CSRF_COOKIE, CSRF_HEADER, DEVICE_COOKIE } from '../apps/server/src/identity/cookies';
import { ARGON2_OPTIONS, hashSecret } from '../apps/server/src/identity/passwords';
import { insertBenchUser, percentile } from './lib/bench-users';
import { defineBenchmark } from './lib/benchmark';
import { startChildServer } from './lib/child-server';
import { formatCosts, summarizeProfile } from './lib/cpu-profile';
import { result } from './lib/report';
import { BENCH_ROUNDS, median, summarizeRounds } from './lib/rounds';
import { withScratchDatabase } from './lib/scratch-db';
import { perOperation, type StatementCounts } from './lib/statement-counter';

const CLIENTS = 20;
const SECONDS = Number(process.env.SIGN_IN_BENCH_SECONDS ?? 10);
const PASSWORD = 'correct horse battery staple 42';

export default defineBenchmark({
  name: 'sign-in',
  description: `password sign-ins/s with ${CLIENTS} at once vs raw argon2id verifications/s, event-loop lag p99, ${BENCH_ROUNDS} rounds`,
  timeoutSeconds: 300 + BENCH_ROUNDS * SECONDS * 6,
  async run() {
    return withScratchDatabase(async (scratch) => {
      const db = await openMigratedDatabase({ url: scratch.url, poolSize: 2 });
      const phc = await hashSecret(PASSWORD);
      // Members of the demo data without an account yet: a member account must belong to a member.
      await seedDemoIfEmpty(db);
      const { rows } = await db.sql.query<{ id: string }>(
        `select m.id from members m where not exists (select 1 from users u where u.member_id = m.id)
         order by m.id limit $1`,
        [CLIENTS],
      );
      const users: Array<{ id: string; username: string }> = [];
      for (const { id } of rows) {
        users.push(await insertBenchUser(db, 'member', { memberId: id, passwordHash: phc }));
      }
      await db.close();
      const server = await startChildServer(
        new URL('./targets/sign-in-server.ts', import.meta.url).pathname,
        {
          DATABASE_URL: scratch.url,
          NODE_ENV: 'test',
          APP_SECRET: randomBytes(32).toString('hex'),
        },
        180_000,
      );
      try {
        const csrf = await fetch(`${server.origin}/api/identity/csrf`);
        const csrfCookie = (csrf.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const { token } = (await csrf.json()) as { token: string };
        let sent = 0;
        const forwardedFor = () => {
          sent += 1;
          return `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`;
        };
        const signIn = (username: string, device = '') =>
          fetch(`${server.origin}/api/identity/sign-in/password`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              cookie: `${csrfCookie}${device ? `; ${device}` : ''}`,
              [CSRF_HEADER]: token,
              'x-forwarded-for': forwardedFor(),
            },
            body: JSON.stringify({ username, password: PASSWORD }),
          });
        // One sign-in each first: the device cookie every later sign-in brings back.
        const devices: string[] = [];
        for (const u of users) {
          const res = await signIn(u.username);
          if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
          const device = res.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
          devices.push(device?.split(';')[0] ?? '');
        }
        if (!csrfCookie.startsWith(`${CSRF_COOKIE}=`)) throw new Error('no CSRF cookie');
        /** CLIENTS clients signing in one after another for `seconds`; every sign-in started is waited for. */
        const load = async (seconds: number) => {
          const until = performance.now() + seconds * 1000;
          const started = performance.now();
          const times: number[] = [];
          await Promise.all(
            users.map(async (u, i) => {
              while (performance.now() < until) {
                const t0 = performance.now();
                const res = await signIn(u.username, devices[i]);
                if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
                await res.arrayBuffer();
                times.push(performance.now() - t0);
              }
            }),
          );
          const elapsed = (performance.now() - started) / 1000;
          times.sort((a, b) => a - b);
          return {
            count: times.length,
            perSecond: times.length / elapsed,
            p50: percentile(times, 0.5),
            p99: percentile(times, 0.99),
          };
        };
        await load(1); // warm-up
        const rounds = [];
        for (let r = 0; r < BENCH_ROUNDS; r++) {
          const raw = await rawVerifications(phc);
          await server.ask('lag-start');
          const before = await server.ask<StatementCounts>('statements');
          const http = await load(SECONDS);
          const after = await server.ask<StatementCounts>('statements');
          const lag = await server.ask<{ p99Ms: number; maxMs: number }>('lag');
          rounds.push({ raw, http, lag, db: perOperation(before, after, http.count) });
        }
        const topCpu = await profileOneRun(server, () => load(SECONDS));
        const rate = summarizeRounds(
          rounds.map((r) => ({ figure: r.http.perSecond, baseline: r.raw.perSecond })),
        );
        const lag = summarizeRounds(rounds.map((r) => ({ figure: r.lag.p99Ms, baseline: r.raw.lagP99Ms })));
        return [
          result({
            benchmark: 'sign-in',
            unit: 'sign-ins/s',
            figure: rate.figure,
            baselineName: `raw @node-rs/argon2 verify/s, m=${ARGON2_OPTIONS.memoryCost} t=${ARGON2_OPTIONS.timeCost} p=${ARGON2_OPTIONS.parallelism}, ${CLIENTS} in flight`,
            baseline: rate.baseline,
            ratio: rate.ratio,
            details: {
              rounds: rate.ratios,
              spread: rate.spread,
              p50Ms: median(rounds.map((r) => r.http.p50)),
              p99Ms: median(rounds.map((r) => r.http.p99)),
              roundTripsPerSignIn: median(rounds.map((r) => r.db.roundTrips)),
              writeCommitsPerSignIn: median(rounds.map((r) => r.db.writeCommits)),
              target: '≥ 0.8',
              topCpu,
            },
          }),
          result({
            benchmark: 'sign-in-event-loop-lag',
            unit: 'ms p99',
            figure: lag.figure,
            baselineName: `event-loop lag p99 of a process doing only the raw verifications (lower is better)`,
            baseline: lag.baseline,
            ratio: lag.ratio,
            details: {
              rounds: rounds.map((r) => r.lag.p99Ms.toFixed(1)).join('/'),
              maxMs: median(rounds.map((r) => r.lag.maxMs)),
              targetMs: 50,
            },
          }),
        ];
      } finally {
        await server.stop();
      }
    }, 'openpbm_bench_signin');
  },
});

/** CLIENTS verifications kept in flight for SECONDS in this process: the rate, and this loop's lag p99. */
async function rawVerifications(phc: string): Promise<{ perSecond: number; lagP99Ms: number }> {
  const run = async (seconds: number) => {
    const until = performance.now() + seconds * 1000;
    let done = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < until) {
          if (!(await verify(phc, PASSWORD))) throw new Error('raw verification failed');
          done += 1;
        }
      }),
    );
    return done / seconds;
  };
  await run(1); // warm-up, as the HTTP load has
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const perSecond = await run(SECONDS);
  lag.disable();
  return { perSecond, lagP99Ms: lag.percentile(99) / 1e6 };
}

async function profileOneRun(
  server: Awaited<ReturnType<typeof startChildServer>>,
  load: () => Promise<unknown>,
): Promise<string> {
  const { mkdirSync } = await import('node:fs');
  const dir = new URL('./results/profiles/sign-in/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}sign-in.cpuprofile`;
  await server.ask('profile-start');
  await load();
  await server.ask('profile-stop', file);
  return formatCosts(summarizeProfile(file));
}
