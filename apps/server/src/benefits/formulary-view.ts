// How formulary entries read to a member: which entry applies to a drug group or a package, and its flags.
// Pure functions over repo rows, shared by the coverage search and the price check.
import type { CoverageStatus } from '@openpbm/shared/benefits';
import type { DrugProductRow, FormularyEntryRow } from './formulary-repo';

const UNIT_LABELS: Record<string, string> = { EA: 'units', ML: 'mL', GM: 'g' };
export const unitLabel = (unit: string | undefined): string => UNIT_LABELS[unit ?? 'EA'] ?? 'units';

/** The entry for one package: its own NDC entry wins over its group's entry (formularies schema). */
export function entryForProduct(
  product: Pick<DrugProductRow, 'ndc' | 'drugGroupId'>,
  entries: FormularyEntryRow[],
): FormularyEntryRow | null {
  return (
    entries.find((entry) => entry.ndc === product.ndc) ??
    entries.find((entry) => entry.drugGroupId === product.drugGroupId) ??
    null
  );
}

/**
 * The entry that describes a drug group as a whole: the group entry, or when only some packages are listed,
 * the best of their entries (a covered one with the lowest tier before an excluded one).
 */
export function entryForGroup(
  groupId: string,
  products: DrugProductRow[],
  entries: FormularyEntryRow[],
): FormularyEntryRow | null {
  const groupEntry = entries.find((entry) => entry.drugGroupId === groupId);
  if (groupEntry) return groupEntry;
  const ndcs = new Set(products.filter((p) => p.drugGroupId === groupId).map((p) => p.ndc));
  const packageEntries = entries
    .filter((entry) => entry.ndc != null && ndcs.has(entry.ndc))
    .sort((a, b) => Number(a.excluded) - Number(b.excluded) || a.tier - b.tier);
  return packageEntries[0] ?? null;
}

/** The entry fields the flags need: a repo row and the benefit context's FormularyFlags both have them. */
export type EntryFlagSource = Pick<
  FormularyEntryRow,
  | 'excluded'
  | 'tier'
  | 'requiresPriorAuth'
  | 'requiresStepTherapy'
  | 'hasQuantityLimit'
  | 'quantityLimitMilli'
  | 'quantityLimitDays'
>;

export function coverageStatusOf(entry: EntryFlagSource | null): CoverageStatus {
  if (!entry) return 'not_on_formulary';
  return entry.excluded ? 'excluded' : 'covered';
}

export interface EntryFlags {
  status: CoverageStatus;
  tier: 1 | 2 | 3 | 4 | null;
  requiresPriorAuth: boolean;
  requiresStepTherapy: boolean;
  quantityLimit: { quantity: number; unit: string; days: number } | null;
}

export function entryFlags(entry: EntryFlagSource | null, unit: string | undefined): EntryFlags {
  const status = coverageStatusOf(entry);
  const covered = status === 'covered' && entry != null;
  return {
    status,
    tier: covered ? entry.tier : null,
    requiresPriorAuth: covered && entry.requiresPriorAuth,
    requiresStepTherapy: covered && entry.requiresStepTherapy,
    quantityLimit:
      covered && entry.hasQuantityLimit && entry.quantityLimitMilli && entry.quantityLimitDays
        ? { quantity: entry.quantityLimitMilli / 1000, unit: unitLabel(unit), days: entry.quantityLimitDays }
        : null,
  };
}
