// Public Drug Formulary API (PDex US Drug Formulary 2.0.1): plans, formularies, their covered drugs with tier,
// PA, step therapy and quantity limits. Built on the benefits formulary reads and the same "which entry describes a
// drug group" rule (benefits/formulary-view.ts) as the member coverage search, so both give the same answer.
import type { AppDeps } from '../app-deps';
import { findDrugGroups, findFormularyEntries, findProductsOfGroups } from '../benefits/formulary-repo';
import { entryFlags, entryForGroup } from '../benefits/formulary-view';
import { searchset } from './bundle';
import * as repo from './formulary-repo';
import * as resources from './formulary-resources';
import { fhirBadParam, fhirNotFound } from './operation-outcome';
import { all, assertKnownParams, first, paging, parseToken, type Query } from './search-params';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIER_BY_CODE = new Map(Object.entries(resources.TIER_CODES).map(([tier, t]) => [t.code, Number(tier)]));

async function insurancePlans(deps: AppDeps, ids?: string[]) {
  const db = deps.db.db;
  const valid = ids?.filter((id) => UUID.test(id));
  const [plans, formularies, allFormularies] = await Promise.all([
    repo.listPlans(db, valid),
    repo.listFormularies(db, valid),
    repo.listFormularies(db),
  ]);
  const names = new Map(allFormularies.map((f) => [f.id, f.name]));
  return [
    ...plans.map((p) => resources.payerInsurancePlan(p, names.get(p.formularyId) ?? 'Formulary')),
    ...formularies.map(resources.formularyPlan),
  ];
}

/** The covered items (and drugs) of one formulary for these drug groups, in the groups' order. */
async function itemsFor(deps: AppDeps, formularyId: string, groupIds: string[]) {
  const db = deps.db.db;
  const [formulary] = await repo.listFormularies(db, [formularyId]);
  if (!formulary || groupIds.length === 0) return [];
  const [groups, products, entries] = await Promise.all([
    findDrugGroups(db, groupIds),
    findProductsOfGroups(db, groupIds),
    findFormularyEntries(db, formularyId, groupIds),
  ]);
  const byId = new Map(groups.map((g) => [g.id, g]));
  return groupIds.flatMap((groupId) => {
    const group = byId.get(groupId);
    if (!group) return [];
    const own = products.filter((p) => p.drugGroupId === groupId);
    const entry = entryForGroup(groupId, products, entries);
    const flags = entryFlags(entry, own[0]?.unit);
    const updatedAt = entry?.updatedAt ?? formulary.updatedAt;
    const item = resources.formularyItem(formulary, group, flags, updatedAt);
    return item ? [{ item, flags, drug: resources.formularyDrug(group, own, updatedAt) }] : [];
  });
}

export async function searchFormularyResources(deps: AppDeps, fhirBase: string, type: string, query: Query) {
  const page = paging(query);
  let matches: Array<{ resourceType: string; id: string }> = [];
  const included: Array<{ resourceType: string; id: string }> = [];
  if (type === 'InsurancePlan') {
    assertKnownParams(query, new Set(['_id', 'type']));
    const types = all(query.type).map((t) => parseToken(t).code);
    const ids = all(query._id);
    const plans = await insurancePlans(deps, ids.length ? ids : undefined);
    matches = plans.filter((p) => types.length === 0 || types.includes(p.type[0]?.coding[0]?.code ?? ''));
  } else if (type === 'Basic') {
    assertKnownParams(query, new Set(['formulary', 'drug-tier', 'subject', 'code']));
    const formularyId = first(query.formulary)?.replace(/^InsurancePlan\//, '');
    if (!formularyId || !UUID.test(formularyId)) {
      throw fhirBadParam(
        'formulary',
        'name one formulary (InsurancePlan/<id>); list them with InsurancePlan?type=formulary.',
      );
    }
    const tiers = all(query['drug-tier']).map((raw) => {
      const tier = TIER_BY_CODE.get(parseToken(raw).code);
      if (!tier) throw fhirBadParam('drug-tier', `use one of ${[...TIER_BY_CODE.keys()].join(', ')}.`);
      return tier;
    });
    const subjects = all(query.subject).map((s) => s.replace(/^MedicationKnowledge\//, ''));
    const groupIds = await repo.listedGroupIds(deps.db.db, formularyId, {
      ...(subjects.length ? { groupIds: subjects.filter((s) => UUID.test(s)) } : {}),
    });
    const items = await itemsFor(deps, formularyId, groupIds);
    const wanted = items.filter(
      (i) => tiers.length === 0 || (i.flags.tier !== null && tiers.includes(i.flags.tier)),
    );
    matches = wanted.map((i) => i.item);
    if (all(query._include).includes('Basic:subject')) included.push(...wanted.map((i) => i.drug));
  } else if (type === 'MedicationKnowledge') {
    assertKnownParams(query, new Set(['_id', 'code', 'drug-name', 'formulary']));
    const formularyId = first(query.formulary)?.replace(/^InsurancePlan\//, '');
    const formularies = formularyId
      ? [formularyId]
      : (await repo.listFormularies(deps.db.db)).map((f) => f.id);
    const name = first(query['drug-name']);
    if (name !== undefined && name.trim().length < 2)
      throw fhirBadParam('drug-name', 'give at least 2 letters.');
    const ndcs = all(query.code).map((raw) => parseToken(raw).code.replace(/-/g, ''));
    const ids = all(query._id).filter((id) => UUID.test(id));
    const seen = new Map<string, { resourceType: string; id: string }>();
    for (const id of formularies.filter((f) => UUID.test(f))) {
      const groupIds = await repo.listedGroupIds(deps.db.db, id, {
        ...(name ? { name: name.trim() } : {}),
        ...(ndcs.length ? { ndcs } : {}),
        ...(query._id !== undefined ? { groupIds: ids } : {}),
      });
      for (const { drug } of await itemsFor(deps, id, groupIds))
        if (!seen.has(drug.id)) seen.set(drug.id, drug);
    }
    matches = [...seen.values()];
  } else {
    throw fhirNotFound(`Resource type ${type}`);
  }
  if (all(query._include).length && type !== 'Basic')
    throw fhirBadParam('_include', 'only Basic:subject is supported.');
  return searchset({
    base: fhirBase,
    path: `/${type}`,
    query,
    total: matches.length,
    offset: page.offset,
    count: page.count,
    entries: [
      ...matches
        .slice(page.offset, page.offset + page.count)
        .map((resource) => ({ resource, mode: 'match' as const })),
      ...included.map((resource) => ({ resource, mode: 'include' as const })),
    ] as Parameters<typeof searchset>[0]['entries'],
  });
}

export async function readFormularyResource(deps: AppDeps, type: string, id: string) {
  let found: { resourceType: string; id: string } | undefined;
  if (type === 'InsurancePlan') found = (await insurancePlans(deps, [id]))[0];
  if (type === 'Basic') {
    const parts = resources.splitItemId(id);
    if (parts) found = (await itemsFor(deps, parts.formularyId, [parts.groupId]))[0]?.item;
  }
  if (type === 'MedicationKnowledge' && UUID.test(id)) {
    for (const f of await repo.listFormularies(deps.db.db)) {
      const listed = await repo.listedGroupIds(deps.db.db, f.id, { groupIds: [id] });
      found = (await itemsFor(deps, f.id, listed))[0]?.drug;
      if (found) break;
    }
  }
  if (!found) throw fhirNotFound(`${type}/${id}`);
  return found;
}
