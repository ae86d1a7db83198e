// The vault's own configuration, read from its own environment: nothing here is shared with the application's
// keys. The vault refuses to listen anywhere but loopback, refuses to start without a caller secret, and refuses a
// card key equal to the application's field-encryption key.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface VaultConfig {
  production: boolean;
  /** Loopback address to listen on (ignored when `socketPath` is set). */
  host: string;
  port: number;
  /** Unix domain socket path instead of TCP. */
  socketPath?: string;
  /** PostgreSQL server for the vault's own database; otherwise PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** 32-byte card encryption key (hex). */
  encryptionKeyHex: string;
  /** Shared secret the caller signs requests with (32+ characters). */
  callerSecret: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const HEX_KEY = /^[0-9a-f]{64}$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function loadVaultConfig(env: Record<string, string | undefined> = process.env): VaultConfig {
  const production = env.NODE_ENV === 'production';
  const host = env.VAULT_HOST ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`VAULT_HOST must be a loopback address, got ${host}`);
  const port = Number(env.VAULT_PORT ?? '4100');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('VAULT_PORT must be 0-65535');

  const callerSecret = env.VAULT_CALLER_SECRET ?? '';
  if (callerSecret.length < 32) throw new Error('VAULT_CALLER_SECRET must be set (32+ characters)');

  const dataDir = env.VAULT_DATA_DIR ?? './data/vault';
  const encryptionKeyHex = resolveKey(env, dataDir, production);
  if (env.FIELD_ENCRYPTION_KEY && env.FIELD_ENCRYPTION_KEY.toLowerCase() === encryptionKeyHex.toLowerCase()) {
    throw new Error('The vault key must differ from FIELD_ENCRYPTION_KEY (keys are kept apart)');
  }
  if (env.VAULT_DATABASE_URL && env.DATABASE_URL && env.VAULT_DATABASE_URL === env.DATABASE_URL) {
    throw new Error('VAULT_DATABASE_URL must name a database of its own, not DATABASE_URL');
  }
  return {
    production,
    host,
    port,
    ...(env.VAULT_SOCKET ? { socketPath: resolve(env.VAULT_SOCKET) } : {}),
    ...(env.VAULT_DATABASE_URL ? { databaseUrl: env.VAULT_DATABASE_URL } : {}),
    dataDir,
    encryptionKeyHex,
    callerSecret,
  };
}

/**
 * VAULT_ENCRYPTION_KEY, else the hex key in VAULT_KEY_FILE. Outside production a missing key file is created
 * (0600) beside the vault's data, so `npm start` works with no setup; an in-memory vault gets a throw-away key.
 */
function resolveKey(env: Record<string, string | undefined>, dataDir: string, production: boolean): string {
  if (env.VAULT_ENCRYPTION_KEY) {
    if (!HEX_KEY.test(env.VAULT_ENCRYPTION_KEY))
      throw new Error('VAULT_ENCRYPTION_KEY must be 64 hex characters');
    return env.VAULT_ENCRYPTION_KEY;
  }
  if (!env.VAULT_KEY_FILE && dataDir === 'memory://' && !production) return randomBytes(32).toString('hex');
  const keyFile = resolve(env.VAULT_KEY_FILE ?? join(dataDir, 'vault.key'));
  if (!existsSync(keyFile)) {
    if (production) throw new Error('Set VAULT_ENCRYPTION_KEY or VAULT_KEY_FILE in production');
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    chmodSync(keyFile, 0o600);
  }
  const key = readFileSync(keyFile, 'utf8').trim();
  if (!HEX_KEY.test(key)) throw new Error(`${keyFile} must hold 64 hex characters`);
  return key;
}
