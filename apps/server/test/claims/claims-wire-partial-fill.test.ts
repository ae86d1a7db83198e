// Partial fills (343-HD P, then C), written byte by byte from the D.0 layouts (wire-d0.ts) and sent through HTTP and
// the TCP listener: the partial carries the whole fill it intends (344-HF quantity, 345-HG days supply); the
// completion is linked to its partial; the member's share of the whole fill is split by quantity, never charged
// twice; refill timing counts the partial as its intended fill; a Schedule II partial and completion pay; a
// partial with a paid completion is reversed only after it.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addMember, type BenefitsFixture, type FixtureMember } from '../fixtures/benefits';
import { addExtraDrug } from '../fixtures/extra-drugs';
import type { TestApp } from '../harness';
import { nextRxNumber } from './claim-builders';
import { fieldOf, segment, transmission, type WireResponse } from './wire-d0';
import { pricing, rejects, status } from './wire-segments';
import { claimSegment, insurance, patient, type WireWorld, wireSuite } from './wire-world';

let t: TestApp;
let f: BenefitsFixture;
let w: WireWorld;
/** Tier 1 generic at $2.00/EA: a 10-unit partial costs more than its part of the $10 copay. */
let losartan: string;
let oxycodone: string;

wireSuite(
  (suite) => ({ t, f, w } = suite),
  async (t, f) => {
    losartan = (
      await addExtraDrug(t.db.db, f, {
        key: 'losartan',
        ndc: '99902009401',
        name: 'losartan tablet',
        ingredients: ['losartan'],
        strength: '50 mg',
        nadacMicros: 2_000_000,
        tier: 1,
      })
    ).ndc;
    oxycodone = (
      await addExtraDrug(t.db.db, f, {
        key: 'oxycodone',
        ndc: '99902009201',
        name: 'oxycodone tablet',
        ingredients: ['oxycodone'],
        strength: '5 mg',
        deaSchedule: '2',
        nadacMicros: 100_000,
      })
    ).ndc;
    await t.db.db.execute(sql`update prescribers set dea = ${'AB1234563'} where id = ${f.prescriberId}`);
  },
);

/** s9(n)v99 overpunched ({ = 0, A-I = 1-9 positive; } and J-R negative) to cents. */
const cents = (value: string | undefined): number => {
  if (!value) return 0;
  const last = value.at(-1) ?? '{';
  const pos = '{ABCDEFGHI'.indexOf(last);
  const neg = '}JKLMNOPQR'.indexOf(last);
  const digit = pos >= 0 ? pos : neg >= 0 ? neg : Number(last);
  const n = Number(value.slice(0, -1) + String(digit));
  return neg >= 0 ? -n : n;
};
const patientPay = (r: WireResponse) => cents(fieldOf(r, 0, '23', 'F5')[0]);

interface Fill {
  rx: string;
  ndc?: string;
  milli: number;
  days: number;
  /** 343-HD, 344-HF (thousandths), 345-HG; each left out when absent. */
  hd?: string;
  hf?: number;
  hg?: number;
  /** CCYYMMDD date of service (401-D1); the clock's day by default. */
  date?: string;
  code?: 'B1' | 'B2';
}

/** The Claim segment with the partial fill fields in their place after the claim's own fields. */
const claim = (o: Fill) =>
  claimSegment({
    rx: o.rx,
    id: o.ndc ?? losartan,
    milli: o.milli,
    days: o.days,
    extra: [
      ...(o.hd ? [`HD${o.hd}`] : []),
      ...(o.hf !== undefined ? [`HF${String(o.hf).padStart(10, '0')}`] : []),
      ...(o.hg !== undefined ? [`HG${String(o.hg).padStart(3, '0')}`] : []),
    ],
  });

const prescriberSegment = () => segment('03', 'EZ01', `DB${f.prescriberNpi}`, 'DRSMITH');

function send(via: 'http' | 'tcp', m: FixtureMember, o: Fill): Promise<WireResponse> {
  const code = o.code ?? 'B1';
  const header = {
    bin: f.routing.bin,
    code,
    pcn: f.routing.pcn,
    qualifier: '01',
    providerId: f.pharmacies.retail.npi,
    dateOfService: o.date ?? '20260310',
  };
  const segments = code === 'B2' ? [claim(o)] : [claim(o), prescriberSegment(), pricing];
  const level = code === 'B2' ? [insurance(f, m)] : [insurance(f, m), patient(m)];
  return (via === 'http' ? w.http : w.tcp)(transmission(header, level, [segments]));
}

interface Row {
  id: string;
  dispensing_status: string | null;
  intended_quantity_milli: number | null;
  intended_days_supply: number | null;
  partial_of_claim_id: string | null;
  patient_pay_cents: number;
  applied_to_oop_cents: number;
  status: string;
}
const paidRows = async (rx: string) =>
  (
    await t.db.sql.query<Row>(
      `select id, dispensing_status, intended_quantity_milli, intended_days_supply, partial_of_claim_id,
        patient_pay_cents, applied_to_oop_cents, status
       from claims where rx_number = $1 and transaction_code = 'B1' and status <> 'rejected'
       order by received_at`,
      [rx.replace(/^0+/, '')],
    )
  ).rows;
const oopOf = async (m: FixtureMember) =>
  (
    await t.db.sql.query<{ oop_cents: number }>(
      `select oop_cents from accumulators where member_id = $1 and scope = 'individual'`,
      [m.id],
    )
  ).rows[0]?.oop_cents ?? 0;

describe('partial fill and completion', () => {
  it.each([
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ] as const)(
    'pays a partial its prorated copay and the completion the rest, linked, counted once (%s)',
    async (_, via) => {
      const m = await addMember(t.db.db, f);
      const rx = nextRxNumber();
      // 10 of 30 tablets now: a third of the $10.00 copay, rounded down.
      const partial = await send(via, m, {
        rx,
        milli: 10_000,
        days: 10,
        hd: 'P',
        hf: 30_000,
        hg: 30,
        date: '20260301',
      });
      expect([status(partial), rejects(partial)]).toEqual(['P', []]);
      expect(patientPay(partial)).toBe(333);
      // The other 20 four days later: the rest of the copay; not "too soon" after its own partial.
      const completion = await send(via, m, {
        rx,
        milli: 20_000,
        days: 20,
        hd: 'C',
        hf: 30_000,
        hg: 30,
        date: '20260305',
      });
      expect([status(completion), rejects(completion)]).toEqual(['P', []]);
      expect(patientPay(completion)).toBe(667);

      const rows = await paidRows(rx);
      expect(
        rows.map((r) => [r.dispensing_status, r.intended_quantity_milli, r.intended_days_supply]),
      ).toEqual([
        ['P', 30_000, 30],
        ['C', 30_000, 30],
      ]);
      expect(rows[1]?.partial_of_claim_id).toBe(rows[0]?.id);
      // The accumulators hold exactly what the member paid: one copay.
      expect(rows.reduce((sum, r) => sum + r.applied_to_oop_cents, 0)).toBe(1_000);
      expect(await oopOf(m)).toBe(1_000);
      // A second completion of the same partial finds nothing left to complete.
      const again = await send(via, m, {
        rx,
        milli: 5_000,
        days: 5,
        hd: 'C',
        hf: 30_000,
        hg: 30,
        date: '20260306',
      });
      expect(rejects(again)).toEqual(['HD']);
    },
  );

  it('a same-day partial and completion are two fills; the completion sent again is a duplicate (D)', async () => {
    const m = await addMember(t.db.db, f);
    const rx = nextRxNumber();
    const partial = { rx, milli: 15_000, days: 15, hd: 'P', hf: 30_000, hg: 30 };
    const completion = { rx, milli: 15_000, days: 15, hd: 'C', hf: 30_000, hg: 30 };
    expect(status(await send('tcp', m, partial))).toBe('P');
    const first = await send('http', m, completion);
    expect(status(first)).toBe('P');
    expect(patientPay(first)).toBe(500);
    const resent = await send('tcp', m, completion);
    expect(status(resent)).toBe('D');
    expect(await oopOf(m)).toBe(1_000);
  });

  it('counts the next refill from the partial with the intended days supply (79 until then)', async () => {
    const m = await addMember(t.db.db, f);
    const rx = nextRxNumber();
    // 5 of 30 days on Feb 10, the other 25 on Feb 11: the completion alone would allow a refill on Mar 2; the
    // whole 30-day fill from Feb 10 allows it on Mar 5 (75%: 23 days).
    expect(
      status(
        await send('http', m, { rx, milli: 5_000, days: 5, hd: 'P', hf: 30_000, hg: 30, date: '20260210' }),
      ),
    ).toBe('P');
    expect(
      status(
        await send('tcp', m, { rx, milli: 25_000, days: 25, hd: 'C', hf: 30_000, hg: 30, date: '20260211' }),
      ),
    ).toBe('P');
    const early = await send('tcp', m, { rx: nextRxNumber(), milli: 30_000, days: 30, date: '20260303' });
    expect(rejects(early)).toEqual(['79']);
    expect(fieldOf(early, 0, '21', 'FQ').join(' ')).toContain('2026-03-05');
    const onTime = await send('http', m, { rx: nextRxNumber(), milli: 30_000, days: 30, date: '20260305' });
    expect(status(onTime)).toBe('P');
  });

  it.each([
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ] as const)('pays a Schedule II partial and its completion (fill 0 both) (%s)', async (_, via) => {
    const m = await addMember(t.db.db, f);
    const rx = nextRxNumber();
    const p = await send(via, m, {
      rx,
      ndc: oxycodone,
      milli: 6_000,
      days: 2,
      hd: 'P',
      hf: 20_000,
      hg: 7,
      date: '20260305',
    });
    expect([status(p), rejects(p)]).toEqual(['P', []]);
    const c = await send(via, m, {
      rx,
      ndc: oxycodone,
      milli: 14_000,
      days: 5,
      hd: 'C',
      hf: 20_000,
      hg: 7,
      date: '20260307',
    });
    expect([status(c), rejects(c)]).toEqual(['P', []]);
    const rows = await paidRows(rx);
    expect(rows[1]?.partial_of_claim_id).toBe(rows[0]?.id);
  });
});

describe('partial fill rejects', () => {
  it.each([
    ['HF', 'a partial without 344-HF', { hd: 'P', hg: 30 }],
    ['HG', 'a partial without 345-HG', { hd: 'P', hf: 30_000 }],
    ['HF', 'a partial that intends no more than it dispenses', { hd: 'P', hf: 10_000, hg: 30 }],
    ['HG', 'an intended days supply below the days dispensed', { hd: 'P', hf: 30_000, hg: 5 }],
    ['HD', '344-HF/345-HG without 343-HD', { hf: 30_000, hg: 30 }],
    ['HD', 'a dispensing status the standard does not define', { hd: 'X', hf: 30_000, hg: 30 }],
    ['HD', 'a completion with no partial to complete', { hd: 'C', hf: 30_000, hg: 30 }],
  ] as const)('rejects %s: %s (HTTP and TCP)', async (code, _, o) => {
    for (const via of ['http', 'tcp'] as const) {
      const m = await addMember(t.db.db, f);
      const r = await send(via, m, { rx: nextRxNumber(), milli: 10_000, days: 10, ...o });
      expect(status(r)).toBe('R');
      expect(rejects(r)).toEqual([code]);
    }
  });

  it('rejects E7 when the completion dispenses more than the intended fill leaves', async () => {
    const m = await addMember(t.db.db, f);
    const rx = nextRxNumber();
    expect(
      status(
        await send('tcp', m, { rx, milli: 10_000, days: 10, hd: 'P', hf: 30_000, hg: 30, date: '20260301' }),
      ),
    ).toBe('P');
    const over = await send('http', m, {
      rx,
      milli: 25_000,
      days: 20,
      hd: 'C',
      hf: 30_000,
      hg: 30,
      date: '20260302',
    });
    expect(rejects(over)).toEqual(['E7']);
  });

  it("rejects a completion for another patient's partial (HD)", async () => {
    const owner = await addMember(t.db.db, f);
    const other = await addMember(t.db.db, f);
    const rx = nextRxNumber();
    expect(
      status(
        await send('tcp', owner, {
          rx,
          milli: 10_000,
          days: 10,
          hd: 'P',
          hf: 30_000,
          hg: 30,
          date: '20260301',
        }),
      ),
    ).toBe('P');
    const r = await send('tcp', other, {
      rx,
      milli: 20_000,
      days: 20,
      hd: 'C',
      hf: 30_000,
      hg: 30,
      date: '20260302',
    });
    expect(rejects(r)).toEqual(['HD']);
  });
});

describe('reversing a partial fill', () => {
  it.each([
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ] as const)(
    'reverses the completion first; the partial with a paid completion is refused 87, then reversed (%s)',
    async (_, via) => {
      const m = await addMember(t.db.db, f);
      const rx = nextRxNumber();
      expect(
        status(
          await send(via, m, { rx, milli: 10_000, days: 10, hd: 'P', hf: 30_000, hg: 30, date: '20260301' }),
        ),
      ).toBe('P');
      expect(
        status(
          await send(via, m, { rx, milli: 20_000, days: 20, hd: 'C', hf: 30_000, hg: 30, date: '20260305' }),
        ),
      ).toBe('P');
      expect(await oopOf(m)).toBe(1_000);

      const partialFirst = await send(via, m, { rx, milli: 10_000, days: 10, date: '20260301', code: 'B2' });
      expect([status(partialFirst), rejects(partialFirst)]).toEqual(['R', ['87']]);

      const completion = await send(via, m, { rx, milli: 20_000, days: 20, date: '20260305', code: 'B2' });
      expect(status(completion)).toBe('A');
      expect(await oopOf(m)).toBe(333);
      // With its completion reversed, the partial can be completed again, or reversed.
      const partial = await send(via, m, { rx, milli: 10_000, days: 10, date: '20260301', code: 'B2' });
      expect(status(partial)).toBe('A');
      expect(await oopOf(m)).toBe(0);
      expect((await paidRows(rx)).map((r) => r.status)).toEqual(['reversed', 'reversed']);
    },
  );

  it('a same-day pair: a B2 naming 343-HD P is refused while the completion is paid', async () => {
    const m = await addMember(t.db.db, f);
    const rx = nextRxNumber();
    expect(status(await send('tcp', m, { rx, milli: 10_000, days: 10, hd: 'P', hf: 30_000, hg: 30 }))).toBe(
      'P',
    );
    expect(status(await send('tcp', m, { rx, milli: 20_000, days: 20, hd: 'C', hf: 30_000, hg: 30 }))).toBe(
      'P',
    );
    expect(rejects(await send('http', m, { rx, milli: 10_000, days: 10, hd: 'P', code: 'B2' }))).toEqual([
      '87',
    ]);
    // Without 343-HD the last dispensed (the completion) is reversed first.
    expect(status(await send('http', m, { rx, milli: 20_000, days: 20, code: 'B2' }))).toBe('A');
    expect(status(await send('http', m, { rx, milli: 10_000, days: 10, code: 'B2' }))).toBe('A');
    expect(await oopOf(m)).toBe(0);
  });

  it('a B2 of the partial racing its completion: one of the two wins, never a completion of a reversed partial', async () => {
    for (let i = 0; i < 6; i++) {
      const m = await addMember(t.db.db, f);
      const rx = nextRxNumber();
      const first = await send('tcp', m, {
        rx,
        milli: 10_000,
        days: 10,
        hd: 'P',
        hf: 30_000,
        hg: 30,
        date: '20260301',
      });
      expect(status(first)).toBe('P');
      const [reversal, completion] = await Promise.all([
        send(i % 2 ? 'http' : 'tcp', m, { rx, milli: 10_000, days: 10, date: '20260301', code: 'B2' }),
        send(i % 2 ? 'tcp' : 'http', m, {
          rx,
          milli: 20_000,
          days: 20,
          hd: 'C',
          hf: 30_000,
          hg: 30,
          date: '20260305',
        }),
      ]);
      const outcomes = [status(reversal), status(completion)].join('');
      // Either the reversal went first (A, then the completion finds no partial: R) or the completion did
      // (P, then the partial's reversal is refused 87: R).
      expect(['AR', 'RP']).toContain(outcomes);
      const rows = await paidRows(rx);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const r of rows.filter((c) => c.partial_of_claim_id && c.status === 'paid'))
        expect(byId.get(r.partial_of_claim_id as string)?.status).toBe('paid');
      expect(await oopOf(m)).toBe(
        rows.filter((r) => r.status === 'paid').reduce((a, r) => a + r.applied_to_oop_cents, 0),
      );
    }
  });
});
