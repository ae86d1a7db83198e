// Simulated pharmacies for the fault tests: payable B1 claims built from the seeded database, sent over the
// claims TCP port one at a time per connection, and the client side's own log of every answer it received.
// The checks then hold the database to that log: every acknowledged paid claim stored exactly once, and the
// accumulators moved by exactly the amounts the stored claims applied.
import net from 'node:net';
import type { DatabaseHandle } from '@openpbm/db';
import { buildRequest, parseResponse } from '@openpbm/ncpdp';
import { FrameDecoder, frame } from '../../../apps/server/src/claims/tcp-framing';
import { handshakeMac, PROTOCOL } from '../../../apps/server/src/claims/tcp-listener';
import type { WorkloadClaim } from '../../../bench/lib/claims-workload';

export const PHARMACY_SECRET = 'fault-test-pharmacy-secret-0123456789';
export const TODAY = new Date().toISOString().slice(0, 10);

/** CLAIMS_TCP_SECRETS for every pharmacy the workload uses. */
export function claimsSecrets(claims: WorkloadClaim[]): string {
  return [...new Set(claims.map((c) => c.pharmacyNpi))].map((npi) => `${npi}=${PHARMACY_SECRET}`).join(',');
}

let rxCounter = (Math.floor(Date.now() / 1000) % 1_000_000) * 1000;

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

function b1(c: WorkloadClaim, rx: string): Buffer {
  return Buffer.from(
    buildRequest({
      header: {
        bin: c.bin,
        transactionCode: 'B1',
        processorControlNumber: c.pcn,
        serviceProviderIdQualifier: '01',
        serviceProviderId: c.pharmacyNpi,
        dateOfService: TODAY,
        softwareVendorCertificationId: 'FAULTS',
      },
      insurance: { cardholderId: c.memberNumber, groupId: c.group, personCode: c.personCode },
      patient: { dateOfBirth: c.dateOfBirth },
      transactions: [
        {
          claim: {
            prescriptionServiceReferenceNumberQualifier: '1',
            prescriptionServiceReferenceNumber: rx,
            productServiceIdQualifier: '03',
            productServiceId: c.ndc,
            quantityDispensed: 30_000,
            fillNumber: 0,
            daysSupply: 30,
          },
          pricing: {
            ingredientCostSubmitted: 250_000,
            dispensingFeeSubmitted: 200,
            usualAndCustomary: 300_000,
            grossAmountDue: 250_200,
            basisOfCostDetermination: '01',
          },
        },
      ],
    }),
  );
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
      rxCounter += 1;
      const rx = String(rxCounter);
      log.sent.add(`${claim.pharmacyNpi}|${rx}`);
      socket.write(frame(b1(claim, rx)));
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

export interface Totals {
  deductible: number;
  oop: number;
}

/** Individual accumulators summed over all members (a snapshot before the load). */
export async function accumulatorTotals(db: DatabaseHandle): Promise<Totals> {
  const { rows } = await db.sql.query<{ d: string; o: string }>(
    `select coalesce(sum(deductible_cents), 0)::text as d, coalesce(sum(oop_cents), 0)::text as o
     from accumulators where scope = 'individual'`,
  );
  return { deductible: Number(rows[0]?.d ?? 0), oop: Number(rows[0]?.o ?? 0) };
}

export interface ClaimCheck {
  acknowledgedPaid: number;
  storedPaid: number;
  lost: number;
  duplicates: number;
  accumulatorsMatch: boolean;
  /** Unanswered claims that were nevertheless stored as paid (a retry would get the duplicate answer). */
  unansweredStored: number;
  /** Paid claims stored that no simulated pharmacy sent (e.g. a job's home-delivery fill). */
  foreign: string[];
  deltas: string;
}

/** Every acknowledged paid claim stored exactly once; accumulators moved by what the new paid claims applied. */
export async function checkClaims(
  db: DatabaseHandle,
  log: LoadLog,
  before: Totals,
  since: Date,
): Promise<ClaimCheck> {
  const paid = log.answered.filter((a) => a.paid);
  const { rows } = await db.sql.query<{ npi: string; rx: string; n: number }>(
    `select service_provider_id as npi, rx_number as rx, count(*)::int as n from claims
     where transaction_code = 'B1' and status = 'paid' and received_at >= $1 group by 1, 2`,
    [since],
  );
  const stored = new Map(rows.map((r) => [`${r.npi}|${r.rx}`, r.n]));
  const lost = paid.filter((a) => !stored.has(`${a.npi}|${a.rx}`)).length;
  const duplicates = rows.filter((r) => r.n > 1).length;
  const foreign = rows.map((r) => `${r.npi}|${r.rx}`).filter((k) => !log.sent.has(k));
  const applied = await db.sql.query<{ d: string; o: string }>(
    `select coalesce(sum(applied_to_deductible_cents), 0)::text as d, coalesce(sum(applied_to_oop_cents), 0)::text as o
     from claims where transaction_code = 'B1' and status = 'paid' and received_at >= $1`,
    [since],
  );
  const after = await accumulatorTotals(db);
  const accumulatorsMatch =
    after.deductible - before.deductible === Number(applied.rows[0]?.d ?? 0) &&
    after.oop - before.oop === Number(applied.rows[0]?.o ?? 0);
  const deltas = `deductible +${after.deductible - before.deductible} vs ${applied.rows[0]?.d}, oop +${after.oop - before.oop} vs ${applied.rows[0]?.o}`;
  return {
    acknowledgedPaid: paid.length,
    storedPaid: rows.length,
    lost,
    duplicates,
    accumulatorsMatch,
    unansweredStored: log.unanswered.filter((k) => stored.has(k)).length,
    foreign,
    deltas,
  };
}
