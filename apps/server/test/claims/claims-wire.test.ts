// Real-world transmissions, written byte by byte from the D.0 layouts (wire-d0.ts, not the codec's builder):
// every request segment, switch vendors' own segments, missing and repeated segments. Answers are read back
// by hand too and checked field by field, through HTTP and the TCP listener.
import fc from 'fast-check';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClaimsService } from '../../src/claims/service';
import { connectClaimsTcp } from '../../src/claims/tcp-client';
import { type ClaimsTcpListener, startClaimsTcpListener } from '../../src/claims/tcp-listener';
import {
  addMember,
  type BenefitsFixture,
  buildBenefitsFixture,
  type FixtureMember,
} from '../fixtures/benefits';
import { createTestApp, type TestApp } from '../harness';
import { signInAs } from '../sign-in';
import { nextRxNumber } from './claim-builders';
import {
  FS,
  fieldOf,
  GS,
  RS,
  readResponse,
  requestHeader,
  segment,
  transmission,
  type WireHeader,
  type WireResponse,
} from './wire-d0';
import { amounts, ccyymmdd, everyOtherSegment, patient, pricing, rejects, status } from './wire-segments';

const SECRET = 'wire-test-pharmacy-shared-secret-0123456789';
let t: TestApp;
let f: BenefitsFixture;
let listener: ClaimsTcpListener;
let headers: Record<string, string>;
/** What the TCP listener logged at info level. */
const logged: object[] = [];

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
    log: {
      info: (entry: object) => logged.push(entry),
      warn: () => {},
      error: () => {},
    } as unknown as FastifyBaseLogger,
  });
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

const wireHeader = (code: string): WireHeader => ({
  bin: f.routing.bin,
  code,
  pcn: f.routing.pcn,
  qualifier: '01',
  providerId: f.pharmacies.retail.npi,
  dateOfService: '20260310',
});

const insurance = (m: FixtureMember) =>
  segment('04', `C2${m.memberNumber}`, `C1${f.routing.group}`, `C3${m.personCode}`, 'C61');
/** 442-E7 9(7)v999: `units` whole units. */
const claim = (rx: string, ndc = f.drugs.atorvastatin, units = 30) =>
  segment(
    '07',
    'EM1',
    `D2${rx}`,
    'E103',
    `D7${ndc}`,
    `E7${String(units * 1000).padStart(10, '0')}`,
    'D300',
    'D5030',
    'D61',
    'D80',
  );
const prescriber = () => segment('03', 'EZ01', `DB${f.prescriberNpi}`, 'DRSMITH');

async function http(bytes: Uint8Array): Promise<WireResponse> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/claims/ncpdp',
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    payload: Buffer.from(bytes),
  });
  expect(res.statusCode, res.body).toBe(200);
  return readResponse(res.rawPayload);
}

async function tcp(bytes: Uint8Array): Promise<WireResponse> {
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

describe('transmissions as switches send them', () => {
  it.each([
    ['HTTP', http],
    ['TCP', tcp],
  ])(
    'a B1 with every request segment and vendor segments is paid exactly like the bare B1 (%s)',
    async (_, send) => {
      const [a, b] = [await addMember(t.db.db, f), await addMember(t.db.db, f)];
      const bare = await send(
        transmission(
          wireHeader('B1'),
          [insurance(a), patient(a)],
          [[claim(nextRxNumber()), prescriber(), pricing]],
        ),
      );
      const full = await send(
        transmission(
          wireHeader('B1'),
          [segment('98', 'ZZLEVEL'), insurance(b), patient(b)],
          [[claim(nextRxNumber()), prescriber(), pricing, ...everyOtherSegment(f.drugs.atorvastatin)]],
        ),
      );
      for (const r of [bare, full]) {
        expect({ version: r.version, code: r.code, count: r.count, status: r.status }).toEqual({
          version: 'D0',
          code: 'B1',
          count: '1',
          status: 'A',
        });
        expect(r.providerId).toBe(f.pharmacies.retail.npi);
        expect(r.dateOfService).toBe('20260310');
        expect(status(r)).toBe('P');
        expect(fieldOf(r, 0, '21', 'F3')[0]).toMatch(/^[0-9A-F]{20}$/);
      }
      expect(amounts(full)).toEqual(amounts(bare));
      if (send === tcp) {
        // Logged by id, never by value (a vendor segment may carry health data).
        expect(logged).toContainEqual({ event: 'ncpdp_vendor_segments', segments: ['98', 'XX', '97'] });
        expect(JSON.stringify(logged)).not.toContain('SWITCH-TRACE');
      }
      // Fixture atorvastatin: $2.40 ingredient + $1.50 fee, under the $10 tier-1 copay: the member pays it all.
      expect(amounts(full)).toEqual({
        F5: '0000039{',
        F6: '0000024{',
        F7: '0000015{',
        F9: '0000000{',
        FI: '0000039{',
      });
    },
  );

  it('E1 and B2 written from the layouts are answered field by field', async () => {
    const m = await addMember(t.db.db, f);
    const e1 = await http(
      transmission(wireHeader('E1'), [insurance(m), patient(m), segment('XX', 'ZZ1')], [[]]),
    );
    expect([e1.code, e1.status, status(e1)]).toEqual(['E1', 'A', 'A']);
    expect(e1.segments.find((s) => s.id === '25')?.fields.get('C1')).toEqual([f.routing.group]);
    expect(e1.segments.find((s) => s.id === '29')?.fields.get('C4')).toEqual([ccyymmdd(m.dateOfBirth)]);
    // The plan's help desk (550-8F, qualifier 01) answers every transaction of the plan.
    expect([fieldOf(e1, 0, '21', '7F'), fieldOf(e1, 0, '21', '8F')]).toEqual([['01'], ['8005550100']]);

    const rx = nextRxNumber();
    const paid = await tcp(transmission(wireHeader('B1'), [insurance(m)], [[claim(rx), pricing]]));
    expect(status(paid)).toBe('P');
    const reversal = await tcp(
      transmission(wireHeader('B2'), [insurance(m)], [[claim(rx), segment('XX', 'ZZ1')]]),
    );
    expect([reversal.code, reversal.status, status(reversal)]).toEqual(['B2', 'A', 'A']);
  });
});

describe('segment structure', () => {
  it('a missing required segment gets its own reject code, not 85 (HTTP and TCP)', async () => {
    const m = await addMember(t.db.db, f);
    const noInsurance = await http(
      transmission(wireHeader('B1'), [patient(m)], [[claim(nextRxNumber()), pricing]]),
    );
    expect([noInsurance.status, status(noInsurance), rejects(noInsurance)]).toEqual(['R', 'R', ['PJ']]);
    expect(fieldOf(noInsurance, 0, '21', 'FA')).toEqual(['01']);

    const noClaim = await tcp(transmission(wireHeader('B1'), [insurance(m)], [[pricing]]));
    expect([noClaim.status, status(noClaim), rejects(noClaim)]).toEqual(['A', 'R', ['PC']]);
    const noPricing = await http(transmission(wireHeader('B1'), [insurance(m)], [[claim(nextRxNumber())]]));
    expect(rejects(noPricing)).toEqual(['PP']);
    const e1 = await tcp(transmission(wireHeader('E1'), [patient(m)], [[]]));
    expect([e1.status, rejects(e1)]).toEqual(['R', ['PJ']]);
  });

  it('a repeated segment is rejected R7 and nothing is paid', async () => {
    const m = await addMember(t.db.db, f);
    const rx = nextRxNumber();
    const twice = await http(
      transmission(wireHeader('B1'), [insurance(m)], [[claim(rx), pricing, claim(rx)]]),
    );
    expect([status(twice), rejects(twice)]).toEqual(['R', ['R7']]);
    const again = await http(transmission(wireHeader('B1'), [insurance(m)], [[claim(rx), pricing]]));
    expect(status(again)).toBe('P');
  });
});

describe('B3 rebill', () => {
  async function claimRows(rx: string) {
    const { rows } = await t.db.sql.query<{
      transaction_code: string;
      status: string;
      quantity_milli: number | null;
    }>(
      `select transaction_code, status, quantity_milli from claims
       where service_provider_id = $1 and rx_number = $2 order by received_at, transaction_code`,
      [f.pharmacies.retail.npi, rx],
    );
    return rows.map((r) => `${r.transaction_code} ${r.status} ${r.quantity_milli ?? '-'}`);
  }
  async function outOfPocket(m: FixtureMember): Promise<number | undefined> {
    const { rows } = await t.db.sql.query<{ oop_cents: number }>(
      `select oop_cents from accumulators where scope = 'individual' and member_id = $1`,
      [m.id],
    );
    return rows[0]?.oop_cents;
  }

  it.each([
    ['HTTP', http],
    ['TCP', tcp],
  ])('reverses the paid original and pays the corrected claim, counted once (%s)', async (_, send) => {
    const m = await addMember(t.db.db, f);
    const rx = nextRxNumber();
    const original = await send(transmission(wireHeader('B1'), [insurance(m)], [[claim(rx), pricing]]));
    expect(status(original)).toBe('P');
    expect(await outOfPocket(m)).toBe(390);

    const rebill = await send(
      transmission(wireHeader('B3'), [insurance(m)], [[claim(rx, undefined, 60), pricing]]),
    );
    expect([rebill.code, rebill.status, status(rebill)]).toEqual(['B3', 'A', 'P']);
    // 60 tablets: $4.80 ingredient + $1.50 fee, still under the $10 copay.
    expect(amounts(rebill)).toEqual({
      F5: '0000063{',
      F6: '0000048{',
      F7: '0000015{',
      F9: '0000000{',
      FI: '0000063{',
    });
    expect(fieldOf(rebill, 0, '21', 'F3')[0]).not.toBe(fieldOf(original, 0, '21', 'F3')[0]);
    expect(await claimRows(rx)).toEqual(['B1 reversed 30000', 'B1 paid 60000', 'B2 reversed 60000']);
    expect(await outOfPocket(m)).toBe(630);
  });

  it('a rebill that rejects leaves the original paid; one with nothing to rebill is 87', async () => {
    const m = await addMember(t.db.db, f);
    const rx = nextRxNumber();
    expect(status(await http(transmission(wireHeader('B1'), [insurance(m)], [[claim(rx), pricing]])))).toBe(
      'P',
    );
    const rejected = await http(
      transmission(wireHeader('B3'), [insurance(m)], [[claim(rx, '99999999999'), pricing]]),
    );
    expect([rejected.code, status(rejected)]).toEqual(['B3', 'R']);
    expect(rejects(rejected).length).toBeGreaterThan(0);
    expect(await claimRows(rx)).toEqual(['B1 paid 30000', 'B1 rejected 30000']);
    expect(await outOfPocket(m)).toBe(390);

    const nothing = await tcp(
      transmission(wireHeader('B3'), [insurance(m)], [[claim(nextRxNumber()), pricing]]),
    );
    expect([nothing.code, status(nothing), rejects(nothing)]).toEqual(['B3', 'R', ['87']]);
    const noPricing = await tcp(transmission(wireHeader('B3'), [insurance(m)], [[claim(rx)]]));
    expect(rejects(noPricing)).toEqual(['PP']);
    expect(await claimRows(rx)).toEqual(['B1 paid 30000', 'B1 rejected 30000', 'B1 rejected 30000']);
  });
});

describe('C1-C3 controlled substance reporting', () => {
  async function reports(rx: string) {
    const { rows } = await t.db.sql.query<{ transaction_code: string; status: string; linked: boolean }>(
      `select transaction_code, status, reversal_of_claim_id is not null as linked from claims
       where service_provider_id = $1 and rx_number = $2 order by received_at, transaction_code`,
      [f.pharmacies.retail.npi, rx],
    );
    return rows.map((r) => `${r.transaction_code} ${r.status}${r.linked ? ' ->' : ''}`);
  }

  it('accepts, stores and acknowledges a report, its replacement and its reversal (HTTP and TCP)', async () => {
    const m = await addMember(t.db.db, f);
    const rx = nextRxNumber();
    const report = (code: string, units = 30) =>
      transmission(
        wireHeader(code),
        [insurance(m), patient(m)],
        [[claim(rx, undefined, units), prescriber()]],
      );

    const c1 = await http(report('C1'));
    expect([c1.code, c1.status, status(c1), rejects(c1)]).toEqual(['C1', 'A', 'A', []]);
    expect(fieldOf(c1, 0, '23', 'F9')).toEqual([]);
    const c3 = await tcp(report('C3', 60));
    expect([c3.code, c3.status, status(c3)]).toEqual(['C3', 'A', 'A']);
    const c2 = await http(report('C2'));
    expect([c2.code, c2.status, status(c2)]).toEqual(['C2', 'A', 'A']);
    // The test clock stands still, so rows sort by code: the C1 replaced by the C3, which the C2 reversed.
    expect(await reports(rx)).toEqual(['C1 reversed', 'C2 reversed ->', 'C3 reversed']);

    const nothing = await tcp(report('C2'));
    expect([status(nothing), rejects(nothing)]).toEqual(['R', ['87']]);
    const noClaim = await http(transmission(wireHeader('C1'), [insurance(m)], [[prescriber()]]));
    expect(rejects(noClaim)).toEqual(['PC']);
    // Reports are not claims the member sees or pays.
    const { rows } = await t.db.sql.query<{ n: number }>(
      `select count(*)::int as n from claims where member_id = $1`,
      [m.id],
    );
    expect(rows[0]?.n).toBe(0);
  });
});

// Any vendor segment at any segment boundary (before, between or after the segments of either level) leaves
// the answer unchanged. Paid answers differ only in their authorization number (503-F3) and the Rx echo
// (402-D2): each side of a paid B1 bills its own Rx for its own new member, so neither counts against the
// other; the other kinds change nothing and use one member.
describe('vendor segments anywhere', () => {
  const vendorSegment = fc
    .record({
      id: fc.constantFrom('XX', 'ZZ', '96', '97', '98', '99', 'V1'),
      fields: fc.array(
        fc.tuple(fc.stringMatching(/^[0-9B-Z][0-9A-Z]$/), fc.stringMatching(/^[ -~]{0,20}$/)),
        { maxLength: 4 },
      ),
    })
    .map((v) => segment(v.id, ...v.fields.map(([id, value]) => id + value)));

  const masked = (bytes: Uint8Array) =>
    Buffer.from(bytes)
      .toString('latin1')
      .replace(new RegExp(`${FS}(F3|D2)[^${FS}${RS}${GS}]*`, 'g'), `${FS}$1*`);

  async function answer(tokens: string[], code: string): Promise<string> {
    const bytes = Buffer.from(requestHeader(wireHeader(code), 1) + tokens.join(''), 'latin1');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/claims/ncpdp',
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      payload: bytes,
    });
    return masked(res.rawPayload);
  }

  it('is answered exactly as without it (E1, paid and rejected B1, B2)', async () => {
    const kinds = ['E1', 'B1', 'B1-not-covered', 'B2'] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...kinds), vendorSegment, fc.nat(), async (kind, vendor, at) => {
        const tokensFor = (m: FixtureMember) => {
          const level = [insurance(m), patient(m)];
          if (kind === 'E1') return [...level, GS];
          const ndc = kind === 'B1-not-covered' ? '99999999999' : f.drugs.atorvastatin;
          return [...level, GS, claim(nextRxNumber(), ndc), prescriber(), pricing];
        };
        const code = kind.slice(0, 2);
        const a = await addMember(t.db.db, f);
        const b = kind === 'B1' ? await addMember(t.db.db, f) : a;
        const without = tokensFor(a);
        const withVendor = tokensFor(b);
        withVendor.splice(at % (withVendor.length + 1), 0, vendor);
        const [expected, actual] = [await answer(without, code), await answer(withVendor, code)];
        expect(actual).toBe(expected);
        expect(actual).not.toContain('Unreadable');
      }),
      { numRuns: 16 },
    );
  });
});
