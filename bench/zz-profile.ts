import { openDatabase } from '@openpbm/db';
import { loadConfig } from '@openpbm/shared/config';
import { createClaimsService } from '../apps/server/src/claims/service';
import { buildWorkload, b1Bytes } from './lib/claims-workload';
const url = 'postgres://postgres@127.0.0.1:5432/zz_claims_profile';
const asOf = new Date().toISOString().slice(0, 10);
const db = await openDatabase({ url, poolSize: 10 });
const key = '11'.repeat(32);
const rounds = await buildWorkload(db.sql, key, asOf);
const work = rounds.flat();
console.log('workload', work.length);
const timings: Record<string, number[]> = {};
const pool = (db.db as any).$client;
const wrap = (client: any) => {
  if (client.__wrapped) return; client.__wrapped = true;
  const q = client.query.bind(client);
  client.query = async (cfg: any, ...rest: any[]) => {
    const name = typeof cfg === 'string' ? cfg.slice(0, 20) : (cfg.name ?? cfg.text?.slice(0, 20));
    const s = performance.now();
    try { return await q(cfg, ...rest); } finally { (timings[name] ??= []).push(performance.now() - s); }
  };
};
pool.on('connect', wrap); for (const c of pool._clients ?? []) wrap(c);
const svc = createClaimsService({ db, config: loadConfig({ FIELD_ENCRYPTION_KEY: key }), now: () => new Date() });
const N = Number(process.env.N ?? 200);
const C = Number(process.env.C ?? 1);
let i = Number(process.env.OFFSET ?? 0);
const lat: number[] = [];
const statuses: Record<string, number> = {};
const t0 = performance.now();
await Promise.all(Array.from({ length: C }, async () => {
  while (i < N + Number(process.env.OFFSET ?? 0)) {
    const c = work[i++ % work.length]!;
    const s = performance.now();
    const r = await svc.processBytes(new Uint8Array(b1Bytes(c, asOf)), { pharmacyId: c.pharmacyId });
    lat.push(performance.now() - s);
    const k = r.outcomes[0]?.status + ':' + r.outcomes[0]?.rejectCodes.join(',');
    statuses[k] = (statuses[k] ?? 0) + 1;
  }
}));
const el = (performance.now() - t0) / 1000;
lat.sort((a, b) => a - b);
console.log({ n: lat.length, perSec: lat.length / el, p50: lat[Math.floor(lat.length / 2)], p99: lat[Math.floor(lat.length * 0.99)], statuses });
for (const [k, v] of Object.entries(timings)) { v.sort((a, b) => a - b); console.log(k.padEnd(40), v.length, 'p50', v[Math.floor(v.length/2)]?.toFixed(2), 'p90', v[Math.floor(v.length*0.9)]?.toFixed(2)); }
await db.close();
