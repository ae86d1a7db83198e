// DAW (408-D8) and Submission Clarification Code (420-DK) overrides, and a resent B3, written byte by byte from
// the D.0 layouts (wire-d0.ts, not the codec) and sent through HTTP and the TCP listener: DAW 1 pays the brand at
// the brand tier, DAW 2 adds the brand–generic difference (134-UK in 505-F5); 3/5/7 lift refill-too-soon within
// their limits (audited in claim_overrides); the same B3 sent twice is answered D, never billed again.
import { describe, expect, it } from 'vitest';
import { addMember, type BenefitsFixture, type FixtureMember } from '../fixtures/benefits';
import type { TestApp } from '../harness';
import { nextRxNumber } from './claim-builders';
import { amount, b1, cents } from './wire-billing';
import { fieldOf } from './wire-d0';
import { rejects, status } from './wire-segments';
import { type WireWorld, wireSuite } from './wire-world';

let t: TestApp;
let f: BenefitsFixture;
let w: WireWorld;

wireSuite((suite) => ({ t, f, w } = suite));

describe('DAW / product selection (408-D8)', () => {
  it.each([
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ] as const)(
    'DAW 1 pays the brand at the brand tier; DAW 2 adds the brand–generic difference (134-UK) (%s)',
    async (_, via) => {
      const m = await addMember(t.db.db, f);
      // DAW 0: Lipitor at its group's tier 1: $10 copay, the plan pays $140.
      const plain = await w.send(via, 'B1', m, b1(nextRxNumber(), f.drugs.lipitor));
      expect([status(plain), amount(plain, 'F5'), amount(plain, 'F9'), amount(plain, 'UK')]).toEqual([
        'P',
        cents(1_000),
        cents(14_000),
        undefined,
      ]);
      // DAW 1: tier 2, whose deductible applies: the $150 goes to the deductible.
      const brand = await w.send(
        via,
        'B1',
        await addMember(t.db.db, f),
        b1(nextRxNumber(), f.drugs.lipitor, ['D81']),
      );
      expect([status(brand), amount(brand, 'F5'), amount(brand, 'FH'), amount(brand, 'UK')]).toEqual([
        'P',
        cents(15_000),
        cents(15_000),
        undefined,
      ]);
      // DAW 2: the generic (MAC $2.40 + $1.50 = $3.90, under the $10 copay: the member's) plus $146.10 penalty.
      const chosen = await w.send(
        via,
        'B1',
        await addMember(t.db.db, f),
        b1(nextRxNumber(), f.drugs.lipitor, ['D82']),
      );
      expect([
        status(chosen),
        amount(chosen, 'F5'),
        amount(chosen, 'UK'),
        amount(chosen, 'F9'),
        amount(chosen, 'FI'),
      ]).toEqual(['P', cents(15_000), cents(14_610), cents(0), cents(390)]);
      // A generic dispensed DAW 2 has nothing to add.
      const generic = await w.send(
        via,
        'B1',
        await addMember(t.db.db, f),
        b1(nextRxNumber(), f.drugs.atorvastatin, ['D82']),
      );
      expect([status(generic), amount(generic, 'UK')]).toEqual(['P', undefined]);
    },
  );
});

describe('Submission Clarification Codes (420-DK) over refill too soon', () => {
  const fill = (m: FixtureMember, scc: string | null, milli = 30_000, via: 'http' | 'tcp' = 'http') =>
    w.send(via, 'B1', m, b1(nextRxNumber(), f.drugs.atorvastatin, scc ? ['NX1', `DK${scc}`] : [], [], milli));
  const overrides = async (m: FixtureMember) =>
    (
      await t.db.sql.query<{ clarification_code: string; prior_uses: number }>(
        'select clarification_code, prior_uses from claim_overrides where member_id = $1 order by created_at',
        [m.id],
      )
    ).rows;

  it('vacation supply (3) once a year per drug; the limit is refused with 79 and why', async () => {
    const m = await addMember(t.db.db, f);
    expect(status(await fill(m, null))).toBe('P');
    expect(rejects(await fill(m, null))).toEqual(['79']);
    const vacation = await fill(m, '03', 30_000, 'tcp');
    expect(status(vacation)).toBe('P');
    const again = await fill(m, '03');
    expect(rejects(again)).toEqual(['79']);
    expect(fieldOf(again, 0, '21', 'FQ').join(' ')).toMatch(/vacation supply override already used/);
    expect(await overrides(m)).toEqual([{ clarification_code: '3', prior_uses: 0 }]);
  });

  it('medically necessary (7) twice a year; therapy change (5) only with a new daily dose', async () => {
    const m = await addMember(t.db.db, f);
    expect(status(await fill(m, null))).toBe('P');
    expect(status(await fill(m, '07'))).toBe('P');
    expect(status(await fill(m, '07', 30_000, 'tcp'))).toBe('P');
    expect(rejects(await fill(m, '07'))).toEqual(['79']);
    // Same 1 a day as the last fill: no therapy change.
    expect(rejects(await fill(m, '05'))).toEqual(['79']);
    expect(status(await fill(m, '05', 60_000))).toBe('P');
    expect(await overrides(m)).toEqual([
      { clarification_code: '7', prior_uses: 0 },
      { clarification_code: '7', prior_uses: 1 },
      { clarification_code: '5', prior_uses: 0 },
    ]);
  });

  it('an on-time fill with a clarification code uses no override', async () => {
    const m = await addMember(t.db.db, f);
    expect(status(await fill(m, '03'))).toBe('P');
    expect(await overrides(m)).toEqual([]);
  });
});

describe('B3 rebill sent twice', () => {
  it.each([
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ] as const)('the resend is answered as a duplicate (D), never billed again (%s)', async (_, via) => {
    const m = await addMember(t.db.db, f);
    const rx = nextRxNumber();
    expect(status(await w.send(via, 'B1', m, b1(rx, f.drugs.atorvastatin)))).toBe('P');
    const rebill = await w.send(via, 'B3', m, b1(rx, f.drugs.atorvastatin, [], [], 60_000));
    expect([rebill.code, status(rebill)]).toEqual(['B3', 'P']);
    const resend = await w.send(via, 'B3', m, b1(rx, f.drugs.atorvastatin, [], [], 60_000));
    expect([resend.code, status(resend)]).toEqual(['B3', 'D']);
    expect(fieldOf(resend, 0, '21', 'F3')).toEqual(fieldOf(rebill, 0, '21', 'F3'));
    expect(amount(resend, 'F5')).toEqual(amount(rebill, 'F5'));
    const { rows } = await t.db.sql.query<{ transaction_code: string; status: string }>(
      `select transaction_code, status from claims where rx_number = $1 order by received_at, transaction_code`,
      [rx],
    );
    expect(rows.map((r) => `${r.transaction_code} ${r.status}`).sort()).toEqual([
      'B1 paid',
      'B1 reversed',
      'B2 reversed',
    ]);
    // A different correction is a new rebill, not a duplicate.
    const other = await w.send(via, 'B3', m, b1(rx, f.drugs.atorvastatin, [], [], 90_000));
    expect(status(other)).toBe('P');
  });
});
