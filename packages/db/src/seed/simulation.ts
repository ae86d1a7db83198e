// Replays a family's pharmacy history day by day: prescriptions are written and renewed, each fill is
// adjudicated by the domain engine (`adjudicate`: eligibility, formulary, PA, limits, refill timing, DUR,
// pricing, cost share) against the family's accumulators at that moment, and a few fills are tried too early
// (rejected 79) or reversed after the member never picked them up.
import {
  addDays,
  adjudicate,
  type Channel,
  type DeaSchedule,
  type FormularyEntry as DomainFormularyEntry,
  type DrugInteraction,
  type DrugProduct,
  type LocalDate,
  type MedicationHistoryEntry,
  nextEligibleRefillDate,
  type PriorAuthApproval,
  prescriptionExpiresOn,
  refillsRemaining,
} from '@openpbm/domain';
import type { FieldKey } from '../field-crypto';
import type { prescriptions } from '../schema/index';
import { FamilyAccumulators } from './accumulators';
import { type ClaimRow, outcomeColumns, reversalRow, submittedAmounts } from './claim-rows';
import { at, businessInstant, maxDate } from './dates';
import type { CatalogGroup, CatalogProduct, DrugCatalog } from './drug-catalog';
import { EventQueue } from './event-queue';
import { type SeedFamily, type SeedMember, spanOn } from './families';
import { entryFor, toDomainEntry } from './formularies';
import type { IdentifierFactory } from './identifiers';
import { contractFor } from './networks';
import { completedOrder, type OrderLine, type OrderRows, openOrder } from './orders';
import { BIN, PCN, type PlanKey, planYearOf, type SeedPlan } from './plans';
import { approvedCase, openCase, type PriorAuthRow } from './prior-auth';
import type { Prng, SeedIds } from './prng';
import type { DrugChoices, Therapy } from './therapies';

type PrescriptionRow = typeof prescriptions.$inferInsert;

export interface SimulationContext {
  asOf: LocalDate;
  ids: SeedIds;
  numbers: IdentifierFactory;
  fieldKey: FieldKey;
  catalog: DrugCatalog;
  plans: Record<PlanKey, SeedPlan>;
  interactions: DrugInteraction[];
  homeDeliveryPharmacyId: string;
  choices: Record<'standard' | 'value', DrugChoices>;
  /** Shared caches (formulary entries and drug facts in the domain's shape). */
  entryCache: Map<string, DomainFormularyEntry | null>;
  drugCache: Map<string, DrugProduct>;
}

export interface FamilyHistory {
  prescriptions: PrescriptionRow[];
  priorAuthorizations: PriorAuthRow[];
  claims: ClaimRow[];
  accumulators: ReturnType<FamilyAccumulators['rows']>;
  orders: OrderRows;
}

interface RxState {
  row: PrescriptionRow & { id: string; expiryDate: string; writtenDate: string; refillsAuthorized: number };
  /** Dates of paid, not reversed fills. */
  fills: LocalDate[];
  firstMailFill: LocalDate | null;
}

interface TherapyState {
  therapy: Therapy;
  rx: RxState | null;
  chain: RxState[];
  approvals: PriorAuthApproval[];
  stopped: boolean;
  /** Only the fill event carrying the current token is live; a reversal reschedules by bumping it. */
  token: number;
  nextFill: LocalDate | null;
}

type Event =
  | { kind: 'fill'; state: TherapyState; token: number }
  | {
      kind: 'reverse';
      state: TherapyState;
      claim: ClaimRow;
      rx: RxState;
      history: MedicationHistoryEntry;
      delta: { deductibleCents: number; oopCents: number };
      planYearId: string;
    };

const DEA_SCHEDULES: Record<string, DeaSchedule> = { '2': 'II', '3': 'III', '4': 'IV', '5': 'V' };

/** Chance that a refill is tried before it is due (and rejected 79), and that a retail fill is reversed. */
const EARLY_REFILL_CHANCE = 0.03;
const REVERSAL_CHANCE = 0.012;
const DISCONTINUE_CHANCE = 0.03;

export function simulateFamily(
  ctx: SimulationContext,
  prng: Prng,
  family: SeedFamily,
  therapies: readonly Therapy[],
): FamilyHistory {
  const subscriber = family.members[0] as SeedMember;
  const accumulators = new FamilyAccumulators(subscriber.id, family.coverageLevel);
  const history = new Map<string, MedicationHistoryEntry[]>(family.members.map((m) => [m.id, []]));
  const out: FamilyHistory = {
    prescriptions: [],
    priorAuthorizations: [],
    claims: [],
    accumulators: [],
    orders: { orders: [], items: [], events: [] },
  };
  const mailFills = new Map<
    string,
    { family: SeedFamily; memberId: string; date: LocalDate; lines: OrderLine[] }
  >();
  const queue = new EventQueue<Event>();
  const states: TherapyState[] = therapies.map((therapy) => ({
    therapy,
    rx: null,
    chain: [],
    approvals: [],
    stopped: false,
    token: 0,
    nextFill: null,
  }));

  const schedule = (state: TherapyState, date: LocalDate) => {
    state.token++;
    state.nextFill = date;
    queue.push(date, { kind: 'fill', state, token: state.token });
  };
  const stop = (state: TherapyState) => {
    state.stopped = true;
    state.nextFill = null;
  };
  for (const state of states) schedule(state, state.therapy.firstFill);

  const drugFacts = (group: CatalogGroup, product: CatalogProduct): DrugProduct => {
    let drug = ctx.drugCache.get(product.id);
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
      ctx.drugCache.set(product.id, drug);
    }
    return drug;
  };
  const formularyEntry = (plan: SeedPlan, groupId: string, ndc: string): DomainFormularyEntry | null => {
    const key = `${plan.formulary.id}|${ndc}`;
    if (!ctx.entryCache.has(key)) {
      const entry = entryFor(plan.formulary, groupId, ndc);
      ctx.entryCache.set(key, entry ? toDomainEntry(entry, ctx.catalog) : null);
    }
    return ctx.entryCache.get(key) ?? null;
  };

  const writeRx = (state: TherapyState, date: LocalDate): RxState => {
    const t = state.therapy;
    const writtenDate = maxDate(addDays(date, -prng.int(0, 3)), state.rx?.row.writtenDate ?? date);
    const deaSchedule = t.group.ref.deaSchedule ? DEA_SCHEDULES[t.group.ref.deaSchedule] : null;
    const expiresOn = prescriptionExpiresOn({
      writtenDate,
      refillsAuthorized: t.refillsAuthorized,
      fillsDispensed: 0,
      deaSchedule,
    });
    const rx: RxState = {
      row: {
        id: ctx.ids.next(),
        rxNumber: ctx.numbers.rxNumber(),
        memberId: t.member.id,
        prescriberId: t.prescriber.id,
        pharmacyId: t.pharmacy.id,
        ndc: t.product.ref.ndc,
        drugGroupId: t.group.id,
        quantityMilli: t.amount.quantityMilli,
        daysSupply: t.amount.daysSupply,
        directions: t.group.dose.sig,
        refillsAuthorized: t.refillsAuthorized,
        refillsRemaining: t.refillsAuthorized,
        writtenDate,
        // The domain gives the first day it is no longer valid; the column holds the last valid day.
        expiryDate: addDays(expiresOn, -1),
        status: 'active',
        fillCount: 0,
        autoRefillEnabled: false,
      },
      fills: [],
      firstMailFill: null,
    };
    state.rx = rx;
    state.chain.push(rx);
    return rx;
  };

  const ensureApproval = (state: TherapyState, date: LocalDate) => {
    const covered = state.approvals.some((a) => a.effectiveDate <= date && date <= a.expirationDate);
    if (covered) return;
    const t = state.therapy;
    const { row, approval } = approvedCase(
      ctx.ids,
      ctx.numbers,
      prng,
      {
        memberId: t.member.id,
        prescriberId: t.prescriber.id,
        group: t.group,
        ndc: t.product.ref.ndc,
        quantityMilli: t.amount.quantityMilli,
        daysSupply: t.amount.daysSupply,
      },
      addDays(date, -prng.int(1, 3)),
    );
    state.approvals.push(approval);
    out.priorAuthorizations.push(row);
  };

  const attemptFill = (state: TherapyState, date: LocalDate) => {
    const t = state.therapy;
    const span = spanOn(t.member, date);
    if (!span) return stop(state);
    const plan = ctx.plans[span.planKey];
    let rx = state.rx;
    if (!rx || rx.fills.length > rx.row.refillsAuthorized || date > rx.row.expiryDate)
      rx = writeRx(state, date);
    if (t.kind === 'specialty') ensureApproval(state, date);

    const contract = contractFor(plan.network, t.pharmacy.contracts.get(plan.network.kind) ?? noContract());
    const channel: Channel = t.channel;
    const fee = contract.terms[channel]?.dispensingFeeCents ?? 0;
    const planYear = planYearOf(plan, date);
    const drug = drugFacts(t.group, t.product);
    const result = adjudicate({
      claim: {
        dateOfService: date,
        ndc: t.product.ref.ndc,
        quantityMilli: t.amount.quantityMilli,
        daysSupply: t.amount.daysSupply,
        channel,
        pharmacyId: t.pharmacy.id,
        pharmacyChainId: t.pharmacy.chainCode,
        prescriberId: t.prescriber.id,
        submitted: submittedAmounts(prng, t.product, t.amount.quantityMilli, fee),
      },
      member: {
        coverageSpans: t.member.spans.map((s) => ({
          effectiveDate: s.startDate,
          terminationDate: s.endDate,
        })),
        coverageLevel: family.coverageLevel,
      },
      plan: plan.benefit,
      drug,
      formularyEntry: formularyEntry(plan, t.group.id, t.product.ref.ndc),
      priorAuthorizations: state.approvals,
      medicationHistory: history.get(t.member.id) ?? [],
      interactions: ctx.interactions,
      network: contract,
      accumulators: accumulators.current(planYear.id, t.member.id),
    });
    const claimId = ctx.ids.next();
    const claim: ClaimRow = {
      id: claimId,
      transactionCode: 'B1',
      bin: BIN,
      pcn: PCN,
      rxGroup: plan.design.rxGroup,
      serviceProviderId: t.pharmacy.npi,
      pharmacyId: t.pharmacy.id,
      memberId: t.member.id,
      clientId: family.client.id,
      planId: plan.id,
      planYearId: planYear.id,
      prescriptionId: rx.row.id,
      prescriberId: t.prescriber.id,
      rxNumber: rx.row.rxNumber,
      fillNumber: rx.fills.length,
      ndc: t.product.ref.ndc,
      drugGroupId: t.group.id,
      quantityMilli: t.amount.quantityMilli,
      daysSupply: t.amount.daysSupply,
      dateOfService: date,
      channel,
      ...outcomeColumns(result, () => ctx.numbers.authorizationNumber()),
      receivedAt: businessInstant(prng, date),
    };
    out.claims.push(claim);

    if (result.outcome !== 'paid' || !result.accumulatorDelta) {
      // Only an early refill is expected to fail; anything else ends the therapy (the seed never loops).
      const onlyTooSoon = result.rejectCodes.length === 1 && result.rejectCodes[0] === '79';
      if (onlyTooSoon && result.refillEligibleOn)
        schedule(state, addDays(result.refillEligibleOn, prng.int(0, 2)));
      else stop(state);
      return;
    }

    const entry: MedicationHistoryEntry = {
      claimId,
      ndc: drug.ndc,
      drugName: drug.name,
      drugGroupId: drug.drugGroupId,
      therapeuticClassId: drug.therapeuticClassId,
      ingredients: drug.ingredients,
      fillDate: date,
      daysSupply: t.amount.daysSupply,
      quantityMilli: t.amount.quantityMilli,
      pharmacyId: t.pharmacy.id,
      pharmacyChainId: t.pharmacy.chainCode,
      prescriberId: t.prescriber.id,
    };
    history.get(t.member.id)?.push(entry);
    accumulators.apply(planYear.id, t.member.id, result.accumulatorDelta);
    rx.fills.push(date);
    if (channel === 'home_delivery_90') {
      rx.firstMailFill ??= date;
      const key = `${t.member.id}|${date}`;
      const order = mailFills.get(key) ?? { family, memberId: t.member.id, date, lines: [] };
      order.lines.push({
        prescriptionId: rx.row.id,
        quantityMilli: t.amount.quantityMilli,
        daysSupply: t.amount.daysSupply,
        memberCostCents: claim.patientPayCents ?? 0,
        claimId,
      });
      mailFills.set(key, order);
    }

    const reverseOn = addDays(date, prng.int(5, 10));
    if (t.pharmacy.kind === 'retail' && reverseOn < ctx.asOf && prng.chance(REVERSAL_CHANCE)) {
      state.token++; // nothing else happens to this therapy until the reversal
      state.nextFill = null;
      queue.push(reverseOn, {
        kind: 'reverse',
        state,
        claim,
        rx,
        history: entry,
        delta: result.accumulatorDelta,
        planYearId: planYear.id,
      });
      return;
    }
    scheduleNext(state, date, plan);
  };

  const scheduleNext = (state: TherapyState, date: LocalDate, plan: SeedPlan) => {
    const t = state.therapy;
    const fillsSoFar = state.chain.reduce((n, rx) => n + rx.fills.length, 0);
    if (fillsSoFar >= t.plannedFills || (t.kind !== 'acute' && prng.chance(DISCONTINUE_CHANCE)))
      return stop(state);
    const eligibleOn = nextEligibleRefillDate(
      { fillDate: date, daysSupply: t.amount.daysSupply },
      plan.benefit.refillThresholdBps,
    );
    if (t.kind !== 'acute' && prng.chance(EARLY_REFILL_CHANCE)) {
      return schedule(state, maxDate(addDays(date, 1), addDays(eligibleOn, -prng.int(1, 3))));
    }
    schedule(state, maxDate(eligibleOn, addDays(date, t.amount.lastsDays + prng.int(-3, 6))));
  };

  const reverse = (event: Extract<Event, { kind: 'reverse' }>, date: LocalDate) => {
    const { state, claim, rx } = event;
    const reversedAt = businessInstant(prng, date);
    claim.status = 'reversed';
    claim.reversedAt = reversedAt;
    out.claims.push(reversalRow(claim, ctx.ids.next(), reversedAt));
    accumulators.reverse(event.planYearId, state.therapy.member.id, event.delta);
    const memberHistory = history.get(state.therapy.member.id) ?? [];
    memberHistory.splice(memberHistory.indexOf(event.history), 1);
    rx.fills.pop();
    // The member comes back for it a few days later: the same fill number is billed again.
    schedule(state, addDays(date, prng.int(1, 4)));
  };

  for (let next = queue.pop(); next; next = queue.pop()) {
    if (next.date > ctx.asOf) {
      continue;
    }
    const event = next.value;
    if (event.kind === 'reverse') reverse(event, next.date);
    else if (event.token === event.state.token && !event.state.stopped) attemptFill(event.state, next.date);
  }

  finishPrescriptions(ctx, prng, family, states, out);
  for (const order of mailFills.values()) {
    completedOrder(
      orderContext(ctx),
      prng,
      order.family,
      order.memberId,
      order.date,
      order.lines,
      out.orders,
    );
  }
  openCases(ctx, prng, family, out);
  out.accumulators = accumulators.rows(ctx.ids);
  return out;
}

const noContract = () => ({ discountBps: 0, genericDiscountBps: 0, dispensingFeeCents: 0 });

const orderContext = (ctx: SimulationContext) => ({
  ids: ctx.ids,
  numbers: ctx.numbers,
  fieldKey: ctx.fieldKey,
  pharmacyId: ctx.homeDeliveryPharmacyId,
  asOf: ctx.asOf,
});

/** Final status, fill count, refills left and auto-refill enrollment of every prescription written. */
function finishPrescriptions(
  ctx: SimulationContext,
  prng: Prng,
  family: SeedFamily,
  states: readonly TherapyState[],
  out: FamilyHistory,
): void {
  for (const state of states) {
    const t = state.therapy;
    for (const rx of state.chain) {
      const row = rx.row;
      const fills = rx.fills.length;
      const exhausted = fills > row.refillsAuthorized;
      const current = rx === state.rx;
      row.fillCount = fills;
      row.lastFillDate = rx.fills[fills - 1] ?? null;
      row.refillsRemaining = refillsRemaining({
        writtenDate: row.writtenDate,
        refillsAuthorized: row.refillsAuthorized,
        fillsDispensed: fills,
        deaSchedule: t.group.ref.deaSchedule ? DEA_SCHEDULES[t.group.ref.deaSchedule] : null,
      });
      row.status =
        row.expiryDate < ctx.asOf
          ? 'expired'
          : exhausted || !current
            ? 'completed'
            : state.stopped && t.kind !== 'acute' && prng.chance(0.15)
              ? 'cancelled'
              : 'active';
      const ongoing = current && row.status === 'active' && state.nextFill !== null && !state.stopped;
      if (ongoing && t.autoRefill && rx.firstMailFill && state.nextFill) {
        row.autoRefillEnabled = true;
        row.autoRefillEnrolledAt = at(rx.firstMailFill, '15:00');
        row.autoRefillNextDate = state.nextFill;
      }
      out.prescriptions.push(row);
      // A mail refill due in the next few days has been requested already and waits in the pharmacy queue.
      const dueSoon = state.nextFill !== null && state.nextFill <= addDays(ctx.asOf, 5);
      if (ongoing && t.channel === 'home_delivery_90' && dueSoon && (family.demo || prng.chance(0.5))) {
        openOrder(
          orderContext(ctx),
          prng,
          family,
          t.member.id,
          {
            prescriptionId: row.id,
            quantityMilli: t.amount.quantityMilli,
            daysSupply: t.amount.daysSupply,
          },
          out.orders,
        );
      }
    }
  }
}

/** Now and then a covered adult's prescriber asks to cover a drug that needs approval. */
function openCases(ctx: SimulationContext, prng: Prng, family: SeedFamily, out: FamilyHistory): void {
  for (const member of family.members) {
    const span = spanOn(member, ctx.asOf);
    if (!span || member.age < 18 || family.demo || !prng.chance(0.006)) continue;
    const plan = ctx.plans[span.planKey];
    const pool = ctx.choices[plan.formulary.kind].needsApproval;
    if (pool.length === 0) continue;
    const group = prng.pick(pool);
    const product = group.products[0] as CatalogProduct;
    const entry = entryFor(plan.formulary, group.id, product.ref.ndc);
    const prescriber = out.prescriptions.find((p) => p.memberId === member.id)?.prescriberId;
    if (!prescriber) continue;
    out.priorAuthorizations.push(
      openCase(
        ctx.ids,
        ctx.numbers,
        prng,
        {
          memberId: member.id,
          prescriberId: prescriber,
          group,
          ndc: product.ref.ndc,
          excluded: entry?.excluded ?? false,
        },
        ctx.asOf,
      ),
    );
  }
}
