// The automatic-refill run (the worker's `auto-refill` job calls it once a day with its clock): for every active
// enrollment that is due in its member's time zone, order the refill by home delivery when the rules allow it
// today, move the date when it is too soon, and pause the enrollment with a reason (and tell the member) when it
// cannot go on. Orders are idempotent per enrollment and day, so a job that runs twice orders once.
import {
  addDays,
  DEFAULT_REFILL_THRESHOLD_BPS,
  localDateInTimeZone,
  nextEligibleRefillDate,
} from '@openpbm/domain';
import type { AppDeps } from '../app-deps';
import { notifyMember } from '../messages/notify';
import { notifyOrderPlaced } from '../orders/notifications';
import { placeOrder } from '../orders/place-order';
import { ProblemError } from '../platform/problem';
import { refillFacts } from '../prescriptions/refill-view';
import { selectPrescriptions } from '../prescriptions/repo';
import * as repo from './repo';
import { AUTO_REFILL_PROBLEMS } from './service';

export interface AutoRefillRunResult {
  due: number;
  ordered: number;
  rescheduled: number;
  paused: number;
  failed: number;
}

export async function runAutoRefills(deps: AppDeps, now: Date): Promise<AutoRefillRunResult> {
  const db = deps.db.db;
  const result: AutoRefillRunResult = { due: 0, ordered: 0, rescheduled: 0, paused: 0, failed: 0 };
  // The latest calendar date anywhere (UTC+14): each enrollment is then checked against its member's own today.
  const latest = addDays(localDateInTimeZone(now, 'UTC'), 1);
  for (const enrollment of await repo.dueEnrollments(db, latest)) {
    const [rx] = await selectPrescriptions(deps.db.sql, [enrollment.prescriptionId]);
    if (!rx) continue;
    const today = localDateInTimeZone(now, rx.time_zone);
    if (enrollment.nextRefillDate > today) continue;
    result.due += 1;
    const facts = refillFacts(rx, today);
    const pause = async (problem: string) => {
      await repo.updateEnrollment(
        db,
        enrollment.id,
        { status: 'paused', pausedAt: now, lastProblem: problem, lastRunAt: now },
        now,
        ['active'],
      );
      await notifyMember(deps, {
        kind: problem === 'payment' ? 'payment_problem' : 'refill_due',
        memberId: enrollment.memberId,
        subject: `Automatic refill paused for Rx ${rx.rx_number}`,
        body: `We could not order the automatic refill of ${rx.drug_name} (Rx ${rx.rx_number}). ${AUTO_REFILL_PROBLEMS[problem] ?? ''}`,
        portalPath: '/members/auto-refill',
        dedupeKey: `auto_refill_paused:${enrollment.id}:${today}`,
      });
      result.paused += 1;
    };

    if (facts.state === 'too_soon' && facts.nextEligibleDate) {
      await repo.updateEnrollment(
        db,
        enrollment.id,
        { nextRefillDate: facts.nextEligibleDate, lastRunAt: now },
        now,
      );
      result.rescheduled += 1;
      continue;
    }
    if (facts.state === 'in_progress') {
      await repo.updateEnrollment(
        db,
        enrollment.id,
        { nextRefillDate: addDays(today, 1), lastRunAt: now },
        now,
      );
      result.rescheduled += 1;
      continue;
    }
    if (facts.state !== 'eligible') {
      await pause(facts.state);
      continue;
    }
    try {
      const placed = await placeOrder(deps, {
        memberId: enrollment.memberId,
        payerMemberId: await payerOf(deps, enrollment.enrolledByUserId, enrollment.memberId),
        prescriptionIds: [rx.id],
        shippingSpeed: 'standard',
        shippingAddress: null,
        paymentMethodId: enrollment.paymentMethodId,
        source: 'auto_refill',
        actor: { userId: null, role: 'system', ip: null },
        idempotencyKey: `auto-refill:${enrollment.id}:${today}`,
      });
      // Next time: when this fill will be due again (the job re-checks the rules on that day).
      const next = nextEligibleRefillDate(
        { fillDate: today, daysSupply: rx.days_supply },
        rx.refill_threshold_bps ?? DEFAULT_REFILL_THRESHOLD_BPS,
      );
      await repo.updateEnrollment(
        db,
        enrollment.id,
        { nextRefillDate: next, lastOrderId: placed.orderId, lastProblem: null, lastRunAt: now },
        now,
      );
      if (placed.created) await notifyOrderPlaced(deps, placed.orderId);
      result.ordered += 1;
    } catch (error) {
      if (error instanceof ProblemError && error.status < 500) {
        const field = error.errors?.[0]?.field ?? '';
        await pause(field === 'paymentMethodId' ? 'payment' : 'not_covered');
      } else {
        result.failed += 1;
      }
    }
  }
  return result;
}

/** The enrollee's own member record pays (their cards); fall back to the patient. */
async function payerOf(deps: AppDeps, userId: string, patientId: string): Promise<string> {
  const { rows } = await deps.db.sql.query<{ member_id: string | null }>(
    'select member_id from users where id = $1',
    [userId],
  );
  return rows[0]?.member_id ?? patientId;
}
