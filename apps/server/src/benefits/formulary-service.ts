// Drug coverage search: a member searches their own plan's formulary (the plan they are covered by today).
// A real PBM shows the member's plan-specific formulary once signed in, because tiers, exclusions and
// utilization rules differ from plan to plan; a public, plan-agnostic search would mislead.
import type {
  FormularyResult,
  FormularySearchRequest,
  FormularySearchResponse,
} from '@openpbm/shared/benefits';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { notFound } from '../platform/problem';
import {
  type DrugGroupRow,
  type DrugProductRow,
  type FormularyEntryRow,
  findDrugGroups,
  findFormularyEntries,
  findFormularyName,
  findProductsOfGroups,
  searchDrugGroups,
} from './formulary-repo';
import { entryFlags, entryForGroup } from './formulary-view';
import { loadMemberBenefitContext } from './member-benefit-context';
import { resolveViewableMember } from './viewable-members';

export const SEARCH_LIMIT = 25;

export async function searchFormulary(
  deps: AppDeps,
  principal: Principal,
  request: FormularySearchRequest,
): Promise<FormularySearchResponse> {
  const member = await resolveViewableMember(deps, principal, request.memberId);
  const db = deps.db.db;
  const context = await loadMemberBenefitContext(db, { memberId: member.memberId, at: deps.now() });
  const plan = context?.plan;
  if (!context?.eligibility.inForce || !plan) {
    throw notFound('There is no pharmacy coverage for this member today.');
  }

  const found = await searchDrugGroups(db, request.query, SEARCH_LIMIT + 1);
  const groups = found.slice(0, SEARCH_LIMIT);
  const groupIds = groups.map((group) => group.id);
  const [products, entries] = await Promise.all([
    findProductsOfGroups(db, groupIds),
    findFormularyEntries(db, plan.formularyId, groupIds),
  ]);
  const alternatives = await loadAlternatives(deps, plan.formularyId, groups, products, entries);

  return {
    memberId: member.memberId,
    planName: plan.name,
    formularyName: (await findFormularyName(db, plan.formularyId)) ?? plan.name,
    results: groups.map((group) => toResult(group, products, entries, alternatives)),
    truncated: found.length > SEARCH_LIMIT,
  };
}

interface AlternativeInfo {
  name: string;
  tier: 1 | 2 | 3 | 4 | null;
}

/** Names and tiers of the preferred alternatives the found entries point to. */
async function loadAlternatives(
  deps: AppDeps,
  formularyId: string,
  groups: DrugGroupRow[],
  products: DrugProductRow[],
  entries: FormularyEntryRow[],
): Promise<Map<string, AlternativeInfo>> {
  const ids = new Set<string>();
  for (const group of groups) {
    for (const id of entryForGroup(group.id, products, entries)?.preferredAlternativeGroupIds ?? [])
      ids.add(id);
  }
  const db = deps.db.db;
  const altGroups = await findDrugGroups(db, [...ids]);
  const [altProducts, altEntries] = await Promise.all([
    findProductsOfGroups(db, [...ids]),
    findFormularyEntries(db, formularyId, [...ids]),
  ]);
  return new Map(
    altGroups.map((group) => {
      const entry = entryForGroup(group.id, altProducts, altEntries);
      return [group.id, { name: group.name, tier: entry && !entry.excluded ? entry.tier : null }];
    }),
  );
}

function toResult(
  group: DrugGroupRow,
  products: DrugProductRow[],
  entries: FormularyEntryRow[],
  alternatives: Map<string, AlternativeInfo>,
): FormularyResult {
  const mine = products.filter((product) => product.drugGroupId === group.id);
  const entry = entryForGroup(group.id, products, entries);
  const brandNames = [
    ...new Set(mine.map((p) => p.brandName).filter((name): name is string => Boolean(name))),
  ];
  return {
    drugGroupId: group.id,
    name: group.name,
    strength: group.strength,
    dosageForm: group.dosageForm,
    brandNames,
    genericAvailable: mine.some((product) => product.source === 'generic'),
    ...entryFlags(entry, mine[0]?.unit),
    specialty: group.specialty,
    maintenance: group.maintenance,
    preferredAlternatives: (entry?.preferredAlternativeGroupIds ?? []).flatMap((id) => {
      const info = alternatives.get(id);
      return info ? [{ drugGroupId: id, name: info.name, tier: info.tier }] : [];
    }),
    products: onePerName(mine).map((product) => ({
      ndc: product.ndc,
      name: product.name,
      brandName: product.brandName,
      isGeneric: product.source === 'generic',
      unit: product.unit,
    })),
  };
}

/** One package per brand name plus one generic: the picker offers "Lipitor" or "generic", not 40 labelers. */
function onePerName(products: DrugProductRow[]): DrugProductRow[] {
  const seen = new Set<string>();
  return products.filter((product) => {
    const key = product.source === 'generic' ? 'generic' : `brand:${product.brandName ?? product.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
