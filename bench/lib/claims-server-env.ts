// The settings a benchmarked claims server (bench/targets/claims-server.ts) runs with, for the claims benchmark
// and the soak: production mode, so no demo secret is in place (fresh random ones instead), nothing real to mail or
// charge, the claims rate limit out of the way, and the TCP listener open to the given pharmacies.
import { randomBytes } from 'node:crypto';

export function claimsServerEnv(settings: {
  databaseUrl: string;
  fieldKeyHex: string;
  tcpPort: number;
  /** NPI → the pharmacy's TCP handshake secret. */
  pharmacySecrets: Map<string, string>;
  sessionIdleMinutes: number;
}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: settings.databaseUrl,
    FIELD_ENCRYPTION_KEY: settings.fieldKeyHex,
    APP_SECRET: randomBytes(32).toString('hex'),
    SMTP_URL: 'smtp://127.0.0.1:9',
    PUBLIC_URL: 'http://127.0.0.1',
    VAULT_URL: 'http://127.0.0.1:9',
    VAULT_CALLER_SECRET: randomBytes(32).toString('hex'),
    // Production refuses to start with the demo CA key (certificates); the benchmarks sign nothing with it.
    CA_KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    CLAIMS_RATE_LIMIT_PER_MINUTE: '100000000',
    CLAIMS_TCP_ENABLED: 'true',
    CLAIMS_TCP_PORT: String(settings.tcpPort),
    CLAIMS_TCP_SECRETS: [...settings.pharmacySecrets].map(([npi, secret]) => `${npi}=${secret}`).join(','),
    SESSION_IDLE_MINUTES: String(settings.sessionIdleMinutes),
    LOG_LEVEL: 'silent',
  };
}
