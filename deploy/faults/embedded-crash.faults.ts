// Embedded mode (issue 17 item 4): the single `npm start` process on PGlite is killed with SIGKILL while
// pharmacies' claims are being written, then started again on the same data directory. PGlite runs PostgreSQL
// with synchronous_commit on and fsync off: a commit has written its WAL to the operating system before the
// claim is answered, so a process crash loses nothing acknowledged (an operating-system crash or power loss is
// not covered: see docs/deploy.md). The test holds the restarted database to the pharmacies' own log: every
// acknowledged paid claim stored exactly once, the accumulators moved by exactly what the stored claims applied,
// and the restarted server answers claims again.
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

const PHARMACIES = 6;
const ANSWERED_BEFORE_KILL = 60;

let prepared: PreparedDatabase | undefined;
afterAll(async () => prepared?.cleanup());

describe('embedded PGlite: kill -9 during claims', () => {
  it('keeps every acknowledged claim and the accumulators after a restart', async () => {
    prepared = await prepareDatabase('pglite');
    const handle = await prepared.open();
    const before = await baseline(handle);
    await handle.close();
    const env = {
      ...prepared.serverEnv,
      SEED_DEMO: 'false',
      CLAIMS_TCP_ENABLED: 'true',
      CLAIMS_TCP_PORT: '0',
      CLAIMS_TCP_SECRETS: claimsSecrets(prepared.workload),
    };
    const groups = byPharmacy(prepared.workload);
    const firstRun = groups.slice(0, PHARMACIES);
    const secondRun = groups.slice(PHARMACIES, PHARMACIES + 2);

    const server = await startServerProcess(env);
    const log: LoadLog = { sent: new Set(), answered: [], unanswered: [], resets: [] };
    const loads = firstRun.map((claims) =>
      runPharmacy(server.claimsTcpPort as number, claims, log, () => false),
    );
    while (log.answered.length < ANSWERED_BEFORE_KILL) await new Promise((r) => setTimeout(r, 20));
    server.signal('SIGKILL');
    const { signal } = await server.exited;
    await Promise.all(loads);
    const answeredAtKill = log.answered.length;
    // Claims sent and cut off by the kill: the pharmacies would retry them; they may or may not be stored.
    const cutOff = log.unanswered.length + log.resets.length;
    // The vault child leaves when its parent's IPC channel closes; give it a moment to close its own PGlite.
    await new Promise((r) => setTimeout(r, 3_000));

    // Restart on the same data directory: it must open (crash recovery), answer, and still take claims.
    const restarted = await startServerProcess(env);
    const afterLog: LoadLog = { sent: new Set(), answered: [], unanswered: [], resets: [] };
    await Promise.all(
      secondRun.map((claims) =>
        runPharmacy(restarted.claimsTcpPort as number, claims.slice(0, 5), afterLog, () => false),
      ),
    );
    const ready = await fetch(`${restarted.url}/ready`);
    restarted.signal('SIGTERM');
    expect((await restarted.exited).code, restarted.output()).toBe(0);
    expect(ready.status).toBe(200);

    const db = await prepared.open();
    let check: Awaited<ReturnType<typeof checkClaims>>;
    try {
      check = await checkClaims(
        db,
        {
          sent: new Set([...log.sent, ...afterLog.sent]),
          answered: [...log.answered, ...afterLog.answered],
          unanswered: [],
          resets: [],
        },
        before,
      );
    } finally {
      await db.close();
    }
    console.log(
      `embedded kill -9: signal ${signal}; answered before the kill ${answeredAtKill}, cut off by it ${cutOff};`,
      `after restart answered ${afterLog.answered.length};`,
      `acknowledged paid ${check.acknowledgedPaid}, stored paid ${check.storedPaid}, lost ${check.lost},`,
      `duplicates ${check.duplicates}, accumulator rows ${check.accumulatorRows}, mismatches ${check.accumulatorMismatches.length} (${check.deltas})`,
    );
    expect(signal).toBe('SIGKILL');
    expect(afterLog.answered.length).toBeGreaterThan(0);
    expect(check.acknowledgedPaid).toBeGreaterThan(0);
    expect(check.lost).toBe(0);
    expect(check.duplicates).toBe(0);
    expect(check.accumulatorMismatches).toEqual([]);
    expect(check.accumulatorRows).toBeGreaterThan(0);
  });
});
