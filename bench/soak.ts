// `npm run soak` (issue 17 item 7): the real server in its own process on a seeded scratch PostgreSQL database.
// First the peak: SOAK_PEAK_SECONDS of B1 claims over the claims TCP listener as fast as 4 pharmacies can send.
// Then SOAK_MINUTES (default 20) at half that rate: every claim is billed (B1) and reversed (B2), so the workload
// never runs out and every claim pays; a signed-in member reads the portal meanwhile. Every 30 s the server is
// asked for its memory (after a full collection) and event-loop lag. Errors: failed transmissions, claims that
// did not pay or reverse, portal reads that were not 200. Writes bench/results/soak.json.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { newId, openMigratedDatabase } from '@openpbm/db';
import { deriveFieldKey } from '@openpbm/db/field-crypto';
import { seedDatabase } from '@openpbm/db/seed/index';
import { parseResponse } from '@openpbm/ncpdp';
import { loadConfig } from '@openpbm/shared/config';
import { type ClaimsTcpClient, connectClaimsTcp } from '../apps/server/src/claims/tcp-client';
import { SESSION_COOKIE } from '../apps/server/src/identity/cookies';
import { createSessionService } from '../apps/server/src/identity/session-service';
import { startChildServer } from './lib/child-server';
import { AS_OF, freePort, pharmaciesInEveryNetwork } from './lib/claims-phases';
import { claimsServerEnv } from './lib/claims-server-env';
import { buildWorkload, claimBytes, nextRxNumber, type WorkloadClaim } from './lib/claims-workload';
import { MEMBER_SEARCHES } from './lib/member-reads';
import { withScratchDatabase } from './lib/scratch-db';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 20);
const PEAK_SECONDS = Number(process.env.SOAK_PEAK_SECONDS ?? 20);
const MEMBERS = Number(process.env.SOAK_MEMBERS ?? 2000);
const PHARMACIES = 4;
const SAMPLE_SECONDS = 30;
const PORTAL_READS_PER_SECOND = 2;

interface Vitals {
  rssBytes: number;
  heapUsedBytes: number;
  loopLagP99Ms: number;
  loopLagMaxMs: number;
}

const errors = { transport: 0, notPaid: 0, notReversed: 0, portal: 0 };
/** "<url> <status>" of the portal reads that failed, counted (to say what failed, not only how often). */
const portalFailures = new Map<string, number>();
const failed = (url: string, status: number) => {
  portalFailures.set(`${url} ${status}`, (portalFailures.get(`${url} ${status}`) ?? 0) + 1);
  return false;
};
// The portal reads' CSRF pair and earlier answers (ids the next search needs); declared before the top-level await.
let csrf: { cookie: string; token: string } | undefined;
const answers = new Map<string, unknown>();
const status = (bytes: Buffer) => parseResponse(bytes).transactions[0]?.status?.transactionResponseStatus;

await withScratchDatabase(async (scratch) => {
  const fieldKeyHex = randomBytes(32).toString('hex');
  const db = await openMigratedDatabase({ url: scratch.url, poolSize: 4 });
  let server: Awaited<ReturnType<typeof startChildServer>> | undefined;
  const clients: ClaimsTcpClient[] = [];
  try {
    await seedDatabase(db, {
      members: MEMBERS,
      seed: 42,
      asOf: AS_OF,
      fieldKey: deriveFieldKey(fieldKeyHex),
    });
    const workload = (await buildWorkload(db.sql, fieldKeyHex, AS_OF)).flat();
    const everywhere = await pharmaciesInEveryNetwork(db, PHARMACIES);
    const secrets = new Map(everywhere.map((p) => [p.npi, randomBytes(24).toString('hex')]));
    const perPharmacy: WorkloadClaim[][] = everywhere.map(() => []);
    workload.forEach((c, i) => {
      const p = everywhere[i % everywhere.length] as (typeof everywhere)[number];
      perPharmacy[i % everywhere.length]?.push({ ...c, pharmacyId: p.id, pharmacyNpi: p.npi });
    });
    const tcpPort = await freePort();
    const env = claimsServerEnv({
      databaseUrl: scratch.url,
      fieldKeyHex,
      tcpPort,
      pharmacySecrets: secrets,
      sessionIdleMinutes: Math.ceil(MINUTES) + 30,
    });
    const portal = await memberSession(db, loadConfig(env));
    server = await startChildServer(
      new URL('./targets/claims-server.ts', import.meta.url).pathname,
      env,
      60_000,
      {
        execArgv: ['--expose-gc'],
      },
    );
    const origin = server.origin;
    for (const p of everywhere) {
      clients.push(
        await connectClaimsTcp({
          port: tcpPort,
          qualifier: '01',
          providerId: p.npi,
          secret: secrets.get(p.npi) ?? '',
        }),
      );
    }
    const cursor = everywhere.map(() => 0);
    /** Bills the pharmacy's next claim and reverses it; false when either did not do what it should. */
    const billAndReverse = async (w: number): Promise<void> => {
      const list = perPharmacy[w] ?? [];
      cursor[w] = (cursor[w] ?? 0) + 1;
      const claim = list[(cursor[w] ?? 0) % list.length] as WorkloadClaim;
      const rx = nextRxNumber();
      const client = clients[w] as ClaimsTcpClient;
      try {
        if (status(await client.send(claimBytes(claim, AS_OF, 'B1', rx))) !== 'P') errors.notPaid += 1;
        if (status(await client.send(claimBytes(claim, AS_OF, 'B2', rx))) !== 'A') errors.notReversed += 1;
      } catch {
        errors.transport += 1;
      }
    };

    // Peak: each pharmacy sends as fast as it is answered (a claim = its B1 and B2).
    const peakUntil = performance.now() + PEAK_SECONDS * 1000;
    let peakClaims = 0;
    await Promise.all(
      everywhere.map(async (_, w) => {
        while (performance.now() < peakUntil) {
          await billAndReverse(w);
          peakClaims += 1;
        }
      }),
    );
    const peakRate = peakClaims / PEAK_SECONDS;
    const rate = peakRate / 2;
    const peakErrors = { ...errors };
    Object.assign(errors, { transport: 0, notPaid: 0, notReversed: 0, portal: 0 });
    console.log(
      `peak ${peakRate.toFixed(1)} claims/s (B1 + B2 each); soaking at ${rate.toFixed(1)} claims/s`,
    );
    await server.ask<Vitals>('vitals');

    // Soak: each pharmacy on a fixed schedule (rate / pharmacies); a late claim is sent at once, never skipped.
    const started = performance.now();
    const until = started + MINUTES * 60_000;
    let claims = 0;
    let portalReads = 0;
    let behindMs = 0;
    const samples: Array<Vitals & { minute: number; claims: number; loadAverage: number }> = [];
    const interval = (1000 * everywhere.length) / rate;
    const pharmacyLoops = everywhere.map(async (_, w) => {
      let due = performance.now() + (w * interval) / everywhere.length;
      while (due < until) {
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        else behindMs = Math.max(behindMs, -wait);
        await billAndReverse(w);
        claims += 1;
        due += interval;
      }
    });
    const portalLoop = (async () => {
      let i = 0;
      while (performance.now() < until) {
        const ok = await portalRead(origin, portal, i++).catch((err: Error) => failed(err.message, 0));
        portalReads += 1;
        if (!ok) errors.portal += 1;
        await sleep(1000 / PORTAL_READS_PER_SECOND);
      }
    })();
    const sampler = (async () => {
      while (performance.now() + SAMPLE_SECONDS * 1000 <= until) {
        await sleep(SAMPLE_SECONDS * 1000);
        const v = await (server as NonNullable<typeof server>).ask<Vitals>('vitals');
        const minute = (performance.now() - started) / 60_000;
        samples.push({ ...v, minute, claims, loadAverage: loadavg()[0] ?? 0 });
        console.log(
          `${minute.toFixed(1)} min: ${claims} claims, heap ${(v.heapUsedBytes / 2 ** 20).toFixed(1)} MiB, ` +
            `rss ${(v.rssBytes / 2 ** 20).toFixed(0)} MiB, lag p99 ${v.loopLagP99Ms.toFixed(1)} ms, ` +
            `errors ${JSON.stringify(errors)}`,
        );
      }
    })();
    await Promise.all([...pharmacyLoops, portalLoop, sampler]);
    const seconds = (performance.now() - started) / 1000;

    // Growth: the mean of the last three samples against the first three (after the warm-up of the peak).
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
    const growth = (pick: (v: Vitals) => number) =>
      mean(samples.slice(-3).map(pick)) / mean(samples.slice(0, 3).map(pick)) - 1;
    const lags = samples.map((s) => s.loopLagP99Ms).sort((a, b) => a - b);
    const report = {
      at: new Date().toISOString(),
      minutes: MINUTES,
      seededMembers: MEMBERS,
      peakClaimsPerSecond: peakRate,
      peakErrors,
      targetClaimsPerSecond: rate,
      achievedClaimsPerSecond: claims / seconds,
      claims,
      transmissions: claims * 2,
      portalReads,
      maxBehindScheduleMs: behindMs,
      heapGrowthPct: 100 * growth((v) => v.heapUsedBytes),
      rssGrowthPct: 100 * growth((v) => v.rssBytes),
      loopLagP99Ms: {
        medianOfSamples: lags[Math.floor(lags.length / 2)],
        worstSample: lags[lags.length - 1],
      },
      errors,
      portalFailures: Object.fromEntries(portalFailures),
      errorCount: Object.values(errors).reduce((s, n) => s + n, 0),
      loadAverage: {
        min: Math.min(...samples.map((s) => s.loadAverage)),
        max: Math.max(...samples.map((s) => s.loadAverage)),
      },
      samples,
    };
    const file = new URL('./results/soak.json', import.meta.url).pathname;
    mkdirSync(new URL('./results/', import.meta.url).pathname, { recursive: true });
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    const { samples: _, ...summary } = report;
    console.log(JSON.stringify(summary, null, 2));
    console.log(`wrote ${file}`);
    process.exitCode = report.errorCount === 0 && report.heapGrowthPct < 10 ? 0 : 1;
  } finally {
    for (const c of clients) c.close();
    await server?.stop();
    await db.close();
  }
}, 'openpbm_soak');
process.exit(process.exitCode ?? 0);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface PortalSession {
  memberId: string;
  headers: Record<string, string>;
}

/** A member with claims, signed in (a full session issued as the sign-in would). */
async function memberSession(
  db: Awaited<ReturnType<typeof openMigratedDatabase>>,
  config: ReturnType<typeof loadConfig>,
): Promise<PortalSession> {
  const { rows } = await db.sql.query<{ id: string }>(
    `select m.id from members m where exists (select 1 from claims c where c.member_id = m.id)
       and not exists (select 1 from users u where u.member_id = m.id) order by m.id limit 1`,
  );
  const memberId = rows[0]?.id;
  if (!memberId) throw new Error('no member with claims');
  const userId = newId();
  await db.sql.query(
    `insert into users (id, username, username_normalized, email, role, display_name, member_id)
     values ($1, $2, $2, $3, 'member', 'Soak member', $4)`,
    [userId, `soak-${userId}`, `soak-${userId}@example.test`, memberId],
  );
  const { token } = await createSessionService({ db, config, now: () => new Date() }).issue(
    userId,
    'full',
    ['password'],
    { ip: '127.0.0.1', userAgent: 'soak' },
  );
  return { memberId, headers: { cookie: `${SESSION_COOKIE}=${token}` } };
}

/** One portal read in turn: the claims history, or one of the member's searches (POST with CSRF). */
async function portalRead(origin: string, session: PortalSession, i: number): Promise<boolean> {
  const which = i % (MEMBER_SEARCHES.length + 1);
  if (which === MEMBER_SEARCHES.length) {
    const res = await fetch(`${origin}/api/benefits/members/${session.memberId}/claims`, {
      headers: session.headers,
    });
    await res.arrayBuffer();
    return res.status === 200 || failed('claims history', res.status);
  }
  if (!csrf) {
    const res = await fetch(`${origin}/api/identity/csrf`, { headers: session.headers });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    csrf = { cookie, token: ((await res.json()) as { token: string }).token };
  }
  const search = MEMBER_SEARCHES[which] as (typeof MEMBER_SEARCHES)[number];
  const res = await fetch(`${origin}${search.url}`, {
    method: 'POST',
    headers: {
      ...session.headers,
      cookie: `${session.headers.cookie}; ${csrf.cookie}`,
      'x-csrf-token': csrf.token,
      'content-type': 'application/json',
    },
    body: JSON.stringify(search.payload(answers)),
  });
  const json = await res.json().catch(() => undefined);
  if (res.status === 200 && search.listsFor) answers.set(search.listsFor, json);
  return res.status === 200 || failed(search.url, res.status);
}
