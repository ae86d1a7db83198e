// Runs the seed's generation in a worker thread while this thread executes its statements. PGlite runs on the
// calling thread, so without this the two take turns; with it a large seed takes about as long as the slower.
// The worker loads TypeScript through tsx's register API (the CLI runs under tsx), and produces exactly what
// an in-process seed produces: same code, same order of random draws.
import { Worker } from 'node:worker_threads';
import type { SeedConnection } from './copy';
import type { SeedOptions, SeedSummary } from './run';

export interface WorkerInput {
  /** Plain data only: the worker reads the field key and reference data itself, like an in-process seed. */
  options: Pick<SeedOptions, 'members' | 'seed' | 'asOf' | 'deferIndexes'>;
  /** The main thread's connection takes COPY (the worker then sends its batches as COPY text). */
  copy: boolean;
}

export type FromWorker =
  | { type: 'query'; id: number; text: string; params?: unknown[] }
  | { type: 'copy'; id: number; table: string; columns: string[]; rows: string }
  | { type: 'progress'; done: number; total: number; phase: string }
  | { type: 'done'; summary: SeedSummary }
  | { type: 'error'; message: string };

export type ToWorker =
  | { type: 'result'; id: number; rows: unknown[] }
  | { type: 'failed'; id: number; message: string };

export function runSeedInWorker(conn: SeedConnection, opts: SeedOptions): Promise<SeedSummary> {
  if (opts.fieldKey || opts.referenceData) {
    throw new Error('a seed in a worker reads the field key and reference data itself; pass neither');
  }
  const entry = new URL('./worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  const workerData: WorkerInput = {
    options: { members: opts.members, seed: opts.seed, asOf: opts.asOf, deferIndexes: opts.deferIndexes },
    copy: conn.copyIn !== undefined,
  };
  const worker = new Worker(bootstrap, { eval: true, workerData });

  return new Promise<SeedSummary>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, summary?: SeedSummary) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error) reject(error);
      else resolve(summary as SeedSummary);
    };
    // Statements arrive one at a time (the worker's loader waits for each before sending the next).
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'query' || message.type === 'copy') {
        const copyIn = conn.copyIn as NonNullable<SeedConnection['copyIn']>;
        const statement: Promise<{ rows: unknown[] } | undefined> =
          message.type === 'query'
            ? conn.query(message.text, message.params)
            : copyIn(message.table, message.columns, message.rows).then(() => undefined);
        statement.then(
          (result) =>
            worker.postMessage({
              type: 'result',
              id: message.id,
              rows: result?.rows ?? [],
            } satisfies ToWorker),
          (error: unknown) =>
            worker.postMessage({
              type: 'failed',
              id: message.id,
              message: error instanceof Error ? error.message : String(error),
            } satisfies ToWorker),
        );
      } else if (message.type === 'progress') {
        opts.onProgress?.(message.done, message.total, message.phase);
      } else if (message.type === 'done') {
        finish(null, message.summary);
      } else {
        finish(new Error(message.message));
      }
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) =>
      finish(new Error(`seed worker stopped (exit code ${code}) before finishing`)),
    );
  });
}
