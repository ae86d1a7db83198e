// Two formularies built from the drug catalog with the usual commercial rules: generics on tier 1, a brand with
// a generic equivalent on tier 3 (or excluded in favour of the generic on the closed formulary), single-source
// brands on tier 2 or 3 with some step therapy and prior authorization, specialty drugs on tier 4 behind PA, and
// quantity limits on controlled and specialty drugs.
import type { Channel, FormularyEntry as DomainFormularyEntry, Tier } from '@openpbm/domain';
import { formularies, formularyEntries } from '../schema/index';
import type { BulkLoader } from './bulk';
import { monthlyQuantityMilli } from './dosing';
import type { CatalogGroup, DrugCatalog } from './drug-catalog';
import type { Prng, SeedIds } from './prng';

export type FormularyKind = 'standard' | 'value';

export interface SeedFormularyEntry {
  tier: Tier;
  requiresPriorAuth: boolean;
  stepTherapyGroupIds: string[];
  quantityLimit: { milli: number; days: number } | null;
  excluded: boolean;
  preferredAlternativeGroupIds: string[];
}

export interface SeedFormulary {
  id: string;
  kind: FormularyKind;
  byGroup: Map<string, SeedFormularyEntry>;
  byNdc: Map<string, SeedFormularyEntry>;
}

const STEP_THERAPY_LOOKBACK_DAYS = 180;

/** Monthly cost above which a non-specialty brand may need prior authorization. */
const HIGH_COST_MONTHLY_CENTS = 40_000;

function monthlyCostCents(group: CatalogGroup): number {
  const cheapest = Math.min(...group.products.map((p) => p.unitPriceMicros));
  return Math.round((cheapest * monthlyQuantityMilli(group)) / 10_000_000);
}

function baseEntry(tier: Tier): SeedFormularyEntry {
  return {
    tier,
    requiresPriorAuth: false,
    stepTherapyGroupIds: [],
    quantityLimit: null,
    excluded: false,
    preferredAlternativeGroupIds: [],
  };
}

function buildEntries(
  kind: FormularyKind,
  catalog: DrugCatalog,
  prng: Prng,
): Pick<SeedFormulary, 'byGroup' | 'byNdc'> {
  const byGroup = new Map<string, SeedFormularyEntry>();
  const byNdc = new Map<string, SeedFormularyEntry>();
  for (const group of catalog.groups) {
    const classmates = (catalog.groupsByClass.get(group.classCode) ?? []).filter((g) => g !== group);
    const genericAlternatives = classmates.filter((g) => g.hasGeneric && !g.ref.specialty).map((g) => g.id);
    let entry: SeedFormularyEntry;
    if (group.ref.specialty) {
      entry = { ...baseEntry(4), requiresPriorAuth: true };
    } else if (group.hasGeneric) {
      entry = baseEntry(1);
      // The brand of a multi-source drug costs the member more, or is not covered at all on the closed list.
      for (const brand of group.products.filter((p) => !p.isGeneric)) {
        byNdc.set(
          brand.ref.ndc,
          kind === 'value'
            ? { ...baseEntry(3), excluded: true, preferredAlternativeGroupIds: [group.id] }
            : baseEntry(3),
        );
      }
    } else {
      const preferred = prng.chance(0.6);
      entry = baseEntry(preferred ? 2 : 3);
      if (!preferred && genericAlternatives.length > 0) {
        if (kind === 'value') {
          entry = { ...entry, excluded: true, preferredAlternativeGroupIds: genericAlternatives.slice(0, 3) };
        } else if (prng.chance(0.5)) {
          entry = { ...entry, stepTherapyGroupIds: genericAlternatives.slice(0, 5) };
        }
      }
      if (!entry.excluded && monthlyCostCents(group) > HIGH_COST_MONTHLY_CENTS && prng.chance(0.5)) {
        entry = { ...entry, requiresPriorAuth: true };
      }
    }
    if (group.ref.specialty || group.ref.deaSchedule) {
      entry = { ...entry, quantityLimit: { milli: monthlyQuantityMilli(group), days: 30 } };
    }
    byGroup.set(group.id, entry);
  }
  return { byGroup, byNdc };
}

export async function writeFormularies(
  loader: BulkLoader,
  catalog: DrugCatalog,
  ids: SeedIds,
  prng: Prng,
  effectiveDate: string,
): Promise<Record<FormularyKind, SeedFormulary>> {
  const result = {} as Record<FormularyKind, SeedFormulary>;
  const definitions: [FormularyKind, string, string][] = [
    ['standard', 'OPB-STD', 'OpenPBM Standard Formulary'],
    ['value', 'OPB-VAL', 'OpenPBM Value Formulary (closed)'],
  ];
  for (const [kind, code, name] of definitions) {
    const id = ids.next();
    await loader.insert(formularies, { id, code, name, effectiveDate });
    const { byGroup, byNdc } = buildEntries(kind, catalog, prng);
    const targets: [Map<string, SeedFormularyEntry>, 'group' | 'ndc'][] = [
      [byGroup, 'group'],
      [byNdc, 'ndc'],
    ];
    for (const [entries, target] of targets) {
      for (const [key, e] of entries) {
        await loader.insert(formularyEntries, {
          id: ids.next(),
          formularyId: id,
          drugGroupId: target === 'group' ? key : null,
          ndc: target === 'ndc' ? key : null,
          tier: e.tier,
          requiresPriorAuth: e.requiresPriorAuth,
          requiresStepTherapy: e.stepTherapyGroupIds.length > 0,
          stepTherapyGroupIds: e.stepTherapyGroupIds,
          stepTherapyLookbackDays: e.stepTherapyGroupIds.length > 0 ? STEP_THERAPY_LOOKBACK_DAYS : null,
          hasQuantityLimit: e.quantityLimit !== null,
          quantityLimitMilli: e.quantityLimit?.milli ?? null,
          quantityLimitDays: e.quantityLimit?.days ?? null,
          excluded: e.excluded,
          preferredAlternativeGroupIds: e.preferredAlternativeGroupIds,
        });
      }
    }
    result[kind] = { id, kind, byGroup, byNdc };
  }
  return result;
}

/** The entry that applies to a dispensed NDC: its own entry wins over its group's. */
export function entryFor(formulary: SeedFormulary, groupId: string, ndc: string): SeedFormularyEntry | null {
  return formulary.byNdc.get(ndc) ?? formulary.byGroup.get(groupId) ?? null;
}

/** Whether the seed may write ordinary prescriptions for a group: covered with no step or PA hurdle. */
export function freelyCovered(formulary: SeedFormulary, group: CatalogGroup, ndc: string): boolean {
  const entry = entryFor(formulary, group.id, ndc);
  return !!entry && !entry.excluded && entry.stepTherapyGroupIds.length === 0 && !entry.requiresPriorAuth;
}

/** Nominal days a fill covers per channel, to turn "N units per D days" into a per-fill quantity limit. */
const CHANNEL_DAYS: Record<Channel, number> = {
  retail_30: 30,
  retail_90: 90,
  home_delivery_90: 90,
  specialty: 30,
};

/** The entry in the shape the domain's adjudication rules read. */
export function toDomainEntry(entry: SeedFormularyEntry, catalog: DrugCatalog): DomainFormularyEntry {
  const ql = entry.quantityLimit;
  return {
    tier: entry.tier,
    status: entry.excluded ? 'excluded' : 'covered',
    requiresPriorAuth: entry.requiresPriorAuth,
    stepTherapy:
      entry.stepTherapyGroupIds.length > 0
        ? { prerequisiteDrugGroupIds: entry.stepTherapyGroupIds, lookbackDays: STEP_THERAPY_LOOKBACK_DAYS }
        : null,
    quantityLimitMilli: ql
      ? (Object.fromEntries(
          Object.entries(CHANNEL_DAYS).map(([channel, days]) => [
            channel,
            ql.milli * Math.max(1, Math.round(days / ql.days)),
          ]),
        ) as Record<Channel, number>)
      : null,
    preferredAlternatives: entry.preferredAlternativeGroupIds.map((groupId) => {
      const group = catalog.groupsById.get(groupId);
      return { name: group?.ref.name ?? groupId, drugGroupId: groupId };
    }),
  };
}
