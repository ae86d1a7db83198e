// Which drugs a member may be given: what the member's formulary covers without step therapy or (outside
// specialty) prior authorization, never two of one therapeutic class and never an interacting pair, so the
// seeded history adjudicates cleanly.
import type { CatalogGroup, DrugCatalog } from './drug-catalog';
import { dispensedProduct } from './drug-catalog';
import { entryFor, freelyCovered, type SeedFormulary } from './formularies';
import type { Prng } from './prng';

export interface DrugChoices {
  chronic: CatalogGroup[];
  pediatricChronic: CatalogGroup[];
  acute: CatalogGroup[];
  pediatricAcute: CatalogGroup[];
  specialty: CatalogGroup[];
  /** Drugs a prescriber has to ask for: prior authorization, step therapy or excluded (open PA cases). */
  needsApproval: CatalogGroup[];
}

// Starter-list classes that children are commonly prescribed; with other reference data children get none.
const PEDIATRIC_CHRONIC = new Set([
  'leukotriene_modifiers',
  'saba',
  'ics_laba',
  'insulins_long',
  'insulins_rapid',
]);
const PEDIATRIC_ACUTE = new Set(['penicillins', 'macrolides', 'cephalosporins', 'corticosteroids']);

export function drugChoices(catalog: DrugCatalog, formulary: SeedFormulary): DrugChoices {
  const covered = (g: CatalogGroup) => freelyCovered(formulary, g, dispensedProduct(g).ref.ndc);
  const ordinary = catalog.groups.filter((g) => !g.ref.specialty && g.ref.deaSchedule !== '2' && covered(g));
  const chronic = ordinary.filter((g) => g.ref.maintenance && !g.ref.deaSchedule);
  const acute = ordinary.filter((g) => !g.ref.maintenance);
  const specialty = catalog.groups.filter((g) => {
    const entry = entryFor(formulary, g.id, dispensedProduct(g).ref.ndc);
    return g.ref.specialty && !!entry && !entry.excluded && entry.stepTherapyGroupIds.length === 0;
  });
  const needsApproval = catalog.groups.filter((g) => {
    const entry = entryFor(formulary, g.id, dispensedProduct(g).ref.ndc);
    return (
      !g.ref.specialty &&
      !!entry &&
      (entry.requiresPriorAuth || entry.excluded || entry.stepTherapyGroupIds.length > 0)
    );
  });
  return {
    chronic,
    pediatricChronic: chronic.filter((g) => PEDIATRIC_CHRONIC.has(g.classCode)),
    acute,
    pediatricAcute: acute.filter((g) => PEDIATRIC_ACUTE.has(g.classCode)),
    specialty,
    needsApproval,
  };
}

/** The drugs one member already takes, to keep new ones from duplicating or interacting with them. */
export class MemberDrugs {
  private readonly classes = new Set<string>();
  private readonly ingredients: string[] = [];

  constructor(private readonly interactingPairs: Set<string>) {}

  accepts(group: CatalogGroup): boolean {
    if (this.classes.has(group.classCode)) return false;
    for (const mine of group.ref.ingredients) {
      for (const theirs of this.ingredients) {
        const pair = mine < theirs ? `${mine}|${theirs}` : `${theirs}|${mine}`;
        if (mine === theirs || this.interactingPairs.has(pair)) return false;
      }
    }
    return true;
  }

  add(group: CatalogGroup): void {
    this.classes.add(group.classCode);
    this.ingredients.push(...group.ref.ingredients);
  }
}

/** A random group from the pool the member can take, or null after a few misses. */
export function drawDrug(prng: Prng, pool: readonly CatalogGroup[], drugs: MemberDrugs): CatalogGroup | null {
  for (let attempt = 0; attempt < 12 && pool.length > 0; attempt++) {
    const group = prng.pick(pool);
    if (drugs.accepts(group)) return group;
  }
  return null;
}
