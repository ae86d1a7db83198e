import type { DrugProduct, MedicationHistoryEntry } from '../adjudication/types';
import type { LocalDate } from '../time/local-date';
import { latestFillPerKey, suppliesOverlap } from './fields';

export interface DuplicationInput {
  drug: Pick<DrugProduct, 'drugGroupId' | 'therapeuticClassId'>;
  dateOfService: LocalDate;
  daysSupply: number;
  history: MedicationHistoryEntry[];
}

/**
 * Fills of a different drug in the same therapeutic class whose days supply overlaps this one (latest fill per
 * conflicting drug group). The same drug group is a refill, judged by refill-too-soon instead.
 */
export function findTherapeuticDuplications(input: DuplicationInput): MedicationHistoryEntry[] {
  const { drug, dateOfService, daysSupply, history } = input;
  const conflicts = history.filter(
    (fill) =>
      fill.therapeuticClassId === drug.therapeuticClassId &&
      fill.drugGroupId !== drug.drugGroupId &&
      suppliesOverlap(dateOfService, daysSupply, fill.fillDate, fill.daysSupply),
  );
  return latestFillPerKey(
    conflicts,
    (fill) => fill,
    (fill) => fill.drugGroupId,
  ).sort((a, b) => (a.fillDate < b.fillDate ? 1 : a.fillDate > b.fillDate ? -1 : 0));
}
