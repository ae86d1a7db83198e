// Runs an HTTP target in its own Node process (same process tree), so the load generator and the server
// never share an event loop. The child module listens on 127.0.0.1 port 0 and reports the port over IPC
// with `reportListening(port)`.
import { type ChildProcess, fork } from 'node:child_process';

export interface ChildServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Headers the target asks the load to send (e.g. a session cookie it issued). */
  headers: Record<string, string>;
  stop(): Promise<void>;
}

interface ReadyMessage {
  type: 'listening';
  port: number;
  headers?: Record<string, string>;
}

export async function startChildServer(
  modulePath: string,
  env: Record<string, string> = {},
  startupTimeoutMs = 60_000,
): Promise<ChildServer> {
  const child = fork(modulePath, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${modulePath} did not start within ${startupTimeoutMs} ms`));
    }, startupTimeoutMs);
    child.on('message', (m: ReadyMessage) => {
      if (m?.type === 'listening') {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${modulePath} exited with code ${code} before listening`));
    });
  });
  return {
    origin: `http://127.0.0.1:${ready.port}`,
    headers: ready.headers ?? {},
    stop: () => stopChild(child),
  };
}

/** For child modules: tell the parent which port to load. */
export function reportListening(port: number, headers?: Record<string, string>): void {
  if (!process.send) throw new Error('this module must be started with startChildServer()');
  process.send({ type: 'listening', port, ...(headers ? { headers } : {}) } satisfies ReadyMessage);
  // The parent going away (crash, Ctrl-C) must not leave servers behind.
  process.on('disconnect', () => process.exit(0));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
