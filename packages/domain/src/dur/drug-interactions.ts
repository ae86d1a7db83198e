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

function interactionKeys(drug: { therapeuticClassId: string; ingredients: string[] }): Set<string> {
  return new Set([drug.therapeuticClassId, ...drug.ingredients].map((key) => key.trim().toLowerCase()));
}

function matches(interaction: DrugInteraction, mine: Set<string>, theirs: Set<string>): boolean {
  const a = interaction.a.trim().toLowerCase();
  const b = interaction.b.trim().toLowerCase();
  return (mine.has(a) && theirs.has(b)) || (mine.has(b) && theirs.has(a));
}

/**
 * Interactions between the drug being dispensed and fills whose days supply is still running on the date of
 * service; one conflict per (interaction, drug group), most severe first.
 */
export function findDrugInteractions(input: InteractionInput): InteractionConflict[] {
  const { drug, dateOfService, daysSupply, history, interactions } = input;
  const mine = interactionKeys(drug);
  const conflicts: { fill: MedicationHistoryEntry; interaction: DrugInteraction; index: number }[] = [];
  for (const fill of history) {
    if (fill.drugGroupId === drug.drugGroupId) continue;
    if (!suppliesOverlap(dateOfService, daysSupply, fill.fillDate, fill.daysSupply)) continue;
    const theirs = interactionKeys(fill);
    interactions.forEach((interaction, index) => {
      if (matches(interaction, mine, theirs)) conflicts.push({ fill, interaction, index });
    });
  }
  return latestFillPerKey(
    conflicts,
    (conflict) => conflict.fill,
    (conflict) => `${conflict.index}\u0000${conflict.fill.drugGroupId}`,
  )
    .sort((x, y) => SEVERITY_RANK[x.interaction.severity] - SEVERITY_RANK[y.interaction.severity])
    .map(({ fill, interaction }) => ({ fill, interaction }));
}
