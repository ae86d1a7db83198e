// A simulated pharmacy on a switch connection (claims TCP, through HAProxy): bills B1 claims, reverses some with
// B2, and keeps its own log of every answer it received. A transmission with no answer (connection dropped, node
// killed, timeout) is sent again, byte for byte, on a new connection until answered, as a switch would; the log
// notes that it was a retry. `abandonEvery` makes it drop the connection right after sending (mid-transaction).
import { parseResponse } from '@openpbm/ncpdp';
import { type ClaimsTcpClient, connectClaimsTcp } from '../../../apps/server/src/claims/tcp-client';
import { claimBytes, nextRxNumber, type WorkloadClaim } from '../../../bench/lib/claims-workload';
import type { Pharmacy } from '../../cluster/cluster';

export interface Ack {
  pharmacyNpi: string;
  rx: string;
  code: 'B1' | 'B2';
  /** NCPDP transaction response status: P paid, D duplicate of paid, R rejected, A accepted, S duplicate of accepted. */
  status: string;
  /** Transmissions it took (more than 1: the earlier ones went unanswered). */
  attempts: number;
  memberNumber: string;
  at: number;
}

const SEND_TIMEOUT_MS = 20_000;
/** A transmission still unanswered after this long is given up (and the test fails on it). */
const GIVE_UP_MS = 120_000;

export class PharmacySim {
  readonly acks: Ack[] = [];
  /** Transmissions that got no answer (each was sent again). */
  unanswered = 0;
  /** Transmissions this pharmacy dropped on purpose right after sending. */
  abandoned = 0;
  abandonEvery = 0;
  /** Transmissions never answered within GIVE_UP_MS. */
  readonly gaveUp: string[] = [];
  private client: ClaimsTcpClient | undefined;
  private sent = 0;
  private cursor = 0;

  constructor(
    private readonly pharmacy: Pharmacy,
    private readonly claims: WorkloadClaim[],
    private readonly port: number,
    private readonly dateOfService: string,
  ) {}

  /** Bills (and every third time reverses) claims until `stop()` says so. */
  async run(stop: () => boolean): Promise<void> {
    while (!stop()) {
      const claim = this.claims[this.cursor++ % this.claims.length] as WorkloadClaim;
      const rx = nextRxNumber();
      const billed = await this.transmit(claim, 'B1', rx);
      if (['P', 'D'].includes(billed.status) && this.cursor % 3 === 0) await this.transmit(claim, 'B2', rx);
    }
    this.client?.close();
  }

  private async transmit(claim: WorkloadClaim, code: 'B1' | 'B2', rx: string): Promise<Ack> {
    const bytes = claimBytes(claim, this.dateOfService, code, rx);
    const first = Date.now();
    for (let attempts = 1; ; attempts++) {
      if (Date.now() - first > GIVE_UP_MS) {
        this.gaveUp.push(`${code} ${this.pharmacy.npi}/${rx}`);
        return {
          pharmacyNpi: this.pharmacy.npi,
          rx,
          code,
          status: '?',
          attempts,
          memberNumber: '',
          at: Date.now(),
        };
      }
      try {
        const client = await this.connected();
        this.sent += 1;
        if (this.abandonEvery > 0 && this.sent % this.abandonEvery === 0) {
          // Sent, then the line drops before the answer: the claim may or may not have been stored.
          void client.send(bytes).catch(() => {});
          await sleep(5 + (this.sent % 20));
          this.drop();
          this.abandoned += 1;
          this.unanswered += 1;
          continue;
        }
        const response = parseResponse(await withTimeout(client.send(bytes), SEND_TIMEOUT_MS));
        const status = response.transactions[0]?.status?.transactionResponseStatus ?? '?';
        const ack: Ack = {
          pharmacyNpi: this.pharmacy.npi,
          rx,
          code,
          status,
          attempts,
          memberNumber: claim.memberNumber,
          at: Date.now(),
        };
        this.acks.push(ack);
        return ack;
      } catch {
        this.unanswered += 1;
        this.drop();
        await sleep(200);
      }
    }
  }

  private async connected(): Promise<ClaimsTcpClient> {
    if (!this.client) {
      this.client = await withTimeout(
        connectClaimsTcp({
          port: this.port,
          qualifier: '01',
          providerId: this.pharmacy.npi,
          secret: this.pharmacy.secret,
        }),
        5000,
      );
    }
    return this.client;
  }

  private drop(): void {
    this.client?.close();
    this.client = undefined;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
