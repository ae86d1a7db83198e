// One line per benchmark (figure, baseline measured in the same run, ratio) and a JSON file with everything.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';

export interface BenchResult {
  /** e.g. "http-read". */
  benchmark: string;
  /** What the figure counts, e.g. "req/s" or "tps"; higher is better. */
  unit: string;
  figure: number;
  /** What the baseline is, e.g. "bare Fastify hello-world". */
  baselineName: string;
  baseline: number;
  /** figure / baseline. */
  ratio: number;
  /** Secondary figures (latency percentiles, sizes), printed after the main line. */
  details?: Record<string, number | string>;
}

/** `ratio` defaults to figure / baseline; pass it when it is a median of per-round ratios (see rounds.ts). */
export function result(r: Omit<BenchResult, 'ratio'> & { ratio?: number }): BenchResult {
  return { ...r, ratio: r.ratio ?? (r.baseline > 0 ? r.figure / r.baseline : Number.NaN) };
}

export function formatLine(r: BenchResult): string {
  return (
    `${r.benchmark.padEnd(22)} ${fmt(r.figure).padStart(10)} ${r.unit}` +
    `   baseline ${fmt(r.baseline).padStart(10)} ${r.unit} (${r.baselineName})` +
    `   ratio ${r.ratio.toFixed(3)}`
  );
}

export function formatDetails(r: BenchResult): string {
  if (!r.details) return '';
  const parts = Object.entries(r.details).map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : v}`);
  return `${''.padEnd(22)}   ${parts.join('  ')}`;
}

export interface BenchReport {
  at: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  results: BenchResult[];
  failures: Array<{ benchmark: string; error: string }>;
}

export function buildReport(results: BenchResult[], failures: BenchReport['failures']): BenchReport {
  const cpu = cpus();
  return {
    at: new Date().toISOString(),
    machine: {
      cpus: cpu.length,
      cpuModel: cpu[0]?.model ?? 'unknown',
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    },
    results,
    failures,
  };
}

export function writeReport(file: string, report: BenchReport): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Math.abs(n) >= 100 ? Math.round(n).toString() : n.toFixed(2);
}
