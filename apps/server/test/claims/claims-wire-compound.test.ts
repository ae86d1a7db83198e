// Compounds (406-D6 = 2 with the Compound segment AM10), written byte by byte from the D.0 layouts (wire-d0.ts):
// each ingredient priced on its own NDC and checked against the formulary, the plan's compound fee added, and each
// malformed Compound field answered with its own M/I code; through HTTP and the TCP listener.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addMember, type BenefitsFixture } from '../fixtures/benefits';
import type { TestApp } from '../harness';
import { nextRxNumber } from './claim-builders';
import { fieldOf, segment } from './wire-d0';
import { amounts, money, pricing, rejects, status } from './wire-segments';
import { claimSegment, type WireWorld, wireSuite } from './wire-world';

let t: TestApp;
let f: BenefitsFixture;
let w: WireWorld;
const COMPOUND_FEE = 1_000;

wireSuite(
  (suite) => ({ t, f, w } = suite),
  async (t, f) => {
    await t.db.db.execute(sql`update plans set compound_fee_cents = ${COMPOUND_FEE} where id = ${f.planId}`);
  },
);

interface Ingredient {
  ndc: string;
  milli: number;
  cents: number;
  qualifier?: string;
}

/** 450-EF 03 cream, 451-EG 2 grams, 447-EC count, then 488-RE / 489-TE / 448-ED / 449-EE per ingredient. */
const compoundSegment = (
  ingredients: Ingredient[],
  o: { form?: string; unit?: string; count?: string } = {},
) =>
  segment(
    '10',
    `EF${o.form ?? '03'}`,
    `EG${o.unit ?? '2'}`,
    `EC${o.count ?? String(ingredients.length).padStart(2, '0')}`,
    ...ingredients.flatMap((i) => [
      `RE${i.qualifier ?? '03'}`,
      `TE${i.ndc}`,
      `ED${String(i.milli).padStart(10, '0')}`,
      `EE${money(i.cents)}`,
    ]),
  );

/** Claim segment of a compound: 436-E1 00, 407-D7 0, 406-D6 2 (or another code). */
const compoundClaim = (compoundCode = '2') =>
  claimSegment({
    rx: nextRxNumber(),
    idQualifier: '00',
    id: '0',
    milli: 90_000,
    days: 30,
    extra: [`D6${compoundCode}`],
  });

const amount = (cents: number) => money(cents).padStart(8, '0');

describe('compound claims', () => {
  it.each(w_transports())(
    'pays each ingredient at its own price, plus the compound fee (%s)',
    async (_, via) => {
      const m = await addMember(t.db.db, f);
      const r = await w.send(via, 'B1', m, [
        compoundClaim(),
        pricing,
        compoundSegment([
          { ndc: f.drugs.simvastatin, milli: 30_000, cents: 500 },
          { ndc: f.drugs.omeprazole, milli: 60_000, cents: 2_000 },
        ]),
      ]);
      expect(status(r)).toBe('P');
      // simvastatin 30 × $0.09 NADAC − 5% = 256.5 → 257; omeprazole 60 × $0.15 − 5% = 855 (both under what was sent).
      // Fee: the contract's $1.50 (under the $2.00 sent) + the plan's $10.00 compound fee. Tier 1: $10 copay.
      expect(amounts(r)).toMatchObject({
        F6: amount(257 + 855),
        F7: amount(150 + COMPOUND_FEE),
        F5: amount(1_000),
        F9: amount(257 + 855 + 150 + COMPOUND_FEE - 1_000),
      });
    },
  );

  it('an ingredient the formulary does not cover rejects the compound 70, naming the ingredient', async () => {
    const m = await addMember(t.db.db, f);
    const r = await w.send('http', 'B1', m, [
      compoundClaim(),
      pricing,
      compoundSegment([
        { ndc: f.drugs.simvastatin, milli: 30_000, cents: 500 },
        { ndc: f.drugs.nexium, milli: 30_000, cents: 9_000 },
      ]),
    ]);
    expect(status(r)).toBe('R');
    expect(rejects(r)).toEqual(['70']);
    expect(fieldOf(r, 0, '21', 'FQ').join(' ')).toContain(`Compound ingredient 2 (${f.drugs.nexium})`);
  });

  it('an ingredient that needs prior authorization rejects 75', async () => {
    const m = await addMember(t.db.db, f);
    const r = await w.send('http', 'B1', m, [
      compoundClaim(),
      pricing,
      compoundSegment([
        { ndc: f.drugs.simvastatin, milli: 30_000, cents: 500 },
        { ndc: f.drugs.adalimumab, milli: 400, cents: 9_000 },
      ]),
    ]);
    expect(rejects(r)).toEqual(['75']);
  });

  const ok = (): Ingredient[] => [
    { ndc: f.drugs.simvastatin, milli: 30_000, cents: 500 },
    { ndc: f.drugs.omeprazole, milli: 60_000, cents: 2_000 },
  ];
  it.each([
    ['20', 'a compound code 2 without the Compound segment', () => [compoundClaim(), pricing]],
    [
      'EF',
      '450-EF outside the code list',
      () => [compoundClaim(), pricing, compoundSegment(ok(), { form: '99' })],
    ],
    ['EG', '451-EG outside 1-3', () => [compoundClaim(), pricing, compoundSegment(ok(), { unit: '7' })]],
    [
      'EC',
      '447-EC not the ingredients sent',
      () => [compoundClaim(), pricing, compoundSegment(ok(), { count: '03' })],
    ],
    ['EC', 'a single ingredient', () => [compoundClaim(), pricing, compoundSegment(ok().slice(0, 1))]],
    [
      'RE',
      '488-RE not an NDC',
      () => [
        compoundClaim(),
        pricing,
        compoundSegment([{ ...ok()[0], qualifier: '01' } as Ingredient, ok()[1] as Ingredient]),
      ],
    ],
    [
      'TE',
      '489-TE not 11 digits',
      () => [
        compoundClaim(),
        pricing,
        compoundSegment([{ ...ok()[0], ndc: '12345' } as Ingredient, ok()[1] as Ingredient]),
      ],
    ],
    [
      'ED',
      '448-ED zero',
      () => [
        compoundClaim(),
        pricing,
        compoundSegment([{ ...ok()[0], milli: 0 } as Ingredient, ok()[1] as Ingredient]),
      ],
    ],
  ] as const)('rejects %s: %s', async (code, _, segments) => {
    const m = await addMember(t.db.db, f);
    const r = await w.send('tcp', 'B1', m, segments());
    expect(status(r)).toBe('R');
    expect(rejects(r)).toEqual([code]);
  });

  it('a Compound segment on a claim that is not a compound is not read: billed on its 407-D7 product', async () => {
    const m = await addMember(t.db.db, f);
    const claim = claimSegment({
      rx: nextRxNumber(),
      id: f.drugs.atorvastatin,
      milli: 30_000,
      extra: ['D61'],
    });
    const r = await w.send('http', 'B1', m, [claim, pricing, compoundSegment(ok(), { count: '07' })]);
    expect(status(r)).toBe('P');
    expect(amounts(r).F7).toBe(amount(150));
  });

  it('rejects EE when an ingredient cost is not a signed overpunch amount', async () => {
    const m = await addMember(t.db.db, f);
    const bad = segment(
      '10',
      'EF03',
      'EG2',
      'EC02',
      'RE03',
      `TE${f.drugs.simvastatin}`,
      'ED0000030000',
      'EE12X4',
      'RE03',
      `TE${f.drugs.omeprazole}`,
      'ED0000060000',
      `EE${money(2_000)}`,
    );
    const r = await w.send('http', 'B1', m, [compoundClaim(), pricing, bad]);
    expect(rejects(r)).toEqual(['EE']);
  });
});

function w_transports(): Array<[string, 'http' | 'tcp']> {
  return [
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ];
}
