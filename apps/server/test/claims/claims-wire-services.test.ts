// S1-S3 professional service billing written byte by byte from the D.0 layouts (wire-d0.ts, not the codec):
// vaccine administration and medication therapy management paid at the plan's fee schedule, duplicates, the
// reversal and the atomic rebill, through HTTP and the TCP listener; answers read back field by field.
import { schema } from '@openpbm/db';
import { STANDARD_SERVICE_FEES } from '@openpbm/db/schema/service-fees';
import { describe, expect, it } from 'vitest';
import { addMember, type BenefitsFixture } from '../fixtures/benefits';
import type { TestApp } from '../harness';
import { nextRxNumber } from './claim-builders';
import { fieldOf, segment, type WireResponse } from './wire-d0';
import { money, rejects, status } from './wire-segments';
import { claimSegment, type WireWorld, wireSuite } from './wire-world';

let t: TestApp;
let f: BenefitsFixture;
let w: WireWorld;

wireSuite(
  (suite) => ({ t, f, w } = suite),
  async (t, f) => {
    await t.db.db
      .insert(schema.planServiceFees)
      .values(
        STANDARD_SERVICE_FEES.map((fee) => ({ ...fee, planId: f.planId, effectiveFrom: '2026-01-01' })),
      );
  },
);

/** A service: Claim (455-EM 2, 436-E1 07 CPT-4), DUR/PPS with 440-E5 (MA administered, M0 consulted), Pricing. */
const service = (rx: string, cpt: string, units = 1, professional = 'MA') => [
  claimSegment({ rx, qualifier: '2', idQualifier: '07', id: cpt, milli: units * 1000, days: 1 }),
  segment('08', '7E1', `E5${professional}`),
  segment('11', `BE${money(2_500)}`, `DU${money(2_500)}`, 'DN01'),
];

/** Response Pricing (AM23): patient pay, ingredient cost, fee, professional service fee, total paid. */
const pricing = (r: WireResponse) =>
  Object.fromEntries(['F5', 'F6', 'F7', 'J1', 'F9'].map((id) => [id, fieldOf(r, 0, '23', id)[0]]));
const paidAt = (cents: number) => ({
  F5: '0000000{',
  F6: '0000000{',
  F7: '0000000{',
  J1: money(cents).padStart(8, '0'),
  F9: money(cents).padStart(8, '0'),
});

async function rows(rx: string) {
  const { rows } = await t.db.sql.query<{ transaction_code: string; status: string; plan_pay_cents: number }>(
    `select transaction_code, status, plan_pay_cents from claims where service_provider_id = $1 and rx_number = $2
     order by received_at, transaction_code, status, plan_pay_cents`,
    [f.pharmacies.retail.npi, rx],
  );
  return rows.map((r) => `${r.transaction_code} ${r.status} ${r.plan_pay_cents}`);
}

describe('S1 service billing', () => {
  it.each([
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ] as const)('pays a vaccine administration at the schedule, once (%s)', async (_, via) => {
    const m = await addMember(t.db.db, f);
    const rx = nextRxNumber();
    const paid = await w.send(via, 'S1', m, service(rx, '90471'));
    expect([paid.version, paid.code, paid.count, paid.status]).toEqual(['D0', 'S1', '1', 'A']);
    expect(status(paid)).toBe('P');
    expect(fieldOf(paid, 0, '21', 'F3')[0]).toMatch(/^[0-9A-F]{20}$/);
    expect(fieldOf(paid, 0, '22', 'D2')).toEqual([rx]);
    expect(pricing(paid)).toEqual(paidAt(2_000));

    const again = await w.send(via, 'S1', m, service(rx, '90471'));
    expect(status(again)).toBe('D');
    expect(fieldOf(again, 0, '21', 'F3')).toEqual(fieldOf(paid, 0, '21', 'F3'));
    expect(pricing(again)).toEqual(paidAt(2_000));
    expect(await rows(rx)).toEqual(['S1 paid 2000']);
  });

  it('pays medication therapy management per 15-minute unit; a service off the schedule is 70', async () => {
    const m = await addMember(t.db.db, f);
    const mtm = await w.send('http', 'S1', m, service(nextRxNumber(), '99607', 2, 'MR'));
    expect(pricing(mtm)).toEqual(paidAt(3_000));
    const off = await w.send('tcp', 'S1', m, service(nextRxNumber(), '99999'));
    expect([status(off), rejects(off)]).toEqual(['R', ['70']]);
    const noPricing = await w.send('http', 'S1', m, service(nextRxNumber(), '90471').slice(0, 2));
    expect(rejects(noPricing)).toEqual(['PP']);
  });
});

describe('S2 reversal and S3 rebill', () => {
  it.each([
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ] as const)('rebills atomically, then reverses (%s)', async (_, via) => {
    const m = await addMember(t.db.db, f);
    const rx = nextRxNumber();
    expect(status(await w.send(via, 'S1', m, service(rx, '90471')))).toBe('P');

    const rebill = await w.send(via, 'S3', m, service(rx, '90472'));
    expect([rebill.code, rebill.status, status(rebill)]).toEqual(['S3', 'A', 'P']);
    expect(pricing(rebill)).toEqual(paidAt(1_500));
    expect(await rows(rx)).toEqual(['S1 paid 1500', 'S1 reversed 2000', 'S2 reversed 0']);

    // A rebill that rejects rolls back: the corrected service stays paid, the reject is stored on its own.
    const bad = await w.send(via, 'S3', m, service(rx, '99999'));
    expect([status(bad), rejects(bad)]).toEqual(['R', ['70']]);
    expect(await rows(rx)).toEqual(['S1 paid 1500', 'S1 rejected 0', 'S1 reversed 2000', 'S2 reversed 0']);

    const reversal = await w.send(via, 'S2', m, service(rx, '90472').slice(0, 1));
    expect([reversal.code, reversal.status, status(reversal)]).toEqual(['S2', 'A', 'A']);
    const twice = await w.send(via, 'S2', m, service(rx, '90472').slice(0, 1));
    expect(status(twice)).toBe('S');
    expect(await rows(rx)).toEqual([
      'S1 rejected 0',
      'S1 reversed 1500',
      'S1 reversed 2000',
      'S2 reversed 0',
      'S2 reversed 0',
    ]);
    const nothing = await w.send(via, 'S2', m, service(nextRxNumber(), '90471').slice(0, 1));
    expect([status(nothing), rejects(nothing)]).toEqual(['R', ['87']]);
  });
});
