// Controlled substances, written byte by byte from the D.0 layouts (wire-d0.ts) and sent through HTTP and the TCP
// listener: the DEA schedule comes from the drug group (reference data); the prescriber (AM03, NPI or DEA number)
// must be on file (else 42) with a DEA registration (else 71); Schedule II has no refills (17); the plan's limits
// per schedule cap days supply and quantity (76). A drug that is not controlled is unaffected.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { aPrescriber } from '../factories/people';
import { addMember, type BenefitsFixture } from '../fixtures/benefits';
import { addExtraDrug } from '../fixtures/extra-drugs';
import type { TestApp } from '../harness';
import { nextRxNumber } from './claim-builders';
import { FS, segment } from './wire-d0';
import { pricing, rejects, status } from './wire-segments';
import { claimSegment, type WireWorld, wireSuite } from './wire-world';

let t: TestApp;
let f: BenefitsFixture;
let w: WireWorld;
let oxycodone: string;
let alprazolam: string;
const DEA = 'AB1234563';
let noDeaNpi: string;

wireSuite(
  (suite) => ({ t, f, w } = suite),
  async (t, f) => {
    const drug = (key: string, ndc: string, schedule: string) =>
      addExtraDrug(t.db.db, f, {
        key,
        ndc,
        name: `${key} tablet`,
        ingredients: [key],
        strength: '5 mg',
        deaSchedule: schedule,
        nadacMicros: 100_000,
      });
    oxycodone = (await drug('oxycodone', '99902009201', '2')).ndc;
    alprazolam = (await drug('alprazolam', '99902009301', '4')).ndc;
    await t.db.db.execute(sql`update prescribers set dea = ${DEA} where id = ${f.prescriberId}`);
    noDeaNpi = (await aPrescriber(t.db.db)).npi;
    await t.db.db.execute(
      sql`update plans set controlled_substance_limits = ${JSON.stringify({ '2': { maxDaysSupply: 7 }, '4': { maxQuantityMilli: 60_000 } })}::jsonb where id = ${f.planId}`,
    );
  },
);

/** AM03 with 466-EZ qualifier (01 NPI, 12 DEA) and 411-DB. */
const prescriberSegment = (id: string, qualifier = '01') =>
  segment('03', `EZ${qualifier}`, `DB${id}`, 'DRSMITH');

const fill = (o: {
  ndc: string;
  prescriber?: string | null;
  qualifier?: string;
  fillNumber?: number;
  days?: number;
  milli?: number;
}) => [
  // 403-D3 fill number in place of the builder's 00.
  claimSegment({
    rx: nextRxNumber(),
    id: o.ndc,
    milli: o.milli ?? (o.days ?? 5) * 1000,
    days: o.days ?? 5,
  }).replace(`${FS}D300`, `${FS}D3${String(o.fillNumber ?? 0).padStart(2, '0')}`),
  ...(o.prescriber === null ? [] : [prescriberSegment(o.prescriber ?? f.prescriberNpi, o.qualifier)]),
  pricing,
];

describe('controlled substances', () => {
  it.each([
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ] as const)(
    'pays a Schedule II first fill from a prescriber with a DEA registration (%s)',
    async (_, via) => {
      const m = await addMember(t.db.db, f);
      expect(status(await w.send(via, 'B1', m, fill({ ndc: oxycodone })))).toBe('P');
      // The prescriber may be named by DEA number (466-EZ 12) as well.
      expect(
        status(
          await w.send(
            via,
            'B1',
            await addMember(t.db.db, f),
            fill({ ndc: oxycodone, prescriber: DEA, qualifier: '12' }),
          ),
        ),
      ).toBe('P');
    },
  );

  it.each([
    ['42', 'no prescriber sent', { prescriber: null }],
    ['42', 'a prescriber not on file', { prescriber: '1888888880' }],
    ['71', 'a prescriber without a DEA registration', { prescriber: 'NO-DEA' }],
    ['17', 'a Schedule II refill', { fillNumber: 1 }],
    ['76', 'more days than the plan allows for Schedule II', { days: 10 }],
  ] as const)('rejects %s: %s', async (code, _, o) => {
    const m = await addMember(t.db.db, f);
    const prescriber =
      'prescriber' in o && o.prescriber === 'NO-DEA'
        ? noDeaNpi
        : 'prescriber' in o
          ? o.prescriber
          : undefined;
    const r = await w.send('tcp', 'B1', m, fill({ ndc: oxycodone, ...o, prescriber }));
    expect(status(r)).toBe('R');
    expect(rejects(r)).toEqual([code]);
  });

  it('applies the plan limit of Schedule IV to quantity, and lets a Schedule IV refill through', async () => {
    const m = await addMember(t.db.db, f);
    expect(
      rejects(await w.send('http', 'B1', m, fill({ ndc: alprazolam, days: 30, milli: 90_000 }))),
    ).toEqual(['76']);
    expect(
      status(
        await w.send('http', 'B1', m, fill({ ndc: alprazolam, days: 30, milli: 60_000, fillNumber: 2 })),
      ),
    ).toBe('P');
  });

  it('leaves drugs that are not controlled alone: no prescriber check', async () => {
    const m = await addMember(t.db.db, f);
    expect(
      status(
        await w.send(
          'http',
          'B1',
          m,
          fill({ ndc: f.drugs.atorvastatin, prescriber: '1888888880', days: 30 }),
        ),
      ),
    ).toBe('P');
  });
});
