// findDrugInteractions looks interactions up by ingredient or class (an index built once per list). Property: it
// finds exactly what testing every interaction against every running fill finds, in the same order, whatever the
// list (case, spaces, duplicates, a drug interacting with itself) and the history.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MedicationHistoryEntry } from '../src/adjudication/types';
import { findDrugInteractions, type InteractionInput } from '../src/dur/drug-interactions';
import { latestFillPerKey, suppliesOverlap } from '../src/dur/fields';
import type { DrugInteraction } from '../src/dur/types';
import type { LocalDate } from '../src/time/local-date';

const RANK = { major: 0, moderate: 1, minor: 2 } as const;

/** The scan the index replaced: every interaction against every overlapping fill. */
function scanEveryInteraction(input: InteractionInput) {
  const keys = (d: { therapeuticClassId: string; ingredients: string[] }) =>
    new Set([d.therapeuticClassId, ...d.ingredients].map((k) => k.trim().toLowerCase()));
  const mine = keys(input.drug);
  const found: Array<{ fill: MedicationHistoryEntry; interaction: DrugInteraction; index: number }> = [];
  for (const fill of input.history) {
    if (fill.drugGroupId === input.drug.drugGroupId) continue;
    if (!suppliesOverlap(input.dateOfService, input.daysSupply, fill.fillDate, fill.daysSupply)) continue;
    const theirs = keys(fill);
    input.interactions.forEach((interaction, index) => {
      const a = interaction.a.trim().toLowerCase();
      const b = interaction.b.trim().toLowerCase();
      if ((mine.has(a) && theirs.has(b)) || (mine.has(b) && theirs.has(a)))
        found.push({ fill, interaction, index });
    });
  }
  return latestFillPerKey(
    found,
    (c) => c.fill,
    (c) => `${c.index}\u0000${c.fill.drugGroupId}`,
  )
    .sort((x, y) => RANK[x.interaction.severity] - RANK[y.interaction.severity])
    .map(({ fill, interaction }) => ({ fill, interaction }));
}

const name = fc.constantFrom('simvastatin', 'Clarithromycin', ' warfarin ', 'ASPIRIN', 'statins', 'nsaids');
const interaction = fc.record({
  a: name,
  b: name,
  severity: fc.constantFrom('major', 'moderate', 'minor') as fc.Arbitrary<DrugInteraction['severity']>,
  description: fc.string({ maxLength: 5 }),
});
const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-03-${String(d).padStart(2, '0')}` as LocalDate);
const fill = fc.record({
  claimId: fc.uuid(),
  ndc: fc.constant('00000000000'),
  drugName: fc.constant('x'),
  drugGroupId: fc.constantFrom('g1', 'g2', 'g3', 'g4'),
  therapeuticClassId: fc.constantFrom('statins', 'nsaids', 'macrolides'),
  ingredients: fc.array(name, { maxLength: 2 }),
  fillDate: day,
  daysSupply: fc.integer({ min: 1, max: 30 }),
  quantityMilli: fc.constant(30_000),
  pharmacyId: fc.constant('p'),
});

describe('drug interaction look-up', () => {
  it('finds what scanning every interaction finds, in the same order', () => {
    fc.assert(
      fc.property(
        fc.array(interaction, { maxLength: 12 }),
        fc.array(fill, { maxLength: 8 }),
        fill,
        day,
        (interactions, history, drug, dateOfService) => {
          const input: InteractionInput = { drug, dateOfService, daysSupply: 30, history, interactions };
          expect(findDrugInteractions(input)).toEqual(scanEveryInteraction(input));
          // Again with the same list: the index built on the first call is reused.
          expect(findDrugInteractions(input)).toEqual(scanEveryInteraction(input));
        },
      ),
      { numRuns: 500 },
    );
  });
});
