// SHARED SET-UP of the raw-byte conformance tests: the app, the benefits fixture, a signed-in retail pharmacy, the
// TCP listener, and the fixture's segments written out by hand (wire-d0.ts), sent over HTTP or TCP.
import { afterAll, beforeAll, expect } from 'vitest';
import { createClaimsService } from '../../src/claims/service';
import { connectClaimsTcp } from '../../src/claims/tcp-client';
import { type ClaimsTcpListener, startClaimsTcpListener } from '../../src/claims/tcp-listener';
import { type BenefitsFixture, buildBenefitsFixture, type FixtureMember } from '../fixtures/benefits';
import { createTestApp, type TestApp } from '../harness';
import { signInAs } from '../sign-in';
import { readResponse, segment, type WireHeader, type WireResponse } from './wire-d0';

const SECRET = 'conformance-test-pharmacy-secret-0123456789';
export let t: TestApp;
export let f: BenefitsFixture;
let listener: ClaimsTcpListener;
let headers: Record<string, string>;

/** Call once at the top of a test file. */
export function useWireWorld(): void {
  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-03-10T15:00:00Z') });
    f = await buildBenefitsFixture(t.db.db);
    headers = (await signInAs(t, f.pharmacyUsers.retail)).headers;
    listener = await startClaimsTcpListener({
      db: t.db.db,
      claims: createClaimsService(t.deps),
      config: {
        CLAIMS_TCP_HOST: '127.0.0.1',
        CLAIMS_TCP_PORT: 0,
        CLAIMS_TCP_SECRETS: `${f.pharmacies.retail.npi}=${SECRET}`,
      },
    });
  });
  afterAll(async () => {
    await listener?.close();
    await t?.close();
  });
}

export const wireHeader = (code: string): WireHeader => ({
  bin: f.routing.bin,
  code,
  pcn: f.routing.pcn,
  qualifier: '01',
  providerId: f.pharmacies.retail.npi,
  dateOfService: '20260310',
});

export const insurance = (m: FixtureMember) =>
  segment('04', `C2${m.memberNumber}`, `C1${f.routing.group}`, `C3${m.personCode}`, 'C61');

/** A Claim segment (AM07) for 30 atorvastatin tablets; `extra` fields are appended as written. */
export const claim = (rx: string, ...extra: string[]) =>
  segment(
    '07',
    'EM1',
    `D2${rx}`,
    'E103',
    `D7${f.drugs.atorvastatin}`,
    'E70000030000',
    'D300',
    'D5030',
    'D61',
    'D80',
    ...extra,
  );

export const prescriber = (...extra: string[]) =>
  segment('03', 'EZ01', `DB${f.prescriberNpi}`, 'DRSMITH', ...extra);

export async function http(bytes: Uint8Array): Promise<WireResponse> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/claims/ncpdp',
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    payload: Buffer.from(bytes),
  });
  expect(res.statusCode, res.body).toBe(200);
  return readResponse(res.rawPayload);
}

export async function tcp(bytes: Uint8Array): Promise<WireResponse> {
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
}

export const transports = [
  ['HTTP', http],
  ['TCP', tcp],
] as const;
