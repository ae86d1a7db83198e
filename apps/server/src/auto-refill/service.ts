// Automatic refills: a member enrolls an eligible prescription (a maintenance drug at home delivery, still valid,
// with fills left, a card and an address on file) and the nightly job orders each refill when it is due. The
// member can pause, resume, change the card or cancel.
import { addDays, localDateInTimeZone } from '@openpbm/domain';
import type { AutoRefillEnrollmentView, EnrollAutoRefillRequest } from '@openpbm/shared/auto-refill';
import { cardLabel } from '@openpbm/shared/payments';
import type { AppDeps } from '../app-deps';
import { listAccessibleMembers, requireMemberAccess } from '../family/access';
import { requireUsableMethod } from '../payments/service';
import { badRequest, conflict, notFound } from '../platform/problem';
import { refillFacts } from '../prescriptions/refill-view';
import { selectPrescriptions } from '../prescriptions/repo';
import type { ReadContext } from '../prescriptions/service';
import { auditRead } from '../prescriptions/service';
import { auditByCaller } from '../privacy/audit';
import * as repo from './repo';

export const AUTO_REFILL_PROBLEMS: Record<string, string> = {
  no_refills_left:
    'No refills are left. Ask your doctor for a new prescription, then turn automatic refills back on.',
  expired: 'The prescription has expired. Ask your doctor for a new prescription.',
  closed: 'The prescription is no longer active.',
  on_hold: 'The pharmacy put the prescription on hold.',
  retail: 'The prescription is not at home delivery.',
  payment: 'The card on file could not be used. Choose another card and resume.',
  not_covered: 'Your plan would not pay for this refill today.',
};

export async function listAutoRefills(deps: AppDeps, ctx: ReadContext): Promise<AutoRefillEnrollmentView[]> {
  const members = await listAccessibleMembers(deps, ctx.principal);
  const rows = await repo.listEnrollments(
    deps.db.db,
    members.map((m) => m.memberId),
  );
  const rx = await selectPrescriptions(
    deps.db.sql,
    rows.map((r) => r.enrollment.prescriptionId),
  );
  for (const member of members) {
    if (rows.some((r) => r.enrollment.memberId === member.memberId)) {
      await auditRead(deps, ctx, { resourceType: 'auto_refill', memberId: member.memberId });
    }
  }
  return rows.map(({ enrollment, card, lastOrderNumber }) => {
    const p = rx.find((r) => r.id === enrollment.prescriptionId);
    return {
      id: enrollment.id,
      prescriptionId: enrollment.prescriptionId,
      rxNumber: p?.rx_number ?? '',
      drugName: p?.drug_name ?? '',
      memberId: enrollment.memberId,
      memberName: p ? `${p.first_name} ${p.last_name}` : '',
      status: enrollment.status as 'active' | 'paused',
      nextRefillDate: enrollment.nextRefillDate,
      cardLabel: card ? cardLabel(card) : null,
      paymentMethodId: enrollment.paymentMethodId,
      problem: enrollment.lastProblem
        ? (AUTO_REFILL_PROBLEMS[enrollment.lastProblem] ?? enrollment.lastProblem)
        : null,
      lastOrderId: enrollment.lastOrderId,
      lastOrderNumber,
    };
  });
}

export async function enrollAutoRefill(deps: AppDeps, ctx: ReadContext, input: EnrollAutoRefillRequest) {
  const [row] = await selectPrescriptions(deps.db.sql, [input.prescriptionId]);
  if (!row) throw notFound('No prescription with this id is available to you.');
  const member = await requireMemberAccess(deps, ctx.principal, row.member_id, 'manage').catch(
    (error: unknown) => {
      if ((error as { status?: number }).status === 403) throw error;
      throw notFound('No prescription with this id is available to you.');
    },
  );
  const today = localDateInTimeZone(deps.now(), member.timeZone);
  const facts = refillFacts(row, today);
  const why = (message: string) => badRequest(message, [{ field: 'prescriptionId', message }]);
  if (!row.maintenance) throw why('Automatic refills are for medicines you take every day.');
  if (!row.home_delivery) throw why('Transfer this prescription to home delivery first.');
  if (!facts.current || facts.state === 'on_hold') throw why(facts.message);
  if (facts.fillsLeft === 0) throw why(AUTO_REFILL_PROBLEMS.no_refills_left as string);
  if (row.enrollment_id)
    throw conflict('Automatic refills are already set up for this prescription.', 'already-exists');
  const card = await requireUsableMethod(deps, ctx.principal.memberId as string, input.paymentMethodId);
  const nextRefillDate =
    facts.nextEligibleDate && facts.nextEligibleDate > today ? facts.nextEligibleDate : today;
  const created = await repo.insertEnrollment(deps.db.db, {
    prescriptionId: row.id,
    memberId: row.member_id,
    enrolledByUserId: ctx.principal.userId,
    paymentMethodId: card.id,
    nextRefillDate,
    now: deps.now(),
  });
  if (!created)
    throw conflict('Automatic refills are already set up for this prescription.', 'already-exists');
  await audit(deps, ctx, 'created', created.id, row.member_id);
  return created;
}

async function ownEnrollment(deps: AppDeps, ctx: ReadContext, id: string) {
  const enrollment = await repo.findEnrollment(deps.db.db, id);
  if (!enrollment || enrollment.status === 'cancelled') throw notFound('No automatic refill with this id.');
  await requireMemberAccess(deps, ctx.principal, enrollment.memberId, 'manage').catch((error: unknown) => {
    if ((error as { status?: number }).status === 403) throw error;
    throw notFound('No automatic refill with this id.');
  });
  return enrollment;
}

export async function changeAutoRefill(
  deps: AppDeps,
  ctx: ReadContext,
  id: string,
  change: { action: 'pause' | 'resume' | 'cancel' } | { action: 'card'; paymentMethodId: string },
): Promise<void> {
  const enrollment = await ownEnrollment(deps, ctx, id);
  const now = deps.now();
  const db = deps.db.db;
  if (change.action === 'pause') {
    await repo.updateEnrollment(db, id, { status: 'paused', pausedAt: now }, now, ['active']);
  } else if (change.action === 'cancel') {
    await repo.updateEnrollment(db, id, { status: 'cancelled', cancelledAt: now }, now, ['active', 'paused']);
  } else if (change.action === 'resume') {
    const [row] = await selectPrescriptions(deps.db.sql, [enrollment.prescriptionId]);
    if (!row) throw notFound();
    const today = localDateInTimeZone(now, row.time_zone);
    const facts = refillFacts(row, today);
    if (!facts.current || facts.fillsLeft === 0)
      throw conflict(
        facts.fillsLeft === 0 ? (AUTO_REFILL_PROBLEMS.no_refills_left as string) : facts.message,
        'invalid-state',
      );
    await requireUsableMethod(deps, ctx.principal.memberId as string, enrollment.paymentMethodId);
    const next = facts.nextEligibleDate && facts.nextEligibleDate > today ? facts.nextEligibleDate : today;
    await repo.updateEnrollment(
      db,
      id,
      { status: 'active', pausedAt: null, lastProblem: null, nextRefillDate: next },
      now,
      ['paused'],
    );
  } else if (change.action === 'card') {
    const card = await requireUsableMethod(deps, ctx.principal.memberId as string, change.paymentMethodId);
    await repo.updateEnrollment(db, id, { paymentMethodId: card.id }, now);
  }
  await audit(
    deps,
    ctx,
    change.action === 'card' ? 'updated' : change.action === 'cancel' ? 'cancelled' : `${change.action}d`,
    id,
    enrollment.memberId,
  );
}

async function audit(deps: AppDeps, ctx: ReadContext, action: string, id: string, memberId: string) {
  await auditByCaller(deps, ctx, {
    action,
    resourceType: 'auto_refill',
    resourceId: id,
    memberId,
    reason: 'member_request',
  });
}

/** The date after which the job looks again when it is not time yet. */
export const tomorrow = (today: string) => addDays(today, 1);
