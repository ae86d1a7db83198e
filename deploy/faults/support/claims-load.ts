// Simulated pharmacies for the fault tests: payable B1 claims built from the seeded database, sent over the
// claims TCP port one at a time per connection, and the client side's own log of every answer it received.
// The checks then hold the database to that log: every acknowledged paid claim stored exactly once, and every
// accumulator row moved by exactly the amounts the stored claims applied (support/accumulators.ts).
import net from 'node:net';
import type { DatabaseHandle } from '@openpbm/db';
import { parseResponse } from '@openpbm/ncpdp';
import { FrameDecoder, frame } from '../../../apps/server/src/claims/tcp-framing';
import { handshakeMac, PROTOCOL } from '../../../apps/server/src/claims/tcp-listener';
import { claimBytes, nextRxNumber, type WorkloadClaim } from '../../../bench/lib/claims-workload';
import {
  type AccumulatorRow,
  accumulatorSnapshot,
  checkAccumulators,
  existingClaims,
  type Query,
} from './accumulators';

export const PHARMACY_SECRET = 'fault-test-pharmacy-secret-0123456789';
export const TODAY = new Date().toISOString().slice(0, 10);

/** CLAIMS_TCP_SECRETS for every pharmacy the workload uses. */
export function claimsSecrets(claims: WorkloadClaim[]): string {
  return [...new Set(claims.map((c) => c.pharmacyNpi))].map((npi) => `${npi}=${PHARMACY_SECRET}`).join(',');
}

export interface Answer {
  npi: string;
  rx: string;
  paid: boolean;
}

export interface LoadLog {
  /** Every claim sent, answered or not ("npi|rx"). */
  sent: Set<string>;
  /** Claims answered (acknowledged) by the server, paid or not. */
  answered: Answer[];
  /** Claims sent whose connection ended before an answer came (a pharmacy would retry them), "npi|rx". */
  unanswered: string[];
  /** Connections that failed with an error (a reset) rather than an orderly close. */
  resets: string[];
}

/**
 * One pharmacy connection: handshake, then claims one at a time until `claims` run out, `shouldStop()` says so
 * or the server closes the connection. Never throws: what happened goes into `log`.
 */
export async function runPharmacy(
  port: number,
  claims: WorkloadClaim[],
  log: LoadLog,
  shouldStop: () => boolean,
): Promise<void> {
  const first = claims[0];
  if (!first) return;
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.setNoDelay(true);
  const decoder = new FrameDecoder();
  let waiting: ((frame: Buffer | null) => void) | undefined;
  const early: Buffer[] = [];
  let ended = false;
  socket.on('data', (chunk: Buffer) => {
    for (const payload of decoder.push(chunk)) {
      const w = waiting;
      waiting = undefined;
      if (w) w(Buffer.from(payload));
      else early.push(Buffer.from(payload));
    }
  });
  socket.on('error', (err: NodeJS.ErrnoException) => {
    if (!ended) log.resets.push(err.code ?? err.message);
  });
  const closed = () => {
    ended = true;
    const w = waiting;
    waiting = undefined;
    w?.(null);
  };
  socket.on('end', closed);
  socket.on('close', closed);
  const next = () =>
    new Promise<Buffer | null>((resolve) => {
      const ready = early.shift();
      if (ready) resolve(ready);
      else if (ended) resolve(null);
      else waiting = resolve;
    });
  try {
    const hello = (await next())?.toString('latin1') ?? '';
    const challenge = hello.startsWith(`${PROTOCOL} CHALLENGE `) ? hello.split(' ')[2] : undefined;
    if (!challenge) return;
    socket.write(
      frame(
        `AUTH 01 ${first.pharmacyNpi} ${handshakeMac(PHARMACY_SECRET, challenge, '01', first.pharmacyNpi)}`,
      ),
    );
    if ((await next())?.toString('latin1') !== 'OK') return;
    for (const claim of claims) {
      // A claim is sent only on a connection the server has not said goodbye on.
      await new Promise((r) => setImmediate(r));
      if (shouldStop() || ended || socket.readableEnded) break;
      if (claim.pharmacyNpi !== first.pharmacyNpi) continue;
      const rx = nextRxNumber();
      log.sent.add(`${claim.pharmacyNpi}|${rx}`);
      socket.write(frame(claimBytes(claim, TODAY, 'B1', rx)));
      const response = await next();
      if (!response) {
        log.unanswered.push(`${claim.pharmacyNpi}|${rx}`);
        break;
      }
      const paid = parseResponse(response).transactions[0]?.status?.transactionResponseStatus === 'P';
      log.answered.push({ npi: claim.pharmacyNpi, rx, paid });
    }
  } finally {
    socket.end();
  }
}

/** Workload claims grouped per pharmacy, so each simulated connection signs as one pharmacy. */
export function byPharmacy(claims: WorkloadClaim[]): WorkloadClaim[][] {
  const groups = new Map<string, WorkloadClaim[]>();
  for (const c of claims) groups.set(c.pharmacyNpi, [...(groups.get(c.pharmacyNpi) ?? []), c]);
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

/** What the database held before the load: its claims (by id) and its accumulator rows. */
export interface Baseline {
  existing: string[];
  accumulators: Map<string, AccumulatorRow>;
}

/** A DatabaseHandle as the shared checks' `Query`. */
export const handleQuery =
  (db: DatabaseHandle): Query =>
  async (text, params) =>
    (await db.sql.query(text, params)).rows as never;

export async function baseline(db: DatabaseHandle): Promise<Baseline> {
  const q = handleQuery(db);
  return { existing: await existingClaims(q), accumulators: await accumulatorSnapshot(q) };
}

export interface ClaimCheck {
  acknowledgedPaid: number;
  storedPaid: number;
  lost: number;
  duplicates: number;
  /** Unanswered claims that were nevertheless stored as paid (a retry would get the duplicate answer). */
  unansweredStored: number;
  /** Paid claims stored since the baseline that no simulated pharmacy sent (e.g. a job's home-delivery fill). */
  foreign: string[];
  /** Accumulator rows checked against the paid claims, and those that do not match (empty when all do). */
  accumulatorRows: number;
  accumulatorMismatches: string[];
  /** Individual rows' total movement against what the new paid claims applied, for the report. */
  deltas: string;
}

/** Every acknowledged paid claim stored exactly once; every accumulator row moved by what the new paid claims applied. */
export async function checkClaims(db: DatabaseHandle, log: LoadLog, before: Baseline): Promise<ClaimCheck> {
  const paid = log.answered.filter((a) => a.paid);
  const { rows } = await db.sql.query<{ npi: string; rx: string; n: number }>(
    `select service_provider_id as npi, rx_number as rx, count(*)::int as n from claims
     where transaction_code = 'B1' and status = 'paid' and id <> all($1::uuid[]) group by 1, 2`,
    [before.existing],
  );
  const stored = new Map(rows.map((r) => [`${r.npi}|${r.rx}`, Number(r.n)]));
  const lost = paid.filter((a) => !stored.has(`${a.npi}|${a.rx}`)).length;
  const duplicates = rows.filter((r) => Number(r.n) > 1).length;
  const foreign = rows.map((r) => `${r.npi}|${r.rx}`).filter((k) => !log.sent.has(k));
  const acc = await checkAccumulators(handleQuery(db), before.accumulators, before.existing);
  return {
    acknowledgedPaid: paid.length,
    storedPaid: rows.length,
    lost,
    duplicates,
    unansweredStored: log.unanswered.filter((k) => stored.has(k)).length,
    foreign,
    accumulatorRows: acc.rowsChecked,
    accumulatorMismatches: acc.mismatches,
    deltas: `deductible +${acc.moved.deductible} vs ${acc.applied.deductible} applied, oop +${acc.moved.oop} vs ${acc.applied.oop} applied`,
  };
}
