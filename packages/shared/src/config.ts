// The one typed configuration module (Node side only: server, worker, CLIs).
// Every setting has a default that runs the embedded mode; production refuses demo secrets.
import { z } from 'zod';

const DEMO_SECRET = 'openpbm-demo-secret-do-not-use-in-production-000000';

/** The demo CA key-encryption key; a CA sealed under it is a demo CA, refused in production. */
export const DEMO_CA_KEY = `${'0'.repeat(62)}ca`;

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The address users reach: the one source of links in e-mails. Required in production; elsewhere it
   * defaults to the listening address (see publicUrlOf), never to a request's Host header. */
  PUBLIC_URL: z.string().url().optional(),
  /** Behind a reverse proxy: trust X-Forwarded-For for client IPs (rate limits, login history). */
  TRUST_PROXY: bool.default(false),
  /** PostgreSQL server; when absent the embedded PGlite database in DATA_DIR is used. */
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** HTTPS when both are set (PEM files). */
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  /** Secret for HMACs/cookies; 32+ chars. */
  APP_SECRET: z.string().min(32).default(DEMO_SECRET),
  /** 32-byte hex key for field encryption at rest (member ID, date of birth, addresses). */
  FIELD_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes)')
    .default(`${'0'.repeat(63)}1`),
  /** SMTP relay; when absent an embedded capture mailbox receives mail (dev only). */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('OpenPBM <no-reply@openpbm.local>'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(15),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  /** How long a resolved session may be answered from memory (NOTIFY drops it at once on any change; 0: off). */
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  RUN_WORKER_IN_PROCESS: bool.default(true),
  /** Card vault (apps/vault) as its own service; when absent the server starts it as a child process. */
  VAULT_URL: z.string().optional(),
  /** Secret the server signs vault requests with (32+ characters); required with VAULT_URL. */
  VAULT_CALLER_SECRET: z.string().min(32).optional(),
  /** Claims: per-pharmacy limit of claim transmissions over HTTP, per minute. */
  CLAIMS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(6000),
  /** Claims TCP listener for pharmacy switches (length-prefixed D.0; see apps/server/src/claims/tcp-listener.ts). */
  CLAIMS_TCP_ENABLED: bool.default(false),
  /** Loopback by default: a switch on another host should connect through TLS (TLS_CERT_FILE/TLS_KEY_FILE). */
  CLAIMS_TCP_HOST: z.string().default('127.0.0.1'),
  CLAIMS_TCP_PORT: z.coerce.number().int().min(0).max(65535).default(6010),
  /** Per-pharmacy shared secrets, "providerId=secret" comma-separated (NPI or NCPDP ID; secrets 32+ chars). */
  CLAIMS_TCP_SECRETS: z.string().default(''),
  SEED_DEMO: bool.default(true),
  /** On SIGTERM, how long /ready answers 503 while requests are still served, so a load balancer's health
   * check moves traffic away before the listeners stop accepting (set it above the check interval × fall). */
  SHUTDOWN_READY_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(1_000),
  /** On SIGTERM, how long in-flight HTTP requests, claim frames and running jobs get to finish. */
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(0).max(300_000).default(20_000),
  /** 64 hex characters: key that seals the client-certificate CA private keys at rest (issue 11). */
  CA_KEY_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes)')
    .default(DEMO_CA_KEY),
  /** mTLS listener for secure client tools (TLS 1.2+, client certificates); unset: 3443, or any free port with PORT=0. */
  CLIENT_TLS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Where client users reach the secure tools (the mTLS listener, e.g. behind a proxy); unset: the listener's address. */
  CLIENT_TLS_URL: z.string().url().optional(),
});

export type Config = z.infer<typeof schema> & {
  isProduction: boolean;
  embeddedDatabase: boolean;
  /** PUBLIC_URL without a trailing slash, or the listening address derived from HOST, PORT and TLS. */
  publicUrl: string;
  /** CLIENT_TLS_URL without a trailing slash; until the listener starts (and without it), undefined. */
  clientTlsUrl?: string;
};

/** The listening address as a URL: https when TLS files are set; a wildcard host is reached as localhost. */
export function listeningUrl(c: Pick<Config, 'HOST' | 'PORT' | 'TLS_CERT_FILE' | 'TLS_KEY_FILE'>): string {
  const scheme = c.TLS_CERT_FILE && c.TLS_KEY_FILE ? 'https' : 'http';
  const host = ['0.0.0.0', '::', ''].includes(c.HOST)
    ? 'localhost'
    : c.HOST.includes(':')
      ? `[${c.HOST}]`
      : c.HOST;
  return `${scheme}://${host}:${c.PORT}`;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const isProduction = c.NODE_ENV === 'production';
  if (isProduction) {
    const demo: string[] = [];
    if (c.APP_SECRET === DEMO_SECRET) demo.push('APP_SECRET');
    if (c.FIELD_ENCRYPTION_KEY === schema.shape.FIELD_ENCRYPTION_KEY.parse(undefined))
      demo.push('FIELD_ENCRYPTION_KEY');
    if (!c.SMTP_URL) demo.push('SMTP_URL');
    if (c.CA_KEY_ENCRYPTION_KEY.toLowerCase() === DEMO_CA_KEY) demo.push('CA_KEY_ENCRYPTION_KEY');
    // Links in e-mails must point where users really are, not where the process happens to listen.
    if (!c.PUBLIC_URL) demo.push('PUBLIC_URL');
    // In production the vault runs as its own service with its own key, not as an embedded child.
    if (!c.VAULT_URL || !c.VAULT_CALLER_SECRET) demo.push('VAULT_URL/VAULT_CALLER_SECRET');
    if (demo.length)
      throw new Error(`Refusing to start in production with demo settings: ${demo.join(', ')}`);
  }
  if (c.VAULT_URL && !c.VAULT_CALLER_SECRET)
    throw new Error('Invalid configuration:\n  VAULT_CALLER_SECRET: required with VAULT_URL');
  const publicUrl = (c.PUBLIC_URL ?? listeningUrl(c)).replace(/\/$/, '');
  const clientTlsUrl = c.CLIENT_TLS_URL?.replace(/\/$/, '');
  return {
    ...c,
    isProduction,
    embeddedDatabase: !c.DATABASE_URL,
    publicUrl,
    ...(clientTlsUrl ? { clientTlsUrl } : {}),
  };
}
