// Embedded mode: the server starts the vault as a child process (its own PGlite data directory and key) and talks
// to it over loopback with a per-run caller secret that never touches disk.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface VaultChild {
  url: string;
  callerSecret: string;
  pid: number;
  stop(): Promise<void>;
}

export interface StartVaultChildOptions {
  /** PGlite data directory of the vault, or "memory://". */
  dataDir: string;
  /** Key file; defaults to <dataDir>/vault.key (created on first start). */
  keyFile?: string;
  timeoutMs?: number;
}

const mainFile = fileURLToPath(new URL('./main.ts', import.meta.url));

export async function startVaultChild(options: StartVaultChildOptions): Promise<VaultChild> {
  const callerSecret = randomBytes(32).toString('base64url');
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  // Only what the vault needs: not the application's secrets or database settings.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: process.env.NODE_ENV,
    VAULT_HOST: '127.0.0.1',
    VAULT_PORT: '0',
    VAULT_DATA_DIR: options.dataDir,
    VAULT_CALLER_SECRET: callerSecret,
    ...(options.keyFile ? { VAULT_KEY_FILE: options.keyFile } : {}),
  };
  const child = fork(mainFile, [], {
    execArgv: ['--import', tsx],
    env,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('vault did not start in time')),
      options.timeoutMs ?? 60_000,
    );
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message?.type === 'vault-ready' && message.url) {
        clearTimeout(timer);
        resolve(message.url);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vault exited with code ${code} before it was ready`));
    });
  }).catch((err: unknown) => {
    child.kill('SIGKILL');
    throw err;
  });
  return {
    url,
    callerSecret,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
