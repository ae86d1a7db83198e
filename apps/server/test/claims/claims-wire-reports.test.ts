// N1-N3 information reporting written byte by byte from the D.0 layouts (wire-d0.ts, not the codec): a cash
// fill reported by the pharmacy is stored and acknowledged; it moves the accumulators only when the plan's
// setting says such fills count; N2 reverses it and what it counted, N3 replaces it. HTTP and TCP.
import { describe, expect, it } from 'vitest';
import { addMember, type BenefitsFixture, type FixtureMember } from '../fixtures/benefits';
import type { TestApp } from '../harness';
import { nextRxNumber } from './claim-builders';
import { fieldOf, segment } from './wire-d0';
import { money, rejects, status } from './wire-segments';
import { claimSegment, type WireWorld, wireSuite } from './wire-world';

let t: TestApp;
let f: BenefitsFixture;
let w: WireWorld;

wireSuite((suite) => ({ t, f, w } = suite));

/** A cash fill: Claim, and Pricing with 433-DX what the patient paid and 430-DU the price. */
const cashFill = (rx: string, paidCents: number) => [
  claimSegment({ rx, id: f.drugs.atorvastatin, milli: 30_000 }),
  segment('11', `D9${money(paidCents)}`, `DX${money(paidCents)}`, `DU${money(paidCents)}`, 'DN01'),
];

async function countsReports(on: boolean) {
  await t.db.sql.query('update plans set information_reports_count = $1 where id = $2', [on, f.planId]);
}

async function accumulated(m: FixtureMember) {
  const { rows } = await t.db.sql.query<{ scope: string; deductible_cents: number; oop_cents: number }>(
    `select scope, deductible_cents, oop_cents from accumulators
     where (scope = 'individual' and member_id = $1) or (scope = 'family' and member_id = $2) order by scope`,
    [m.id, m.subscriberId],
  );
  return rows.map((r) => `${r.scope} ${r.deductible_cents}/${r.oop_cents}`);
}

async function reports(rx: string) {
  const { rows } = await t.db.sql.query<{
    transaction_code: string;
    status: string;
    patient_pay_cents: number;
  }>(
    `select transaction_code, status, patient_pay_cents from claims where service_provider_id = $1 and rx_number = $2
     order by transaction_code, status, patient_pay_cents`,
    [f.pharmacies.retail.npi, rx],
  );
  return rows.map((r) => `${r.transaction_code} ${r.status} ${r.patient_pay_cents}`);
}

describe('N1 information reporting', () => {
  it.each([
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ] as const)('is stored and acknowledged; the plan does not count it by default (%s)', async (_, via) => {
    await countsReports(false);
    const m = await addMember(t.db.db, f);
    const rx = nextRxNumber();
    const ack = await w.send(via, 'N1', m, cashFill(rx, 2_500));
    expect([ack.version, ack.code, ack.count, ack.status]).toEqual(['D0', 'N1', '1', 'A']);
    expect([status(ack), rejects(ack)]).toEqual(['A', []]);
    expect(fieldOf(ack, 0, '21', 'FQ')).toEqual(['Reported fill recorded; not applied']);
    expect(fieldOf(ack, 0, '21', '8F')).toEqual(['8005550100']);
    expect(fieldOf(ack, 0, '23', 'F9')).toEqual([]);
    expect(await reports(rx)).toEqual(['N1 captured 2500']);
    expect(await accumulated(m)).toEqual([]);

    const again = await w.send(via, 'N1', m, cashFill(rx, 2_500));
    expect(status(again)).toBe('S');
    expect(await reports(rx)).toEqual(['N1 captured 2500']);
  });

  it.each([
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ] as const)('counts where the plan says so; N3 replaces, N2 gives it back (%s)', async (_, via) => {
    await countsReports(true);
    try {
      const m = await addMember(t.db.db, f);
      const rx = nextRxNumber();
      const ack = await w.send(via, 'N1', m, cashFill(rx, 2_500));
      expect(fieldOf(ack, 0, '21', 'FQ')).toEqual(['Reported fill applied to accumulators']);
      // The fixture plan's $500 deductible: $25.00 goes to the deductible and to the out-of-pocket total.
      expect(await accumulated(m)).toEqual(['family 2500/2500', 'individual 2500/2500']);

      const rebill = await w.send(via, 'N3', m, cashFill(rx, 3_000));
      expect([rebill.code, rebill.status, status(rebill)]).toEqual(['N3', 'A', 'A']);
      expect(await accumulated(m)).toEqual(['family 3000/3000', 'individual 3000/3000']);
      expect(await reports(rx)).toEqual(['N1 captured 3000', 'N1 reversed 2500', 'N2 reversed 0']);

      const reversal = await w.send(via, 'N2', m, cashFill(rx, 3_000).slice(0, 1));
      expect([reversal.code, reversal.status, status(reversal)]).toEqual(['N2', 'A', 'A']);
      expect(await accumulated(m)).toEqual(['family 0/0', 'individual 0/0']);
      const twice = await w.send(via, 'N2', m, cashFill(rx, 3_000).slice(0, 1));
      expect(status(twice)).toBe('S');
      expect(await accumulated(m)).toEqual(['family 0/0', 'individual 0/0']);

      const nothing = await w.send(via, 'N3', m, cashFill(nextRxNumber(), 100));
      expect([status(nothing), rejects(nothing)]).toEqual(['R', ['87']]);
      const noClaim = await w.send(via, 'N1', m, cashFill(rx, 100).slice(1));
      expect(rejects(noClaim)).toEqual(['PC']);
    } finally {
      await countsReports(false);
    }
  });
});
