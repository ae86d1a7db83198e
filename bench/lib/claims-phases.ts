// The claims benchmark's phases and helpers (claims-adjudication.bench.ts): timed loops over the TCP listener
// and the in-process service, the pharmacies every plan contracts, and what the claims table holds afterwards.
import net from 'node:net';
import type { DatabaseHandle } from '@openpbm/db';
import { parseResponse } from '@openpbm/ncpdp';
import type { Config } from '@openpbm/shared/config';
import { createClaimsService } from '../../apps/server/src/claims/service';
import { connectClaimsTcp } from '../../apps/server/src/claims/tcp-client';
import { b1Bytes, type WorkloadClaim } from './claims-workload';

export const CONNECTIONS = Number(process.env.BENCH_CLAIMS_CONNECTIONS ?? 4);
export const DURATION_SECONDS = Number(process.env.BENCH_CLAIMS_SECONDS ?? 5);
export const WARMUP_SECONDS = 1;
export const AS_OF = new Date().toISOString().slice(0, 10);

/** Called between the warm-up and the measured seconds, and after them (e.g. to snapshot statement counts). */
export interface Marks {
  start(): Promise<void>;
  end(): Promise<void>;
}

export interface LoopResult {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  claims: number;
  paidPct: number;
}

export async function pharmaciesInEveryNetwork(db: DatabaseHandle, count: number) {
  const { rows } = await db.sql.query<{ id: string; npi: string }>(
    `select ph.id, ph.npi from pharmacies ph
     where ph.status = 'active' and not ph.home_delivery and not ph.specialty
       and not exists (select 1 from plans p where not exists (
         select 1 from network_pharmacies np where np.network_id = p.pharmacy_network_id and np.pharmacy_id = ph.id
           and np.effective_date <= $1::date and (np.termination_date is null or np.termination_date >= $1::date)))
     order by ph.npi limit $2`,
    [AS_OF, count],
  );
  if (rows.length === 0) throw new Error('no pharmacy is in every network');
  return rows;
}

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function outcomes(db: DatabaseHandle, since: Date) {
  const { rows } = await db.sql.query<{ status: string; codes: string; n: number }>(
    `select status, array_to_string(reject_codes, ',') as codes, count(*)::int as n from claims
     where received_at >= $1 and transaction_code = 'B1' group by 1, 2 order by n desc`,
    [since],
  );
  const total = rows.reduce((s, r) => s + r.n, 0);
  const paid = rows.filter((r) => r.status === 'paid').reduce((s, r) => s + r.n, 0);
  const topRejects = rows
    .filter((r) => r.status !== 'paid')
    .slice(0, 3)
    .map((r) => `${r.codes}:${r.n}`)
    .join(' ');
  return { total, paidPct: total ? (100 * paid) / total : 0, topRejects: topRejects || 'none' };
}

/** `workers` loops that each send `send(claim)` until the time is up; a discarded warm-up first. */
async function timedLoops<T>(
  workers: T[][],
  send: (worker: number, claim: T) => Promise<boolean>,
  marks: Marks,
): Promise<LoopResult> {
  const cursor: number[] = workers.map(() => 0);
  const run = async (seconds: number, record: boolean) => {
    const latencies: number[] = [];
    let paid = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      workers.map(async (claims, w) => {
        while (performance.now() < until && (cursor[w] ?? 0) < claims.length) {
          const index = cursor[w] ?? 0;
          cursor[w] = index + 1;
          const claim = claims[index] as T;
          const started = performance.now();
          const ok = await send(w, claim);
          if (record) {
            latencies.push(performance.now() - started);
            if (ok) paid += 1;
          }
        }
      }),
    );
    return { latencies, paid };
  };
  await run(WARMUP_SECONDS, false);
  await marks.start();
  const started = performance.now();
  const { latencies, paid } = await run(DURATION_SECONDS, true);
  const elapsed = (performance.now() - started) / 1000;
  await marks.end();
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? Number.NaN;
  return {
    perSecond: latencies.length / elapsed,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    claims: latencies.length,
    paidPct: latencies.length ? (100 * paid) / latencies.length : 0,
  };
}

/** One authenticated connection per pharmacy (the CONNECTIONS pharmacies with the most claims). */
export async function overTcp(
  port: number,
  secrets: Map<string, string>,
  claims: WorkloadClaim[],
  marks: Marks,
): Promise<LoopResult> {
  const byPharmacy = new Map<string, WorkloadClaim[]>();
  for (const c of claims) byPharmacy.set(c.pharmacyNpi, [...(byPharmacy.get(c.pharmacyNpi) ?? []), c]);
  const busiest = [...byPharmacy.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, CONNECTIONS);
  const clients = await Promise.all(
    busiest.map(([npi]) =>
      connectClaimsTcp({ port, qualifier: '01', providerId: npi, secret: secrets.get(npi) as string }),
    ),
  );
  try {
    const bodies = busiest.map(([, list]) => list.map((c) => b1Bytes(c, AS_OF)));
    return await timedLoops(
      bodies,
      async (w, body) => {
        const response = parseResponse(await (clients[w] as (typeof clients)[number]).send(body));
        return response.transactions[0]?.status?.transactionResponseStatus === 'P';
      },
      marks,
    );
  } finally {
    for (const client of clients) client.close();
  }
}

/** The claims service called directly, CONNECTIONS workers sharing the claims. */
export async function inProcess(
  db: DatabaseHandle,
  config: Config,
  claims: WorkloadClaim[],
  marks: Marks,
): Promise<LoopResult> {
  const service = createClaimsService({ db, config, now: () => new Date() });
  const all = claims.map((c) => ({ pharmacyId: c.pharmacyId, bytes: new Uint8Array(b1Bytes(c, AS_OF)) }));
  const workers = Array.from({ length: CONNECTIONS }, (_, w) => all.filter((_, i) => i % CONNECTIONS === w));
  return timedLoops(
    workers,
    async (_w, claim) => {
      const out = await service.processBytes(claim.bytes, { pharmacyId: claim.pharmacyId });
      return out.outcomes[0]?.status === 'paid';
    },
    marks,
  );
}
