// Replays a family's pharmacy history in date order: prescriptions are written and renewed, each fill is
// adjudicated by the domain engine against the family's accumulators at that moment, and a few fills are tried
// too early (rejected 79) or reversed after the member never picked them up, then billed again.
import {
  type AccumulatorDelta,
  addDays,
  type DrugInteraction,
  type LocalDate,
  type MedicationHistoryEntry,
  nextEligibleRefillDate,
  type PriorAuthApproval,
} from '@openpbm/domain';
import type { FieldKey } from '../field-crypto';
import type { prescriptions } from '../schema/index';
import { FamilyAccumulators } from './accumulators';
import { type ClaimRow, reversalRow } from './claim-rows';
import { businessInstant, maxDate } from './dates';
import type { DrugCatalog } from './drug-catalog';
import type { DrugChoices } from './drug-choices';
import { EventQueue } from './event-queue';
import { type SeedFamily, type SeedMember, spanOn } from './families';
import { adjudicateFill, type DomainFacts } from './fill-claim';
import type { FormularyKind } from './formularies';
import type { IdentifierFactory } from './identifiers';
import { completedOrder, type OrderContext, type OrderLine, type OrderRows, openOrder } from './orders';
import { type PlanKey, planYearOf, type SeedPlan } from './plans';
import {
  closePrescription,
  isOngoing,
  needsNewPrescription,
  type WrittenPrescription,
  writePrescription,
} from './prescription-chain';
import { approvedCase, openCasesFor, type PriorAuthRow } from './prior-auth';
import type { Prng, SeedIds } from './prng';
import type { Therapy } from './therapies';

export interface SimulationContext {
  /** Members in the whole seed. */
  members: number;
  asOf: LocalDate;
  ids: SeedIds;
  numbers: IdentifierFactory;
  fieldKey: FieldKey;
  catalog: DrugCatalog;
  plans: Record<PlanKey, SeedPlan>;
  interactions: DrugInteraction[];
  homeDeliveryPharmacyId: string;
  choices: Record<FormularyKind, DrugChoices>;
  facts: DomainFacts;
}

export interface FamilyHistory {
  prescriptions: (typeof prescriptions.$inferInsert)[];
  priorAuthorizations: PriorAuthRow[];
  claims: ClaimRow[];
  accumulators: ReturnType<FamilyAccumulators['rows']>;
  orders: OrderRows;
}

interface TherapyState {
  therapy: Therapy;
  rx: WrittenPrescription | null;
  chain: WrittenPrescription[];
  approvals: PriorAuthApproval[];
  stopped: boolean;
  /** Only the fill event carrying the current token is live; rescheduling bumps it. */
  token: number;
  nextFill: LocalDate | null;
  /** The member's share of the last mail fill: the estimate of the next mail order. */
  lastMailCostCents: number;
}

interface PaidFill {
  claim: ClaimRow;
  rx: WrittenPrescription;
  historyEntry: MedicationHistoryEntry;
  delta: AccumulatorDelta;
  planYearId: string;
}

type Event =
  | { kind: 'fill'; state: TherapyState; token: number }
  | { kind: 'reverse'; state: TherapyState; fill: PaidFill };

/** Chances per refill that it is tried before it is due (rejected 79), that a retail fill is reversed, and that
 * a long-term drug is stopped. */
const EARLY_REFILL_CHANCE = 0.03;
const REVERSAL_CHANCE = 0.012;
const DISCONTINUE_CHANCE = 0.03;
/**
 * A mail refill due within this many days has been requested already and waits in the pharmacy queue. The demo
 * family asks a cycle ahead, so the pharmacist's demo queue always has its orders.
 */
const OPEN_ORDER_HORIZON_DAYS = 5;
const DEMO_OPEN_ORDER_HORIZON_DAYS = 90;

export function simulateFamily(
  ctx: SimulationContext,
  prng: Prng,
  family: SeedFamily,
  therapies: readonly Therapy[],
): FamilyHistory {
  const subscriber = family.members[0] as SeedMember;
  const accumulators = new FamilyAccumulators(subscriber.id, family.coverageLevel);
  const histories = new Map<string, MedicationHistoryEntry[]>(family.members.map((m) => [m.id, []]));
  const claims: ClaimRow[] = [];
  const priorAuthorizations: PriorAuthRow[] = [];
  const mailFills = new Map<string, { memberId: string; date: LocalDate; lines: OrderLine[] }>();
  const queue = new EventQueue<Event>();
  const states: TherapyState[] = therapies.map((therapy) => ({
    therapy,
    rx: null,
    chain: [],
    approvals: [],
    stopped: false,
    token: 0,
    nextFill: null,
    lastMailCostCents: 0,
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

  /** Specialty drugs need an approval in force on the fill date; the prescriber renews it yearly. */
  const ensureApproval = (state: TherapyState, date: LocalDate) => {
    if (state.approvals.some((a) => a.effectiveDate <= date && date <= a.expirationDate)) return;
    const t = state.therapy;
    const input = {
      memberId: t.member.id,
      prescriberId: t.prescriber.id,
      group: t.group,
      ndc: t.product.ref.ndc,
      quantityMilli: t.amount.quantityMilli,
      daysSupply: t.amount.daysSupply,
    };
    const { row, approval } = approvedCase(ctx.ids, ctx.numbers, prng, input, addDays(date, -prng.int(1, 3)));
    state.approvals.push(approval);
    priorAuthorizations.push(row);
  };

  const fill = (state: TherapyState, date: LocalDate) => {
    const t = state.therapy;
    const span = spanOn(t.member, date);
    if (!span) return stop(state); // coverage ended: the member fills elsewhere now
    const plan = ctx.plans[span.planKey];
    if (needsNewPrescription(state.rx, date)) {
      state.rx = writePrescription(ctx.ids, ctx.numbers, prng, t, date, state.rx);
      state.chain.push(state.rx);
    }
    const rx = state.rx as WrittenPrescription;
    if (t.kind === 'specialty') ensureApproval(state, date);
    const planYear = planYearOf(plan, date);
    const history = histories.get(t.member.id) ?? [];
    const { claim, result, historyEntry } = adjudicateFill(ctx, prng, {
      therapy: t,
      family,
      rx,
      date,
      plan,
      planYear,
      approvals: state.approvals,
      history,
      accumulators: accumulators.current(planYear.id, t.member.id),
    });
    claims.push(claim);

    if (result.outcome !== 'paid' || !result.accumulatorDelta) {
      // Only an early refill is expected to fail; anything else ends the therapy (the seed never loops).
      const tooSoon = result.rejectCodes.length === 1 && result.rejectCodes[0] === '79';
      if (tooSoon && result.refillEligibleOn)
        schedule(state, addDays(result.refillEligibleOn, prng.int(0, 2)));
      else stop(state);
      return;
    }
    history.push(historyEntry);
    accumulators.apply(planYear.id, t.member.id, result.accumulatorDelta);
    rx.fills.push(date);
    if (t.channel === 'home_delivery_90') {
      rx.firstMailFill ??= date;
      const key = `${t.member.id}|${date}`;
      const order = mailFills.get(key) ?? { memberId: t.member.id, date, lines: [] };
      const { quantityMilli, daysSupply } = t.amount;
      const memberCostCents = claim.patientPayCents ?? 0;
      state.lastMailCostCents = memberCostCents;
      order.lines.push({
        prescriptionId: rx.row.id,
        quantityMilli,
        daysSupply,
        memberCostCents,
        claimId: claim.id,
      });
      mailFills.set(key, order);
    }

    const reverseOn = addDays(date, prng.int(5, 10));
    if (t.pharmacy.kind === 'retail' && reverseOn < ctx.asOf && prng.chance(REVERSAL_CHANCE)) {
      state.token++; // nothing else happens to this therapy until the reversal
      state.nextFill = null;
      const paid = { claim, rx, historyEntry, delta: result.accumulatorDelta, planYearId: planYear.id };
      queue.push(reverseOn, { kind: 'reverse', state, fill: paid });
      return;
    }
    scheduleNext(state, date, plan);
  };

  /** Whether the demo subscriber's one early retail refill (below) has been tried. */
  let demoTriedEarly = false;

  const scheduleNext = (state: TherapyState, date: LocalDate, plan: SeedPlan) => {
    const t = state.therapy;
    const fills = state.chain.reduce((n, rx) => n + rx.fills.length, 0);
    // Long-term drugs are sometimes stopped or refilled too early; short courses and the demo family never.
    const erratic = t.kind !== 'acute' && !t.steady;
    if (fills >= t.plannedFills || (erratic && prng.chance(DISCONTINUE_CHANCE))) return stop(state);
    const due = { fillDate: date, daysSupply: t.amount.daysSupply };
    const eligibleOn = nextEligibleRefillDate(due, plan.benefit.refillThresholdBps);
    if (erratic && prng.chance(EARLY_REFILL_CHANCE)) {
      return schedule(state, maxDate(addDays(date, 1), addDays(eligibleOn, -prng.int(1, 3))));
    }
    // The demo subscriber tries one retail refill two days early in the last weeks (rejected 79), so the claims
    // page always shows a rejected claim and its reason; the refill is then filled when due.
    const earlyTry = addDays(eligibleOn, -2);
    if (
      family.demo &&
      !demoTriedEarly &&
      t.member.id === subscriber.id &&
      t.channel === 'retail_30' &&
      earlyTry <= ctx.asOf &&
      addDays(earlyTry, 40) > ctx.asOf
    ) {
      demoTriedEarly = true;
      return schedule(state, earlyTry);
    }
    schedule(state, maxDate(eligibleOn, addDays(date, t.amount.lastsDays + prng.int(-3, 6))));
  };

  /** The pharmacy returns an unclaimed fill to stock (B2); the member comes back and it is billed again. */
  const reverse = (state: TherapyState, paid: PaidFill, date: LocalDate) => {
    const reversedAt = businessInstant(prng, date);
    paid.claim.status = 'reversed';
    paid.claim.reversedAt = reversedAt;
    claims.push(reversalRow(paid.claim, ctx.ids.next(), reversedAt));
    accumulators.reverse(paid.planYearId, state.therapy.member.id, paid.delta);
    const history = histories.get(state.therapy.member.id) ?? [];
    history.splice(history.indexOf(paid.historyEntry), 1);
    paid.rx.fills.pop();
    schedule(state, addDays(date, prng.int(1, 4)));
  };

  for (const state of states) schedule(state, state.therapy.firstFill);
  for (let next = queue.pop(); next; next = queue.pop()) {
    if (next.date > ctx.asOf) continue;
    const event = next.value;
    if (event.kind === 'reverse') reverse(event.state, event.fill, next.date);
    else if (event.token === event.state.token && !event.state.stopped) fill(event.state, next.date);
  }

  const orders: OrderRows = { orders: [], items: [], events: [], requests: [] };
  const orderContext: OrderContext = { ...ctx, pharmacyId: ctx.homeDeliveryPharmacyId };
  for (const order of mailFills.values()) {
    completedOrder(orderContext, prng, family, order.memberId, order.date, order.lines, orders);
  }
  const prescriptionRows = closeTherapies(ctx, prng, family, states, orderContext, orders);
  const prescriberOf = (memberId: string) =>
    prescriptionRows.find((p) => p.memberId === memberId)?.prescriberId;
  priorAuthorizations.push(...openCasesFor(ctx, prng, family, prescriberOf));
  return {
    prescriptions: prescriptionRows,
    priorAuthorizations,
    claims,
    accumulators: accumulators.rows(ctx.ids),
    orders,
  };
}

/** Every prescription written, closed as of the as-of date; mail refills due now become open orders. */
function closeTherapies(
  ctx: SimulationContext,
  prng: Prng,
  family: SeedFamily,
  states: readonly TherapyState[],
  orderContext: OrderContext,
  orders: OrderRows,
): FamilyHistory['prescriptions'] {
  const rows: FamilyHistory['prescriptions'] = [];
  for (const state of states) {
    const t = state.therapy;
    for (const rx of state.chain) {
      const facts = {
        asOf: ctx.asOf,
        current: rx === state.rx,
        stopped: state.stopped,
        nextFill: state.nextFill,
      };
      const row = closePrescription(rx, t, facts, prng);
      rows.push(row);
      const horizon = family.demo ? DEMO_OPEN_ORDER_HORIZON_DAYS : OPEN_ORDER_HORIZON_DAYS;
      const dueSoon = state.nextFill !== null && state.nextFill <= addDays(ctx.asOf, horizon);
      if (
        isOngoing(row, facts) &&
        t.channel === 'home_delivery_90' &&
        dueSoon &&
        (family.demo || prng.chance(0.5))
      ) {
        const { quantityMilli, daysSupply } = t.amount;
        openOrder(
          orderContext,
          prng,
          family,
          t.member.id,
          { prescriptionId: rx.row.id, quantityMilli, daysSupply, memberCostCents: state.lastMailCostCents },
          orders,
        );
      }
    }
  }
  return rows;
}
