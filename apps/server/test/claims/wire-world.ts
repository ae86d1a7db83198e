// SHARED SET-UP of the wire tests of P1-P4, N1-N3 and S1-S3: the signed-in retail pharmacy, a TCP listener
// with its shared secret, sending hand-written D.0 bytes (wire-d0.ts) either way, and the standard's request
// segments for the fixture's routing, members and prescriber.
import { afterAll, beforeAll, expect } from 'vitest';
import { createClaimsService } from '../../src/claims/service';
import { connectClaimsTcp } from '../../src/claims/tcp-client';
import { type ClaimsTcpListener, startClaimsTcpListener } from '../../src/claims/tcp-listener';
import { type BenefitsFixture, buildBenefitsFixture, type FixtureMember } from '../fixtures/benefits';
import { createTestApp, type TestApp } from '../harness';
import { signInAs } from '../sign-in';
import { readResponse, segment, transmission, type WireHeader, type WireResponse } from './wire-d0';

const SECRET = 'wire-world-pharmacy-shared-secret-0123456789';

export type Send = (bytes: Uint8Array) => Promise<WireResponse>;

export interface WireWorld {
  http: Send;
  tcp: Send;
  /** Both transports, for it.each. */
  transports: Array<[string, 'http' | 'tcp']>;
  /** A one-transaction transmission of `code` for member `m`: Insurance + Patient, then the segments. */
  send(via: 'http' | 'tcp', code: string, m: FixtureMember, segments: string[]): Promise<WireResponse>;
  close(): Promise<void>;
}

export interface WireSuite {
  t: TestApp;
  f: BenefitsFixture;
  w: WireWorld;
}

/**
 * A wire test file's set-up and tear-down: a test app on the claims tests' date (2026-03-10), the benefits
 * fixture, `prepare` (the file's own plan or drug data, written before the listener starts), then the wire world.
 * `use` receives them once they are ready: `wireSuite((s) => ({ t, f, w } = s))`.
 */
export function wireSuite(
  use: (suite: WireSuite) => void,
  prepare?: (t: TestApp, f: BenefitsFixture) => Promise<void>,
): void {
  let suite: Partial<WireSuite> = {};
  beforeAll(async () => {
    const t = await createTestApp({ now: new Date('2026-03-10T15:00:00Z') });
    suite = { t };
    const f = await buildBenefitsFixture(t.db.db);
    await prepare?.(t, f);
    suite = { t, f, w: await startWireWorld(t, f) };
    use(suite as WireSuite);
  });
  afterAll(async () => {
    await suite.w?.close();
    await suite.t?.close();
  });
}

export async function startWireWorld(t: TestApp, f: BenefitsFixture): Promise<WireWorld> {
  const { headers } = await signInAs(t, f.pharmacyUsers.retail);
  const listener: ClaimsTcpListener = await startClaimsTcpListener({
    db: t.db.db,
    claims: createClaimsService(t.deps),
    config: {
      CLAIMS_TCP_HOST: '127.0.0.1',
      CLAIMS_TCP_PORT: 0,
      CLAIMS_TCP_SECRETS: `${f.pharmacies.retail.npi}=${SECRET}`,
    },
  });
  const http: Send = async (bytes) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/claims/ncpdp',
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      payload: Buffer.from(bytes),
    });
    expect(res.statusCode, res.body).toBe(200);
    return readResponse(res.rawPayload);
  };
  const tcp: Send = async (bytes) => {
    const client = await connectClaimsTcp({
      port: listener.port,
      qualifier: '01',
      providerId: f.pharmacies.retail.npi,
      secret: SECRET,
    });
    try {
      return readResponse(await client.send(bytes));
    } finally {
      client.close();
    }
  };
  const header = (code: string): WireHeader => ({
    bin: f.routing.bin,
    code,
    pcn: f.routing.pcn,
    qualifier: '01',
    providerId: f.pharmacies.retail.npi,
    dateOfService: '20260310',
  });
  return {
    http,
    tcp,
    transports: [
      ['HTTP', 'http'],
      ['TCP', 'tcp'],
    ],
    send: (via, code, m, segments) =>
      (via === 'http' ? http : tcp)(transmission(header(code), [insurance(f, m), patient(m)], [segments])),
    close: () => listener.close(),
  };
}

export const insurance = (f: BenefitsFixture, m: FixtureMember) =>
  segment('04', `C2${m.memberNumber}`, `C1${f.routing.group}`, `C3${m.personCode}`, 'C61');

export const patient = (m: FixtureMember) =>
  segment('01', `C4${m.dateOfBirth.replaceAll('-', '')}`, 'C51', 'CAALEX', 'CBSAMPLE');

export const prescriber = (f: BenefitsFixture) => segment('03', 'EZ01', `DB${f.prescriberNpi}`, 'DRSMITH');

/** 442-E7 9(7)v999 from thousandths. */
export const quantity = (milli: number) => `E7${String(milli).padStart(10, '0')}`;

/** The Claim segment (AM07): 455-EM 1 = Rx billing, 2 = service billing; 436-E1 03 NDC, 07 CPT-4. */
export function claimSegment(o: {
  rx: string;
  qualifier?: '1' | '2';
  idQualifier?: string;
  id: string;
  milli: number;
  days?: number;
  extra?: string[];
}): string {
  return segment(
    '07',
    `EM${o.qualifier ?? '1'}`,
    `D2${o.rx}`,
    `E1${o.idQualifier ?? '03'}`,
    `D7${o.id}`,
    quantity(o.milli),
    'D300',
    `D5${String(o.days ?? 30).padStart(3, '0')}`,
    ...(o.extra ?? []),
  );
}
