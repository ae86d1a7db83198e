// Worker-thread side of a parallel seed (see parallel.ts): generates everything and sends each statement to the
// main thread, which owns the database connection, so generation and the database's work overlap.
import { parentPort, workerData } from 'node:worker_threads';
import type { SeedConnection } from './copy';
import type { FromWorker, ToWorker, WorkerInput } from './parallel';
import { runSeed } from './run';

const port = parentPort;
if (!port) throw new Error('seed worker must run in a worker thread');
const input = workerData as WorkerInput;
const post = (message: FromWorker) => port.postMessage(message);

let nextId = 0;
const waiting = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
port.on('message', (message: ToWorker) => {
  const call = waiting.get(message.id);
  waiting.delete(message.id);
  if (message.type === 'result') call?.resolve(message.rows);
  else call?.reject(new Error(message.message));
});

type Request =
  | { type: 'query'; text: string; params?: unknown[] }
  | { type: 'copy'; table: string; columns: string[]; rows: string };

function ask(message: Request): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    post({ ...message, id } as FromWorker);
  });
}

const conn: SeedConnection = {
  query: async <T>(text: string, params?: unknown[]) => ({
    rows: (await ask({ type: 'query', text, params })) as T[],
  }),
  copyIn: input.copy
    ? async (table, columns, rows) => {
        await ask({ type: 'copy', table, columns: [...columns], rows });
      }
    : undefined,
};

const onProgress = (done: number, total: number, phase: string) =>
  post({ type: 'progress', done, total, phase });
runSeed(conn, { ...input.options, onProgress }, { queueWrites: true })
  .then((summary) => post({ type: 'done', summary }))
  .catch((error: unknown) =>
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  )
  .finally(() => port.close());
