// DUR alerts name their source on the wire: an interaction from the public file (VA NDF-RT) is answered with
// 532-FW 5 (other database) and 570-NS led by "VA NDF-RT"; a starter-list interaction keeps 532-FW 4 (processor
// developed) and "Starter list". The interactions are loaded by the real reference loader from a directory
// holding only the interaction file (no NDC or NADAC files), rows copied from ../shared/data/drug-interactions.csv.
// D.0 bytes are written by hand (wire-d0.ts) and sent through HTTP and the TCP listener.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema } from '@openpbm/db';
import { loadReferenceData } from '@openpbm/db/reference/index';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { addMember, type BenefitsFixture } from '../fixtures/benefits';
import { addExtraDrug } from '../fixtures/extra-drugs';
import type { TestApp } from '../harness';
import { nextRxNumber } from './claim-builders';
import { fieldOf } from './wire-d0';
import { pricing, rejects, status } from './wire-segments';
import { claimSegment, prescriber, type WireWorld, wireSuite } from './wire-world';

// Two real rows of the public file: one pair the starter list lacks, and one it has (whose starter wording wins).
const FILE_ROWS = `ingredient_a,ingredient_b,severity,message,source
alprazolam,clarithromycin,moderate,VA NDF-RT drug interaction (Significant): ALPRAZOLAM/CLARITHROMYCIN,NDF-RT 2014-07 (U.S. Dept. of Veterans Affairs; public domain) via github.com/dbmi-pitt/Merged-PDDI
clarithromycin,simvastatin,major,VA NDF-RT drug interaction (Critical): CLARITHROMYCIN/SIMVASTATIN,NDF-RT 2014-07 (U.S. Dept. of Veterans Affairs; public domain) via github.com/dbmi-pitt/Merged-PDDI
`;

let t: TestApp;
let f: BenefitsFixture;
let w: WireWorld;
let alprazolam: string;
const dataDir = mkdtempSync(join(tmpdir(), 'openpbm-interactions-'));

wireSuite(
  (suite) => ({ t, f, w } = suite),
  async (t, f) => {
    alprazolam = (
      await addExtraDrug(t.db.db, f, {
        key: 'alprazolam',
        ndc: '99902009101',
        name: 'Alprazolam 0.5 mg tablet',
        ingredients: ['alprazolam'],
        strength: '0.5 mg',
        cls: 'benzodiazepines',
        deaSchedule: '4',
        nadacMicros: 50_000,
      })
    ).ndc;
    // Alprazolam is Schedule IV: its claims need a prescriber with a DEA registration.
    await t.db.db.execute(sql`update prescribers set dea = 'AB1234563' where id = ${f.prescriberId}`);
    writeFileSync(join(dataDir, 'drug-interactions.csv'), FILE_ROWS);
    const reference = loadReferenceData({ dataDir });
    // The fixture already holds the starter's clarithromycin/simvastatin row; every other pair is written as loaded.
    await t.db.db.insert(schema.drugInteractions).values(reference.interactions).onConflictDoNothing();
  },
);
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const fill = (ndc: string, days = 10) => [
  claimSegment({ rx: nextRxNumber(), id: ndc, milli: days * 1000, days }),
  prescriber(f),
  pricing,
];

describe('DUR alert source on the wire', () => {
  it.each([
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ] as const)(
    'a VA NDF-RT interaction from the file answers 532-FW 5 and names it in 570-NS (%s)',
    async (_, via) => {
      const m = await addMember(t.db.db, f);
      expect(status(await w.send(via, 'B1', m, fill(f.drugs.clarithromycin)))).toBe('P');
      const r = await w.send(via, 'B1', m, fill(alprazolam, 30));
      // Moderate: a warning on a paid claim, not a reject.
      expect(status(r)).toBe('P');
      expect(fieldOf(r, 0, '24', 'E4')).toEqual(['DD']);
      expect(fieldOf(r, 0, '24', 'FS')).toEqual(['2']);
      expect(fieldOf(r, 0, '24', 'FW')).toEqual(['5']);
      expect(fieldOf(r, 0, '24', 'NS')).toEqual([
        'VA NDF-RT drug interaction (Significant): ALPRAZOLAM/CLARITHROMYCIN',
      ]);
    },
  );

  it.each([
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ] as const)(
    'a starter pair the file also has keeps the starter wording: 88, 532-FW 4 (%s)',
    async (_, via) => {
      const m = await addMember(t.db.db, f);
      expect(status(await w.send(via, 'B1', m, fill(f.drugs.simvastatin, 30)))).toBe('P');
      const r = await w.send(via, 'B1', m, fill(f.drugs.clarithromycin));
      expect(status(r)).toBe('R');
      expect(rejects(r)).toEqual(['88']);
      expect(fieldOf(r, 0, '24', 'FW')).toEqual(['4']);
      expect(fieldOf(r, 0, '24', 'NS')).toEqual(['Starter list: Contraindicated: myopathy risk (CYP3A4)']);
    },
  );

  it('the stored claim names the source of each alert', async () => {
    const m = await addMember(t.db.db, f);
    expect(status(await w.send('http', 'B1', m, fill(f.drugs.clarithromycin)))).toBe('P');
    expect(status(await w.send('http', 'B1', m, fill(f.drugs.atorvastatin, 30)))).toBe('P');
    const r = await w.send('http', 'B1', m, fill(alprazolam, 30));
    expect(status(r)).toBe('P');
    const { rows } = await t.db.sql.query<{ dur: Array<{ source: string; reasonForServiceCode: string }> }>(
      `select dur_response as dur from claims where member_id = $1 and ndc = $2 and status = 'paid'`,
      [m.id, alprazolam],
    );
    expect(rows[0]?.dur.map((d) => [d.reasonForServiceCode, d.source])).toEqual([['DD', 'VA NDF-RT']]);
  });
});
