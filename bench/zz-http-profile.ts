import { newId, openDatabase } from '@openpbm/db';
import { loadConfig } from '@openpbm/shared/config';
import type autocannon from 'autocannon';
import { SESSION_COOKIE } from '../apps/server/src/identity/cookies';
import { createSessionService } from '../apps/server/src/identity/session-service';
import { measureHttp } from './lib/autocannon';
import { startChildServer } from './lib/child-server';
import { b1Bytes, buildWorkload, type WorkloadClaim } from './lib/claims-workload';
const url = 'postgres://postgres@127.0.0.1:5432/zz_claims_profile';
const asOf = new Date().toISOString().slice(0, 10);
const keyHex = '11'.repeat(32);
const db = await openDatabase({ url, poolSize: 2 });
const work = (await buildWorkload(db.sql, keyHex, asOf)).flat().slice(Number(process.env.OFFSET ?? 0));
const env = { NODE_ENV: 'production', DATABASE_URL: url, FIELD_ENCRYPTION_KEY: keyHex, APP_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://127.0.0.1:9', VAULT_URL: 'http://127.0.0.1:9', VAULT_CALLER_SECRET: 'y'.repeat(40), CLAIMS_RATE_LIMIT_PER_MINUTE: '100000000', SESSION_IDLE_MINUTES: '120', LOG_LEVEL: 'silent', ...(process.env.PROF ? { BENCH_CPU_PROFILE: '/tmp/cpuprof-http/server.cpuprofile', BENCH_CPU_PROFILE_SECONDS: '8' } : {}) };
const sessions = createSessionService({ db, config: loadConfig(env), now: () => new Date() });
const cookieOf = new Map<string, string>();
for (const pharmacyId of new Set(work.map((c) => c.pharmacyId))) {
  const userId = newId();
  await db.sql.query(`insert into users (id, username, username_normalized, email, role, display_name, pharmacy_id) values ($1, $2, $2, $3, 'pharmacy_staff', 'Bench', $4)`, [userId, `b-${userId}`, `b-${userId}@x.test`, pharmacyId]);
  const { token } = await sessions.issue(userId, 'full', ['bench'], { ip: '127.0.0.1', userAgent: 'bench' });
  cookieOf.set(pharmacyId, `${SESSION_COOKIE}=${token}`);
}
const server = await startChildServer(new URL('./targets/claims-server.ts', import.meta.url).pathname, env);
const r = await fetch(`${server.origin}/api/identity/csrf`);
const csrfCookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const { token } = (await r.json()) as { token: string };
let next = 0;
const requests: autocannon.Request[] = [{ method: 'POST', path: process.env.PATHX ?? '/api/claims/ncpdp', setupRequest: (req) => {
  const c = work[next++ % work.length] as WorkloadClaim;
  return { ...req, headers: { 'content-type': 'application/octet-stream', cookie: `${cookieOf.get(c.pharmacyId)}; ${csrfCookie}`, 'x-csrf-token': token }, body: b1Bytes(c, asOf) };
} }];
const load = await measureHttp(server.origin, { connections: Number(process.env.C ?? 10), durationSeconds: Number(process.env.D ?? 8), warmupSeconds: 1, requests });
console.log(load);
await server.stop();
await db.close();
