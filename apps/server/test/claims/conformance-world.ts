// SHARED SET-UP of the raw-byte conformance tests: the app and benefits fixture at 2026-03-10 15:00 UTC, the wire
// world (signed-in retail pharmacy, TCP listener), and the fixture's segments written out by hand (wire-d0.ts).
import { afterAll, beforeAll } from 'vitest';
import { type BenefitsFixture, buildBenefitsFixture, type FixtureMember } from '../fixtures/benefits';
import { createTestApp, type TestApp } from '../harness';
import { segment, type WireHeader, type WireResponse } from './wire-d0';
import { insurance as insuranceOf, startWireWorld, type WireWorld } from './wire-world';

export let t: TestApp;
export let f: BenefitsFixture;
let world: WireWorld;

/** Call once at the top of a test file. */
export function useWireWorld(): void {
  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-03-10T15:00:00Z') });
    f = await buildBenefitsFixture(t.db.db);
    world = await startWireWorld(t, f);
  });
  afterAll(async () => {
    await world?.close();
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

export const insurance = (m: FixtureMember) => insuranceOf(f, m);

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

export const http = (bytes: Uint8Array): Promise<WireResponse> => world.http(bytes);
export const tcp = (bytes: Uint8Array): Promise<WireResponse> => world.tcp(bytes);

export const transports = [
  ['HTTP', http],
  ['TCP', tcp],
] as const;
