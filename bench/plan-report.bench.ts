// The client plan report at scale (issue 10): PLAN_REPORT_BENCH_MEMBERS members (default 100,000) seeded on a
// scratch PostgreSQL database, all made members of the demo client (members.client_id and claims.client_id set to
// CL1001 after the seed, then VACUUM ANALYZE), and the last 12 months' plan report read through the same service as
// the portal's page (grant check, snapshot under a day old, audit row). Each round first computes the report
// (`refresh`: five aggregate statements, small-cell suppression, opt-out; kept as the snapshot), then reads it.
// Baseline in the same run: one bare aggregate statement over the same claims (count, distinct members, sums).
// BENCH_ROUNDS rounds, each PLAN_REPORT_BENCH_SAMPLES reads of both, interleaved. Target: p95 under 500 ms.

import { loadavg } from 'node:os';
import { openMigratedDatabase } from '@openpbm/db';
import { seedDatabase } from '@openpbm/db/seed/index';
import { loadConfig } from '@openpbm/shared/config';
import { findClientByCode } from '../apps/server/src/clients/access-repo';
import { createPlanReportService } from '../apps/server/src/clients/report-service';
import type { Principal } from '../apps/server/src/identity/principal';
import { defineBenchmark } from './lib/benchmark';
import { result } from './lib/report';
import { BENCH_ROUNDS, summarizeRounds } from './lib/rounds';
import { createScratchDatabase } from './lib/scratch-db';

const MEMBERS = Number(process.env.PLAN_REPORT_BENCH_MEMBERS ?? 100_000);
const SAMPLES = Number(process.env.PLAN_REPORT_BENCH_SAMPLES ?? 20);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export default defineBenchmark({
  name: 'plan-report',
  description: `plan report (12 months) of a ${MEMBERS.toLocaleString('en-US')}-member client on PostgreSQL, as served (snapshot), p95, vs one bare aggregate over the same claims; the computing time beside it`,
  timeoutSeconds: 3600,
  async run() {
    const scratch = await createScratchDatabase('openpbm_bench_report');
    const db = await openMigratedDatabase({ url: scratch.url });
    try {
      const seeded = performance.now();
      await seedDatabase(db, { members: MEMBERS, inWorker: true });
      const seedSeconds = (performance.now() - seeded) / 1000;
      const client = await findClientByCode(db.db, 'CL1001');
      if (!client) throw new Error('the seed made no CL1001');
      // One client holding every member: the report's largest case.
      await db.sql.query('update members set client_id = $1', [client.id]);
      await db.sql.query('update claims set client_id = $1 where client_id is not null', [client.id]);
      // The update left a dead version of every claim: vacuum, as autovacuum would, so the visibility map lets
      // the report's partial index (claims_paid_report_idx) answer without visiting the heap.
      await db.sql.query('vacuum analyze members');
      await db.sql.query('vacuum analyze claims');
      const { rows: users } = await db.sql.query<{ id: string; role: string; display_name: string }>(
        `select u.id, u.role, u.display_name from client_access_grants g join users u on u.id = g.user_id
          where g.client_id = $1 and g.tool = 'plan_reports' and g.revoked_at is null limit 1`,
        [client.id],
      );
      const user = users[0];
      if (!user) throw new Error('no seeded user holds plan_reports for CL1001');
      const principal: Principal = {
        userId: user.id,
        sessionId: 'bench',
        role: user.role as Principal['role'],
        displayName: user.display_name,
        memberId: null,
        clientId: client.id,
        advisorId: null,
        prescriberId: null,
        pharmacyId: null,
        secondFactorPending: false,
      };
      const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
      const service = createPlanReportService({
        config,
        db,
        mailer: { send: async () => ({ messageId: 'none' }), close: () => {} },
        now: () => new Date(),
      });
      const now = new Date();
      const month = (d: Date) => d.toISOString().slice(0, 7);
      const toMonth = month(now);
      const fromMonth = month(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)));
      const from = `${fromMonth}-01`;
      const report = () => service.planReport(principal, client.id, fromMonth, toMonth);
      const compute = () => service.planReport(principal, client.id, fromMonth, toMonth, { refresh: true });
      const bare = () =>
        db.sql.query(
          `select count(*), count(distinct member_id), sum(plan_pay_cents), sum(patient_pay_cents) from claims
            where client_id = $1 and transaction_code = 'B1' and status = 'paid' and date_of_service >= $2::date`,
          [client.id, from],
        );
      const sample = await report();
      for (let i = 0; i < 2; i++) await Promise.all([report(), bare()]);

      const rounds: Array<{ figure: number; baseline: number; reportP95: number; bareP95: number }> = [];
      const all = { report: [] as number[], bare: [] as number[], compute: [] as number[] };
      const load = [loadavg()[0] ?? 0];
      for (let r = 0; r < BENCH_ROUNDS; r++) {
        all.compute.push(await timed(compute));
        const times = { report: [] as number[], bare: [] as number[] };
        for (let i = 0; i < SAMPLES; i++) {
          times.bare.push(await timed(bare));
          times.report.push(await timed(report));
        }
        all.report.push(...times.report);
        all.bare.push(...times.bare);
        const reportP95 = percentile(times.report, 95);
        const bareP95 = percentile(times.bare, 95);
        // Higher is better in every bench line: reads per second at the p95 latency.
        rounds.push({ figure: 1000 / reportP95, baseline: 1000 / bareP95, reportP95, bareP95 });
      }
      load.push(loadavg()[0] ?? 0);
      const s = summarizeRounds(rounds);
      const { rows: claims } = await db.sql.query<{ n: number }>(
        `select count(*)::int as n from claims where client_id = $1 and date_of_service >= $2::date`,
        [client.id, from],
      );
      return [
        result({
          benchmark: 'plan-report',
          unit: '1/p95 s',
          figure: s.figure,
          baseline: s.baseline,
          baselineName: 'one bare aggregate over the same claims',
          ratio: s.ratio,
          details: {
            members: MEMBERS,
            claims_in_period: claims[0]?.n ?? 0,
            p50_ms: Number(percentile(all.report, 50).toFixed(1)),
            p95_ms: Number(percentile(all.report, 95).toFixed(1)),
            target_p95_ms: 500,
            computed_ms: all.compute.map((ms) => Math.round(ms)).join('/'),
            bare_p50_ms: Number(percentile(all.bare, 50).toFixed(1)),
            bare_p95_ms: Number(percentile(all.bare, 95).toFixed(1)),
            rounds: s.ratios,
            spread: s.spread,
            suppressed_months: sample.months.filter((m) => m.suppressed).length,
            seed_s: Number(seedSeconds.toFixed(0)),
            load_before: Number(load[0]?.toFixed(1)),
            load_after: Number(load[1]?.toFixed(1)),
          },
        }),
      ];
    } finally {
      await db.close();
      await scratch.drop();
    }
  },
});
