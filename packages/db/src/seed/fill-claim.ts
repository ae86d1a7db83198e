// One fill as a B1 claim: the request a pharmacy would send, adjudicated by the domain engine against the
// member's coverage, formulary, approvals, medication history, network contract and accumulators.
import {
  type Accumulators,
  type AdjudicationResult,
  adjudicate,
  type FormularyEntry as DomainFormularyEntry,
  type DrugInteraction,
  type DrugProduct,
  type LocalDate,
  type MedicationHistoryEntry,
  type PriorAuthApproval,
} from '@openpbm/domain';
import { type ClaimRow, outcomeColumns, submittedAmounts } from './claim-rows';
import { businessInstant } from './dates';
import type { CatalogGroup, CatalogProduct, DrugCatalog } from './drug-catalog';
import type { SeedFamily } from './families';
import { entryFor, toDomainEntry } from './formularies';
import type { IdentifierFactory } from './identifiers';
import { contractFor } from './networks';
import { BIN, PCN, type SeedPlan, type SeedPlanYear } from './plans';
import type { WrittenPrescription } from './prescription-chain';
import type { Prng, SeedIds } from './prng';
import type { Therapy } from './therapies';

/** Drug and formulary facts in the domain's shapes, built once per product and per formulary entry. */
export class DomainFacts {
  private readonly drugs = new Map<string, DrugProduct>();
  private readonly entries = new Map<string, DomainFormularyEntry | null>();

  constructor(private readonly catalog: DrugCatalog) {}

  drug(group: CatalogGroup, product: CatalogProduct): DrugProduct {
    let drug = this.drugs.get(product.id);
    if (!drug) {
      drug = {
        ndc: product.ref.ndc,
        name: product.ref.name,
        drugGroupId: group.id,
        therapeuticClassId: group.classId,
        ingredients: group.ref.ingredients,
        unitPriceMicrodollars: product.unitPriceMicros,
        macUnitPriceMicrodollars: null,
        isGeneric: product.isGeneric,
      };
      this.drugs.set(product.id, drug);
    }
    return drug;
  }

  formularyEntry(plan: SeedPlan, groupId: string, ndc: string): DomainFormularyEntry | null {
    const key = `${plan.formulary.id}|${ndc}`;
    if (!this.entries.has(key)) {
      const entry = entryFor(plan.formulary, groupId, ndc);
      this.entries.set(key, entry ? toDomainEntry(entry, this.catalog) : null);
    }
    return this.entries.get(key) ?? null;
  }
}

export interface FillInput {
  therapy: Therapy;
  family: SeedFamily;
  rx: WrittenPrescription;
  date: LocalDate;
  plan: SeedPlan;
  planYear: SeedPlanYear;
  approvals: readonly PriorAuthApproval[];
  history: MedicationHistoryEntry[];
  accumulators: Accumulators;
}

export interface FillContext {
  ids: SeedIds;
  numbers: IdentifierFactory;
  facts: DomainFacts;
  interactions: DrugInteraction[];
}

export interface AdjudicatedFill {
  claim: ClaimRow & { id: string };
  result: AdjudicationResult;
  /** What this fill adds to the member's medication history if it is paid. */
  historyEntry: MedicationHistoryEntry;
}

const NO_CONTRACT = { discountBps: 0, genericDiscountBps: 0, dispensingFeeCents: 0 };

export function adjudicateFill(ctx: FillContext, prng: Prng, input: FillInput): AdjudicatedFill {
  const { therapy: t, plan, date } = input;
  const contract = contractFor(plan.network, t.pharmacy.contracts.get(plan.network.kind) ?? NO_CONTRACT);
  const drug = ctx.facts.drug(t.group, t.product);
  const { quantityMilli, daysSupply } = t.amount;
  const result = adjudicate({
    claim: {
      dateOfService: date,
      ndc: drug.ndc,
      quantityMilli,
      daysSupply,
      channel: t.channel,
      pharmacyId: t.pharmacy.id,
      pharmacyChainId: t.pharmacy.chainCode,
      prescriberId: t.prescriber.id,
      submitted: submittedAmounts(
        prng,
        t.product,
        quantityMilli,
        contract.terms[t.channel]?.dispensingFeeCents ?? 0,
      ),
    },
    member: {
      coverageSpans: t.member.spans.map((s) => ({ effectiveDate: s.startDate, terminationDate: s.endDate })),
      coverageLevel: input.family.coverageLevel,
    },
    plan: plan.benefit,
    drug,
    formularyEntry: ctx.facts.formularyEntry(plan, t.group.id, drug.ndc),
    priorAuthorizations: [...input.approvals],
    medicationHistory: input.history,
    interactions: ctx.interactions,
    network: contract,
    accumulators: input.accumulators,
  });
  const id = ctx.ids.next();
  const claim: ClaimRow & { id: string } = {
    id,
    transactionCode: 'B1',
    bin: BIN,
    pcn: PCN,
    rxGroup: plan.design.rxGroup,
    serviceProviderId: t.pharmacy.npi,
    pharmacyId: t.pharmacy.id,
    memberId: t.member.id,
    clientId: input.family.client.id,
    planId: plan.id,
    planYearId: input.planYear.id,
    prescriptionId: input.rx.row.id,
    prescriberId: t.prescriber.id,
    rxNumber: input.rx.row.rxNumber,
    fillNumber: input.rx.fills.length,
    ndc: drug.ndc,
    drugGroupId: t.group.id,
    quantityMilli,
    daysSupply,
    dateOfService: date,
    channel: t.channel,
    ...outcomeColumns(result, () => ctx.numbers.authorizationNumber()),
    receivedAt: businessInstant(prng, date),
  };
  const historyEntry: MedicationHistoryEntry = {
    claimId: id,
    ndc: drug.ndc,
    drugName: drug.name,
    drugGroupId: drug.drugGroupId,
    therapeuticClassId: drug.therapeuticClassId,
    ingredients: drug.ingredients,
    fillDate: date,
    daysSupply,
    quantityMilli,
    pharmacyId: t.pharmacy.id,
    pharmacyChainId: t.pharmacy.chainCode,
    prescriberId: t.prescriber.id,
  };
  return { claim, result, historyEntry };
}
