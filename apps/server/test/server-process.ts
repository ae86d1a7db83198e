// The real server as `npm start` runs it (apps/server/src/main.ts), in a child process of its own, for tests
// that signal, kill and restart it or run two of them on one database. One Node process (node --import tsx,
// no npx/tsx wrapper), so a signal reaches the server itself and its exit code is the server's.
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const LISTENING = /OpenPBM listening on (\S+)/;
const CLAIMS_TCP = /Claims TCP: \S+:(\d+)/;
const STOPPED = /OpenPBM stopped: (\{.*\})/;

export interface ServerProcess {
  url: string;
  claimsTcpPort?: number;
  pid: number;
  /** What the process printed (last 300 lines), for failure messages. */
  output(): string;
  /** The JSON report printed on a graceful stop ("OpenPBM stopped: {...}"), once printed. */
  stopReport(): Record<string, number> | undefined;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  signal(signal: NodeJS.Signals): void;
}

export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 240_000,
): Promise<ServerProcess> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    ...env,
  };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let report: Record<string, number> | undefined;
  let claimsTcpPort: number | undefined;
  const remember = (line: string) => {
    lines.push(line);
    if (lines.length > 300) lines.shift();
    const stopped = STOPPED.exec(line);
    if (stopped?.[1]) report = JSON.parse(stopped[1]);
    const tcp = CLAIMS_TCP.exec(line);
    if (tcp?.[1]) claimsTcpPort = Number(tcp[1]);
  };
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      done({ code, signal });
    }),
  );
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', remember);
  const stdout = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not listen within ${timeoutMs} ms:\n${lines.join('\n')}`));
    }, timeoutMs);
    stdout.on('line', (line) => {
      remember(line);
      const match = LISTENING.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1].replace(/\/$/, ''));
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${lines.join('\n')}`));
    });
  });
  // The claims port line follows the URL line at once; wait for the rest of the banner.
  if (env.CLAIMS_TCP_ENABLED === 'true') {
    for (let i = 0; i < 100 && claimsTcpPort === undefined; i++) await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    ...(claimsTcpPort !== undefined ? { claimsTcpPort } : {}),
    pid: child.pid as number,
    output: () => lines.join('\n'),
    stopReport: () => report,
    exited,
    signal: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}
