// The shape of a bench/*.bench.ts module: `export default defineBenchmark({ … })`.
import type { BenchResult } from './report';

export interface Benchmark {
  name: string;
  /** One sentence: what the figure measures and against which baseline. */
  description: string;
  /** Wall-clock budget; the runner fails the benchmark when it is exceeded. */
  timeoutSeconds: number;
  run(): Promise<BenchResult[]>;
}

export function defineBenchmark(b: Benchmark): Benchmark {
  return b;
}
