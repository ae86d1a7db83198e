// PostgreSQL's own TPC-B-like benchmark as the database baseline: what this machine's PostgreSQL does
// with the simplest transactional workload, to compare an application's transactions against.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PGBENCH = process.env.PGBENCH ?? '/usr/bin/pgbench';

export interface PgbenchOptions {
  /** Scale factor for `pgbench -i` (1 = 100 000 accounts). */
  scale: number;
  clients: number;
  threads: number;
  seconds: number;
}

export const DEFAULT_PGBENCH: PgbenchOptions = { scale: 1, clients: 4, threads: 2, seconds: 5 };

export interface PgbenchResult {
  tps: number;
  transactions: number;
  latencyAvgMs: number;
  clients: number;
  seconds: number;
}

/** `pgbench -i` then `pgbench -T`, both against `url` (use a scratch database: -i replaces its tables). */
export async function runPgbench(url: string, options: Partial<PgbenchOptions> = {}): Promise<PgbenchResult> {
  await initPgbench(url, options.scale ?? DEFAULT_PGBENCH.scale);
  return rerunPgbench(url, options);
}

/** `pgbench -i -s scale` once; then `rerunPgbench` as often as needed (a scale-10 init takes a while). */
export async function initPgbench(url: string, scale: number): Promise<void> {
  await run(PGBENCH, ['-i', '-q', '-s', String(scale), url], { timeout: 300_000 });
}

/** `pgbench -T` on tables `initPgbench` made. */
export async function rerunPgbench(
  url: string,
  options: Partial<PgbenchOptions> = {},
): Promise<PgbenchResult> {
  const o = { ...DEFAULT_PGBENCH, ...options };
  const { stdout } = await run(
    PGBENCH,
    ['-n', '-T', String(o.seconds), '-c', String(o.clients), '-j', String(o.threads), url],
    { timeout: (o.seconds + 60) * 1000 },
  );
  return { ...parsePgbenchOutput(stdout), clients: o.clients, seconds: o.seconds };
}

export function parsePgbenchOutput(stdout: string): {
  tps: number;
  transactions: number;
  latencyAvgMs: number;
} {
  const tps = stdout.match(/^tps = ([\d.]+)/m);
  const transactions = stdout.match(/number of transactions actually processed: (\d+)/);
  const latency = stdout.match(/latency average = ([\d.]+) ms/);
  if (!tps || !transactions) throw new Error(`unexpected pgbench output:\n${stdout}`);
  return {
    tps: Number(tps[1]),
    transactions: Number(transactions[1]),
    latencyAvgMs: latency ? Number(latency[1]) : Number.NaN,
  };
}
