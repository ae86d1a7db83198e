// `npm run bench [name-filter…]`: runs every bench/*.bench.ts one after the other (they would otherwise
// compete for the same 2 cores), prints one line per result and writes bench/results/latest.json.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark } from './lib/benchmark';
import { type BenchResult, buildReport, formatDetails, formatLine, writeReport } from './lib/report';

const benchDir = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);

const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ') || '*.bench.ts'}`);
  process.exit(1);
}

const results: BenchResult[] = [];
const failures: Array<{ benchmark: string; error: string }> = [];

for (const file of files) {
  const bench = (await import(pathToFileURL(join(benchDir, file)).href)).default as Benchmark;
  console.log(`# ${bench.name}: ${bench.description}`);
  const started = performance.now();
  try {
    const out = await withTimeout(bench.run(), bench.timeoutSeconds, bench.name);
    for (const r of out) {
      results.push(r);
      console.log(formatLine(r));
      const details = formatDetails(r);
      if (details) console.log(details);
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    failures.push({ benchmark: bench.name, error: message });
    console.error(`${bench.name} FAILED: ${message}`);
  }
  console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

// BENCH_RESULTS_FILE: write elsewhere (e.g. a partial run that must not replace the last full one).
const file = process.env.BENCH_RESULTS_FILE ?? join(benchDir, 'results', 'latest.json');
writeReport(file, buildReport(results, failures));
console.log(`\nwrote ${file}`);
// Child servers and pools are closed by each benchmark; exit explicitly in case a library keeps a timer.
process.exit(failures.length ? 1 : 0);

function withTimeout<T>(p: Promise<T>, seconds: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} exceeded its ${seconds} s budget`)), seconds * 1000);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
