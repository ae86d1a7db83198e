// Shapes of drug reference data as every source (the starter list or real public files) delivers them.
import type { PriceType } from '../schema/drugs';

export interface TherapeuticClassRef {
  /** Stable slug, e.g. "statins". */
  code: string;
  name: string;
}

export interface UsualDose {
  /** Units per day (tablets, mL, g); weekly or monthly drugs use fractions. */
  unitsPerDay: number;
  sig: string;
}

export interface DrugGroupRef {
  /** "ingredient|strength|form|route" in lower case (see groupCode). */
  code: string;
  name: string;
  /** Lower-case active ingredient names (salt-free), the keys of interaction pairs. */
  ingredients: string[];
  strength: string;
  dosageForm: string;
  route: string;
  classCode: string;
  maintenance: boolean;
  specialty: boolean;
  deaSchedule: string | null;
  /** Typical adult dose, when the source knows it (the starter list does); seeds write prescriptions with it. */
  usualDose?: UsualDose;
}

export interface DrugProductRef {
  ndc: string;
  name: string;
  brandName: string | null;
  source: 'brand' | 'generic';
  labeler: string;
  groupCode: string;
  packageSizeMilli: number;
  unit: 'EA' | 'ML' | 'GM';
}

export interface DrugPriceRef {
  ndc: string;
  priceType: PriceType;
  unitPriceMicros: number;
  effectiveDate: string;
  source: string;
}

export interface DrugInteractionRef {
  ingredientA: string;
  ingredientB: string;
  severity: 'major' | 'moderate' | 'minor';
  message: string;
  source: string;
}

export interface ReferenceData {
  origin: {
    kind: 'files' | 'starter';
    /** One line saying where the data came from (shown by the seed CLI). */
    description: string;
    files: string[];
  };
  classes: TherapeuticClassRef[];
  groups: DrugGroupRef[];
  products: DrugProductRef[];
  prices: DrugPriceRef[];
  interactions: DrugInteractionRef[];
}

/** The generic-equivalence key: same ingredient(s), strength, dosage form and route. */
export function groupCode(properName: string, strength: string, dosageForm: string, route: string): string {
  return [properName, strength, dosageForm, route]
    .map((s) => s.trim().toLowerCase().replace(/\s+/g, ' '))
    .join('|');
}

/** Interaction pairs are stored once, in byte order (what the database check constraint expects). */
export function orderedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}
