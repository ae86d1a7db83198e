// Runs an HTTP target in its own Node process (same process tree), so the load generator and the server
// never share an event loop. The child module listens on 127.0.0.1 port 0 and reports the port over IPC
// with `reportListening(port)`.
import { type ChildProcess, fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

export interface ChildServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Headers the target asks the load to send (e.g. a session cookie it issued). */
  headers: Record<string, string>;
  stop(): Promise<void>;
  /** Asks the target over IPC (see `answer`), e.g. for its statement counts or a CPU profile. */
  ask<T>(type: string, payload?: unknown): Promise<T>;
}

export interface ChildOptions {
  /** Extra Node flags, e.g. ['--cpu-prof', '--cpu-prof-dir', dir]. */
  execArgv?: string[];
  /** Drop the child's stdout (a target that logs every request). */
  quietStdout?: boolean;
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
  options: ChildOptions = {},
): Promise<ChildServer> {
  const child = fork(modulePath, [], {
    execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', options.quietStdout ? 'ignore' : 'inherit', 'inherit', 'ipc'],
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
    ask: <T>(type: string, payload?: unknown) =>
      new Promise<T>((resolve) => {
        const onMessage = (m: { type?: string; answer?: T }) => {
          if (m?.type !== `${type}:answer`) return;
          child.off('message', onMessage);
          resolve(m.answer as T);
        };
        child.on('message', onMessage);
        child.send({ type, payload });
      }),
  };
}

/** For child modules: answer the parent's `ask(type, payload)` with what `handler` returns. */
export function answer(type: string, handler: (payload: unknown) => unknown): void {
  process.on('message', (m: { type?: string; payload?: unknown }) => {
    if (m?.type !== type) return;
    void Promise.resolve(handler(m.payload)).then((a) =>
      process.send?.({ type: `${type}:answer`, answer: a }),
    );
  });
}

/** For child modules: `ask('profile-start')`, then `ask('profile-stop', file)` writes a V8 CPU profile there. */
export function answerProfiling(): void {
  let session: Session | null = null;
  answer('profile-start', async () => {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    return true;
  });
  answer('profile-stop', async (file) => {
    if (!session) return false;
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(String(file), JSON.stringify(profile));
    session.disconnect();
    session = null;
    return true;
  });
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
