// `npm run seed -- --members N [--seed S]`: fills DATABASE_URL (or the embedded database in DATA_DIR) with
// deterministic synthetic data, showing progress and a summary; without --members, the demo set. See USAGE.
import { parseArgs } from 'node:util';
import { loadConfig } from '@openpbm/shared/config';
import cliProgress from 'cli-progress';
import { type DatabaseHandle, openMigratedDatabase } from '../client';
import { DEMO_LOGINS, DEMO_MEMBERS, DEMO_SEED, seedDatabase } from '../seed/index';

const USAGE = `Usage: npm run seed -- [--members N] [--seed S] [--as-of YYYY-MM-DD] [--reset] [--no-worker]
  --members    covered people to create (default ${DEMO_MEMBERS}, the demo set)
  --seed       random seed; the same seed and as-of date give the same data (default ${DEMO_SEED})
  --as-of      the "today" of the seeded history (default: today, UTC)
  --reset      drop every table first (all data in the database is lost)
  --no-worker  generate on the main thread (by default 1,000+ members are generated in a worker thread)`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      members: { type: 'string' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      reset: { type: 'boolean', default: false },
      'no-worker': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const integer = (value: string | undefined, fallback: number, name: string) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    const [min, max] = name === 'seed' ? [0, 0xffff_ffff] : [1, Number.MAX_SAFE_INTEGER];
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new Error(`--${name} must be a whole number from ${min} to ${max}\n${USAGE}`);
    }
    return n;
  };
  const asOf = values['as-of'];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
    throw new Error(`--as-of must be YYYY-MM-DD\n${USAGE}`);
  return {
    members: integer(values.members, DEMO_MEMBERS, 'members'),
    seed: integer(values.seed, DEMO_SEED, 'seed'),
    asOf,
    reset: values.reset,
    worker: !values['no-worker'],
  };
}

/** Drops the application's schemas so the migrations can build them again from nothing. */
async function resetDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.sql.query('drop schema if exists drizzle cascade');
  await handle.sql.query('drop schema public cascade');
  await handle.sql.query('create schema public');
}

async function main(): Promise<void> {
  const options = parseOptions();
  const config = loadConfig();
  const target = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.DATA_DIR}`;
  console.log(
    `Seeding ${options.members.toLocaleString('en-US')} members (seed ${options.seed}) into ${target}`,
  );
  let handle = await openMigratedDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  if (options.reset) {
    await resetDatabase(handle);
    await handle.close();
    handle = await openMigratedDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  }

  const progress = progressReporter(options.members >= 1000);
  const started = performance.now();
  try {
    const summary = await seedDatabase(handle, {
      members: options.members,
      seed: options.seed,
      asOf: options.asOf,
      // Large seeds generate in a worker thread while this one writes (see seed/parallel.ts).
      inWorker: options.worker && options.members >= 1000,
      onProgress: progress.update,
    });
    progress.stop();
    const seconds = (performance.now() - started) / 1000;
    console.log(`\nSeeded in ${seconds.toFixed(1)} s (as of ${summary.asOf}).`);
    console.log(`Drug reference data: ${summary.referenceData}`);
    const width = Math.max(...Object.keys(summary.rows).map((t) => t.length));
    for (const [table, count] of Object.entries(summary.rows)) {
      console.log(`  ${table.padEnd(width)}  ${count.toLocaleString('en-US').padStart(10)}`);
    }
    console.log('\nDemo logins:');
    for (const login of DEMO_LOGINS) {
      console.log(
        `  ${login.role.padEnd(18)} ${login.username.padEnd(16)} ${login.password}  ${login.description}`,
      );
    }
  } finally {
    progress.stop();
    await handle.close();
  }
}

/** A progress bar while members are written (large seeds only), a line per other phase. */
function progressReporter(showBar: boolean) {
  const bar = new cliProgress.SingleBar(
    {
      format: '  {phase} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}',
      hideCursor: true,
      // Logs (CI, a redirected run) get a line every few seconds instead of a redrawn bar.
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  const stop = () => {
    if (running) bar.stop();
    running = false;
  };
  const update = (done: number, total: number, phase: string) => {
    if (phase === 'members') {
      if (!showBar) return;
      if (!running) bar.start(total, done, { phase });
      running = true;
      bar.update(done, { phase });
      return;
    }
    stop();
    if (phase !== 'done') console.log(`  ${phase}…`);
  };
  return { update, stop };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
