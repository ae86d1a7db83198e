import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { repoRoot } from './paths';

export interface RunningServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Last lines the server printed (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Extra or overriding environment variables for the server. */
  env?: Record<string, string>;
  /** Entry file run with tsx, relative to the repository root. */
  entry?: string;
  /** How long to wait for the "listening" line. Cold tsx start + migrations + demo seed can be slow on 2 cores. */
  timeoutMs?: number;
}

const LISTENING = /OpenPBM listening on (\S+)/;
const KEEP_LINES = 200;

/**
 * Starts the real server (`npx tsx apps/server/src/main.ts`) on a random port with an in-memory database
 * and demo data, and resolves once it prints `OpenPBM listening on <url>`.
 * Set E2E_BASE_URL to run the journeys against a server that is already running instead.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const external = process.env.E2E_BASE_URL;
  if (external) {
    return { url: external.replace(/\/$/, ''), output: () => '', stop: async () => {} };
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: 'memory://',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    ...options.env,
  };
  // Journeys always run on the embedded in-memory database unless a caller asks otherwise.
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;

  // Own process group (detached), so stop() ends npx, tsx and the server together.
  const child = spawn('npx', ['tsx', options.entry ?? 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const output = () => lines.join('\n');
  const remember = (line: string) => {
    lines.push(line);
    if (lines.length > KEEP_LINES) lines.shift();
  };
  const killOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const url = await new Promise<string>((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 150_000;
    const timer = setTimeout(() => {
      reject(
        new Error(`Server did not print "OpenPBM listening on <url>" within ${timeoutMs} ms:\n${output()}`),
      );
    }, timeoutMs);
    // stderr is drained too: a full pipe would block the server.
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', remember);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      remember(line);
      const match = LISTENING.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Server exited with code ${code} before it was listening:\n${output()}`));
    });
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });

  return { url, output, stop };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
