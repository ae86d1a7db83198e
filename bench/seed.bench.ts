// The seed at scale (issue 16 item 5): SEED_BENCH_MEMBERS members (default 100,000, about 700,000 claims) with
// their whole history, as `npm run seed -- --members N` writes them (generation in a worker thread, COPY per
// batch, one transaction, ANALYZE after), on a scratch PostgreSQL database and on PGlite in a scratch data
// directory. Baseline in the same run and database: the same rows copied table by table into index-free
// copies (`create table … (like …)` + `insert … select`), i.e. what the engine needs just to write those rows.
// Targets: PostgreSQL under 120 s, PGlite under 300 s. SEED_BENCH_ENGINES=postgres (or pglite) runs one.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, openMigratedDatabase } from '@openpbm/db';
import { seedDatabase } from '@openpbm/db/seed/index';
import { defineBenchmark } from './lib/benchmark';
import { type BenchResult, result } from './lib/report';
import { createScratchDatabase } from './lib/scratch-db';

const MEMBERS = Number(process.env.SEED_BENCH_MEMBERS ?? 100_000);
const ENGINES = (process.env.SEED_BENCH_ENGINES ?? 'postgres,pglite').split(',') as Array<
  'postgres' | 'pglite'
>;
const TARGET_S = { postgres: 120, pglite: 300 } as const;

/** Seconds to copy every seeded table's rows into an index-free copy of it, in one transaction. */
async function bareCopySeconds(db: DatabaseHandle, tables: string[]): Promise<number> {
  const started = performance.now();
  await db.sql.query('begin');
  for (const t of tables) {
    await db.sql.query(`create temp table "bench_${t}" (like "${t}")`);
    await db.sql.query(`insert into "bench_${t}" select * from "${t}"`);
  }
  await db.sql.query('rollback');
  return (performance.now() - started) / 1000;
}

async function measure(engine: 'postgres' | 'pglite'): Promise<BenchResult> {
  const scratch = engine === 'postgres' ? await createScratchDatabase('openpbm_bench_seed') : null;
  const dataDir = engine === 'pglite' ? mkdtempSync(join(tmpdir(), 'openpbm-seed-bench-')) : null;
  const db = await openMigratedDatabase(scratch ? { url: scratch.url } : { dataDir: dataDir as string });
  try {
    const load = [loadavg()[0] ?? 0];
    const started = performance.now();
    const summary = await seedDatabase(db, { members: MEMBERS, inWorker: true });
    const seedSeconds = (performance.now() - started) / 1000;
    load.push(loadavg()[0] ?? 0);
    const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    // begin … rollback must stay on one connection: PGlite has one, PostgreSQL gets a pool of one.
    const copySeconds =
      engine === 'pglite'
        ? await bareCopySeconds(db, Object.keys(summary.rows))
        : await (async () => {
            const one = await openMigratedDatabase({ url: (scratch as { url: string }).url, poolSize: 1 });
            try {
              return await bareCopySeconds(one, Object.keys(summary.rows));
            } finally {
              await one.close();
            }
          })();
    return result({
      benchmark: `seed-${engine}`,
      unit: 'rows/s',
      figure: rows / seedSeconds,
      baselineName: 'insert … select of the same rows into index-free copies',
      baseline: rows / copySeconds,
      details: {
        members: MEMBERS,
        claims: summary.rows.claims ?? 0,
        rows,
        seed_s: Number(seedSeconds.toFixed(1)),
        target_s: TARGET_S[engine],
        baseline_s: Number(copySeconds.toFixed(1)),
        load_before: Number(load[0]?.toFixed(1)),
        load_after: Number(load[1]?.toFixed(1)),
      },
    });
  } finally {
    await db.close();
    await scratch?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

export default defineBenchmark({
  name: 'seed',
  description: `seed ${MEMBERS.toLocaleString('en-US')} members with their claims history on ${ENGINES.join(' and ')} (rows/s), vs insert … select of the same rows into index-free tables in the same database`,
  timeoutSeconds: 3600,
  async run() {
    const out: BenchResult[] = [];
    for (const engine of ENGINES) out.push(await measure(engine));
    return out;
  },
});
