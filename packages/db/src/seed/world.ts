// Everything families are placed into, written before the first member: drug reference data, formularies,
// networks, plans, employers, pharmacies and prescribers, sized to the number of members.
import { addDays, type DrugInteraction, type LocalDate } from '@openpbm/domain';
import type { FieldKey } from '../field-crypto';
import type { ReferenceData } from '../reference/types';
import type { BulkLoader } from './bulk';
import { clientCountFor, type SeedClient, type SeedGroup, writeClients } from './clients';
import { buildDrugCatalog, type DrugCatalog } from './drug-catalog';
import { drugChoices } from './drug-choices';
import type { FamilyContext } from './families';
import { DomainFacts } from './fill-claim';
import { writeFormularies } from './formularies';
import type { IdentifierFactory } from './identifiers';
import { writeNetworks } from './networks';
import { type PharmacyDirectory, writePharmacies } from './pharmacies';
import { type PlanKey, type SeedPlan, writePlans } from './plans';
import { PRIMARY_CARE, type PrescriberDirectory, type SeedPrescriber, writePrescribers } from './prescribers';
import { Prng, type SeedIds } from './prng';
import { writeReferenceData } from './reference-data';
import type { Region } from './regions';
import type { SimulationContext } from './simulation';
import type { TherapyContext } from './therapies';

/** Independent random streams per concern, so adding draws to one never shifts another. */
export const STREAM = {
  formulary: 1,
  pharmacies: 2,
  prescribers: 3,
  clients: 4,
  allocation: 5,
  staff: 6,
} as const;

/** Members per retail pharmacy and per prescriber in a metro (never fewer than a handful of each). */
const MEMBERS_PER_PHARMACY = 80;
const MEMBERS_PER_PRESCRIBER = 70;
/** Contracts and formularies in force since before any seeded history. */
const CONTRACT_START = '2020-01-01';

export interface SeedWorld {
  catalog: DrugCatalog;
  plans: Record<PlanKey, SeedPlan>;
  clients: SeedClient[];
  advisorIds: string[];
  pharmacies: PharmacyDirectory;
  prescribers: PrescriberDirectory;
  demo: { client: SeedClient; group: SeedGroup; prescriber: SeedPrescriber };
  families: FamilyContext;
  therapies: TherapyContext;
  simulation: SimulationContext;
}

export interface WorldInput {
  seed: number;
  members: number;
  asOf: LocalDate;
  historyStart: LocalDate;
  ids: SeedIds;
  numbers: IdentifierFactory;
  fieldKey: FieldKey;
  reference: ReferenceData;
}

export async function writeWorld(loader: BulkLoader, input: WorldInput): Promise<SeedWorld> {
  const { seed, asOf, historyStart, ids, numbers, reference } = input;
  const catalog = buildDrugCatalog(reference, ids);
  await writeReferenceData(loader, reference, catalog, ids, historyStart);

  const formularies = await writeFormularies(
    loader,
    catalog,
    ids,
    new Prng(seed, STREAM.formulary),
    CONTRACT_START,
  );
  const networks = await writeNetworks(loader, ids);
  // Plan years from a year before the history to a year after the as-of date.
  const plans = await writePlans(
    loader,
    ids,
    formularies,
    networks,
    addDays(historyStart, -366),
    addDays(asOf, 366),
  );
  const { clients, advisorIds } = await writeClients(
    loader,
    ids,
    new Prng(seed, STREAM.clients),
    clientCountFor(input.members),
    plans,
  );
  const perRegion = expectedMembersPerRegion(clients, input.members);
  const pharmacies = await writePharmacies(
    loader,
    ids,
    numbers,
    new Prng(seed, STREAM.pharmacies),
    networks,
    perRegion.map(({ region, members }) => ({
      region,
      count: Math.max(4, Math.ceil(members / MEMBERS_PER_PHARMACY)),
    })),
    { contractStart: CONTRACT_START, closedOn: historyStart },
  );
  const prescribers = await writePrescribers(
    loader,
    ids,
    numbers,
    new Prng(seed, STREAM.prescribers),
    perRegion.map(({ region, members }) => ({
      region,
      count: Math.max(6, Math.ceil(members / MEMBERS_PER_PRESCRIBER)),
    })),
  );

  // The demo family lives with the first client's first group and sees that metro's first family doctor.
  const client = clients[0];
  const group = client?.groups[0];
  const prescriber = prescribers.all.find(
    (p) => p.regionKey === group?.region.key && p.specialty === PRIMARY_CARE,
  );
  if (!client || !group || !prescriber) throw new Error('seed world has no demo client, group or prescriber');

  const choices = {
    standard: drugChoices(catalog, formularies.standard),
    value: drugChoices(catalog, formularies.value),
  };
  const interactions: DrugInteraction[] = reference.interactions.map((i) => ({
    a: i.ingredientA,
    b: i.ingredientB,
    severity: i.severity,
    description: i.message,
  }));
  return {
    catalog,
    plans,
    clients,
    advisorIds,
    pharmacies,
    prescribers,
    demo: { client, group, prescriber },
    families: { asOf, historyStart, ids, numbers, plans },
    therapies: {
      asOf,
      historyStart,
      plans,
      choices,
      interactingPairs: new Set(reference.interactions.map((i) => `${i.ingredientA}|${i.ingredientB}`)),
      pharmacies,
      prescribers,
      demoPrescriber: prescriber,
    },
    simulation: {
      members: input.members,
      asOf,
      ids,
      numbers,
      fieldKey: input.fieldKey,
      catalog,
      plans,
      interactions,
      homeDeliveryPharmacyId: pharmacies.homeDelivery.id,
      choices,
      facts: new DomainFacts(catalog),
    },
  };
}

/** Members each metro can expect, from client sizes and where their groups work. */
function expectedMembersPerRegion(
  clients: readonly SeedClient[],
  members: number,
): { region: Region; members: number }[] {
  const totalWeight = clients.reduce((sum, c) => sum + c.weight, 0);
  const byRegion = new Map<string, { region: Region; members: number }>();
  for (const client of clients) {
    const groupWeight = client.groups.reduce((sum, g) => sum + g.weight, 0);
    for (const group of client.groups) {
      const share = (client.weight / totalWeight) * (group.weight / groupWeight);
      const entry = byRegion.get(group.region.key) ?? { region: group.region, members: 0 };
      entry.members += share * members;
      byRegion.set(group.region.key, entry);
    }
  }
  return [...byRegion.values()];
}
