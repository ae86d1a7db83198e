// Graceful shutdown under load (issue 17 item 5): the real server in its own process serves HTTP reads and
// claims over TCP from simulated pharmacies; SIGTERM arrives with a burst of requests in flight. /ready must
// turn 503 at once, every request and claim frame already sent must get its answer (no connection reset), the
// process must exit 0, and every acknowledged paid claim must be in the database with the accumulators to match.
// The HTTP loops stand for traffic through a load balancer: a health check probes /ready every HEALTH_CHECK_MS
// and takes the node out of rotation at its first 503, as HAProxy's `option httpchk GET /ready` does; the node's
// grace is longer than that interval, which is the deployment rule docs/deploy.md states. A request sent while the
// node is in rotation must never be reset.
// Runs on PostgreSQL when TEST_DATABASE_URL is set, else on embedded PGlite.
import { get } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../../apps/server/test/server-process';
import {
  baseline,
  byPharmacy,
  checkClaims,
  claimsSecrets,
  type LoadLog,
  runPharmacy,
} from './support/claims-load';
import { type PreparedDatabase, prepareDatabase } from './support/database';

const READY_GRACE_MS = 3_000;
const HTTP_LOOPS = 12;
const BURST = 120;
const PHARMACIES = 6;
const HEALTH_CHECK_MS = 250;

let prepared: PreparedDatabase | undefined;
afterAll(async () => prepared?.cleanup());

/** GET on a fresh connection (no pooled keep-alive socket). */
function probe(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

type Outcome = { status: number } | { error: string };
async function fetchOutcome(url: string): Promise<Outcome> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return { status: response.status };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { error: cause?.code ?? cause?.message ?? String(err) };
  }
}

describe('graceful shutdown', () => {
  it('SIGTERM under load: /ready 503, in-flight requests and claim frames answered, exit 0, nothing lost', async () => {
    prepared = await prepareDatabase(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
    const handle = await prepared.open();
    const before = await baseline(handle);
    await handle.close();

    const server = await startServerProcess({
      ...prepared.serverEnv,
      SEED_DEMO: 'false',
      CLAIMS_TCP_ENABLED: 'true',
      CLAIMS_TCP_PORT: '0',
      CLAIMS_TCP_SECRETS: claimsSecrets(prepared.workload),
      SHUTDOWN_READY_GRACE_MS: String(READY_GRACE_MS),
      SHUTDOWN_DEADLINE_MS: '30000',
    });
    const readUrl = `${server.url}/api/privacy/notices`;

    // Steady load: HTTP loops (while the balancer keeps the node in rotation) and pharmacy connections.
    const http = { ok: 0, refused: 0, closing503: 0, failures: [] as string[] };
    let inRotation = true;
    let outOfRotationAfterMs = 0;
    // Failures say when they happened, in ms after SIGTERM.
    let signalledAt = 0;
    const healthCheck = (async () => {
      while (inRotation) {
        await new Promise((r) => setTimeout(r, HEALTH_CHECK_MS));
        const status = await probe(`${server.url}/ready`).then(
          (r) => r.status,
          () => 0,
        );
        if (status !== 200) {
          inRotation = false;
          outOfRotationAfterMs = Math.round(performance.now() - signalledAt);
        }
      }
    })();
    const httpLoop = async () => {
      while (inRotation) {
        const outcome = await fetchOutcome(readUrl);
        if ('status' in outcome && outcome.status === 200) http.ok += 1;
        else if ('status' in outcome && outcome.status === 503) http.closing503 += 1;
        else if ('error' in outcome && outcome.error === 'ECONNREFUSED') {
          http.refused += 1;
          return;
        } else
          http.failures.push(
            `${'status' in outcome ? `HTTP ${outcome.status}` : outcome.error} at ${signalledAt ? Math.round(performance.now() - signalledAt) : '-'} ms`,
          );
      }
    };
    const log: LoadLog = { sent: new Set(), answered: [], unanswered: [], resets: [] };
    const tcpPort = server.claimsTcpPort as number;
    const pharmacyLoads = byPharmacy(prepared.workload)
      .slice(0, PHARMACIES)
      .map((claims) => runPharmacy(tcpPort, claims, log, () => false));
    const httpLoops = Array.from({ length: HTTP_LOOPS }, httpLoop);
    while (log.answered.length < 30 || http.ok < 50) await new Promise((r) => setTimeout(r, 100));

    // The burst: sent, then SIGTERM while they are being served.
    const burst = Array.from({ length: BURST }, () => fetchOutcome(readUrl));
    await new Promise((r) => setTimeout(r, 5));
    signalledAt = performance.now();
    server.signal('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    // On a connection of its own, as a load balancer's health check does.
    const ready = await probe(`${server.url}/ready`).catch(async (err: Error) => {
      await server.exited;
      throw new Error(
        `/ready probe during the grace failed (${err.message}); server said:\n${server.output()}`,
      );
    });
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({ status: 'draining' });

    const burstOutcomes = await Promise.all(burst);
    const { code } = await server.exited;
    const exitMs = Math.round(performance.now() - signalledAt);
    await Promise.all([healthCheck, ...httpLoops, ...pharmacyLoads]);

    const report = server.stopReport();
    const check = await (async () => {
      const db = await prepared.open();
      try {
        return await checkClaims(db, log, before);
      } finally {
        await db.close();
      }
    })();
    const burstFailures = burstOutcomes.filter((o) => !('status' in o) || o.status !== 200);
    console.log(
      `graceful shutdown (${prepared.engine}): exit ${code} after ${exitMs} ms (ready grace ${READY_GRACE_MS} ms);`,
      `server report ${JSON.stringify(report)};`,
      `out of rotation ${outOfRotationAfterMs} ms after SIGTERM; HTTP ok ${http.ok}, burst ${BURST} sent before SIGTERM (failed ${burstFailures.length}),`,
      `refused after close ${http.refused}, 503 while closing ${http.closing503}, failures ${http.failures.length};`,
      `claims answered ${log.answered.length} (paid ${check.acknowledgedPaid}), stored paid ${check.storedPaid},`,
      `unanswered ${log.unanswered.length} (stored ${check.unansweredStored}), resets ${log.resets.length}, lost ${check.lost}, duplicates ${check.duplicates},`,
      `accumulator rows ${check.accumulatorRows}, mismatches ${check.accumulatorMismatches.length} (${check.deltas}), foreign ${check.foreign.join(' ')}`,
    );
    expect(code, server.output()).toBe(0);
    expect(report?.cut).toBe(0);
    expect(burstFailures).toEqual([]);
    expect(http.failures).toEqual([]);
    // The balancer saw the 503 well within the grace, so nothing was routed to a closing listener.
    expect(outOfRotationAfterMs).toBeLessThan(READY_GRACE_MS);
    expect(log.resets).toEqual([]);
    // A frame a pharmacy sends just as the server says goodbye (FIN) is dropped unread, never processed: at most
    // one per connection, none of them stored, so the pharmacy's retry elsewhere is a first submission.
    expect(log.unanswered.length).toBeLessThanOrEqual(PHARMACIES);
    expect(check.unansweredStored).toBe(0);
    expect(check.acknowledgedPaid).toBeGreaterThan(0);
    expect(check.lost).toBe(0);
    expect(check.duplicates).toBe(0);
    expect(check.accumulatorMismatches).toEqual([]);
    expect(check.accumulatorRows).toBeGreaterThan(0);
  });
});
