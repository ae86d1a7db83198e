import type { DrugProduct, MedicationHistoryEntry } from '../adjudication/types';
import type { LocalDate } from '../time/local-date';
import { latestFillPerKey, suppliesOverlap } from './fields';
import type { ClinicalSignificanceCode, DrugInteraction, InteractionSeverity } from './types';

export interface InteractionInput {
  drug: Pick<DrugProduct, 'drugGroupId' | 'therapeuticClassId' | 'ingredients'>;
  dateOfService: LocalDate;
  daysSupply: number;
  history: MedicationHistoryEntry[];
  interactions: DrugInteraction[];
}

export interface InteractionConflict {
  fill: MedicationHistoryEntry;
  interaction: DrugInteraction;
}

const SEVERITY_RANK: Record<InteractionSeverity, number> = { major: 0, moderate: 1, minor: 2 };

export function clinicalSignificanceOf(severity: InteractionSeverity): ClinicalSignificanceCode {
  return severity === 'major' ? '1' : severity === 'moderate' ? '2' : '3';
}

const normalized = (key: string) => key.trim().toLowerCase();

function interactionKeys(drug: { therapeuticClassId: string; ingredients: string[] }): Set<string> {
  return new Set([drug.therapeuticClassId, ...drug.ingredients].map(normalized));
}

/** The interaction list by key: for each ingredient or class, which interactions name it and the other side. */
type InteractionIndex = Map<string, Array<{ index: number; other: string }>>;

// The public file holds thousands of pairs, and the seed's simulation tested every one against every running fill
// (most of its time). Built once per list: the seed reuses its array. A claim's list is only the dispensed drug's
// own interactions, so there building it costs about what the scan did.
const indexes = new WeakMap<readonly DrugInteraction[], InteractionIndex>();

function indexOf(interactions: readonly DrugInteraction[]): InteractionIndex {
  const known = indexes.get(interactions);
  if (known) return known;
  const index: InteractionIndex = new Map();
  const add = (key: string, entry: { index: number; other: string }) => {
    const list = index.get(key);
    if (list) list.push(entry);
    else index.set(key, [entry]);
  };
  interactions.forEach((interaction, i) => {
    const a = normalized(interaction.a);
    const b = normalized(interaction.b);
    add(a, { index: i, other: b });
    if (b !== a) add(b, { index: i, other: a });
  });
  indexes.set(interactions, index);
  return index;
}

/** Indices (ascending, as in the list) of the interactions between one of `mine` and one of `theirs`. */
function matchingIndices(index: InteractionIndex, mine: Set<string>, theirs: Set<string>): number[] {
  const found = new Set<number>();
  for (const key of mine) {
    for (const entry of index.get(key) ?? []) if (theirs.has(entry.other)) found.add(entry.index);
  }
  return [...found].sort((x, y) => x - y);
}

/**
 * Interactions between the drug being dispensed and fills whose days supply is still running on the date of
 * service; one conflict per (interaction, drug group), most severe first.
 */
export function findDrugInteractions(input: InteractionInput): InteractionConflict[] {
  const { drug, dateOfService, daysSupply, history, interactions } = input;
  const index = indexOf(interactions);
  const mine = interactionKeys(drug);
  const conflicts: { fill: MedicationHistoryEntry; interaction: DrugInteraction; index: number }[] = [];
  for (const fill of history) {
    if (fill.drugGroupId === drug.drugGroupId) continue;
    if (!suppliesOverlap(dateOfService, daysSupply, fill.fillDate, fill.daysSupply)) continue;
    for (const i of matchingIndices(index, mine, interactionKeys(fill))) {
      conflicts.push({ fill, interaction: interactions[i] as DrugInteraction, index: i });
    }
  }
  return latestFillPerKey(
    conflicts,
    (conflict) => conflict.fill,
    (conflict) => `${conflict.index}\u0000${conflict.fill.drugGroupId}`,
  )
    .sort((x, y) => SEVERITY_RANK[x.interaction.severity] - SEVERITY_RANK[y.interaction.severity])
    .map(({ fill, interaction }) => ({ fill, interaction }));
}
