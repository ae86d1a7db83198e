// Starts second-node.ts (the whole app in its own process on a PostgreSQL database) and resolves once it listens.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SecondNode {
  child: ChildProcess;
  origin: string;
}

/** `env` adds to the parent's (e.g. TEST_NOW, the node's clock). */
export async function startSecondNode(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<SecondNode> {
  const child = fork(fileURLToPath(new URL('./second-node.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { type?: string; port?: number }) => {
      if (m?.type === 'listening' && m.port) resolve(m.port);
    });
    child.once('exit', (code) => reject(new Error(`second node exited (${code}) before listening`)));
  });
  return { child, origin: `http://127.0.0.1:${port}` };
}

/** Asks the node a question over IPC (second-node.ts answers `type`) and resolves with its answer. */
export function askSecondNode<T>(node: SecondNode, type: string): Promise<T> {
  return new Promise<T>((resolve) => {
    const hear = (m: { type?: string }) => {
      if (m?.type !== type) return;
      node.child.off('message', hear);
      resolve(m as T);
    };
    node.child.on('message', hear);
    node.child.send({ type });
  });
}

/** The database URL of a test app's scratch database (same server as TEST_DATABASE_URL). */
export function sameServerUrl(databaseName: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${databaseName}`;
  return url.toString();
}
