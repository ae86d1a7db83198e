// Decision clocks of prior authorizations, formulary exceptions and appeals.
//
// - Expedited: decided within 72 hours of receipt. Standard: within 7 calendar days (7 × 24 hours from the
//   instant the complete request was received; weekends and holidays count).
// - Request for more information TOLLS the clock (29 CFR 2560.503-1(f)(4) model): when the reviewer asks the
//   prescriber for information the clock stops and the time left is kept; when the prescriber answers, the
//   clock restarts with exactly that time left (it is not reset to a full 72 h / 7 days, and the time spent
//   waiting does not count). The prescriber has a response window (48 hours expedited, 14 days standard);
//   when it passes without an answer the clock restarts anyway and the case returns to the queue to be
//   decided on the information at hand.
// - A case whose clock ran out undecided is overdue and is escalated (worker job), once.
// - An appeal is a new case with its own clock of the same length; it must be filed within 180 days of the
//   denial and is decided by a reviewer who did not decide the case appealed.
export const EXPEDITED_DECISION_HOURS = 72;
export const STANDARD_DECISION_DAYS = 7;
export const EXPEDITED_INFO_RESPONSE_HOURS = 48;
export const STANDARD_INFO_RESPONSE_DAYS = 14;
export const APPEAL_WINDOW_DAYS = 180;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type CaseStatus =
  | 'pending'
  | 'in_review'
  | 'pending_info'
  | 'approved'
  | 'denied'
  | 'withdrawn'
  | 'revoked';

export const OPEN_STATUSES: readonly CaseStatus[] = ['pending', 'in_review', 'pending_info'];

export function isOpenStatus(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** How long the plan has to decide. */
export function decisionWindowMs(expedited: boolean): number {
  return expedited ? EXPEDITED_DECISION_HOURS * HOUR_MS : STANDARD_DECISION_DAYS * DAY_MS;
}

export function decisionDueAt(receivedAt: Date, expedited: boolean): Date {
  return new Date(receivedAt.getTime() + decisionWindowMs(expedited));
}

/** The state of a case's clock: running toward dueAt, or stopped with `remainingMs` kept. */
export interface DecisionClock {
  dueAt: Date;
  /** When the clock was stopped for a request for information; null while it runs. */
  pausedAt: Date | null;
  /** Time left when it was stopped. */
  remainingMs: number | null;
  /** Until when the prescriber may answer; null while the clock runs. */
  infoDueAt: Date | null;
}

export function runningClock(dueAt: Date): DecisionClock {
  return { dueAt, pausedAt: null, remainingMs: null, infoDueAt: null };
}

export function infoResponseWindowMs(expedited: boolean): number {
  return expedited ? EXPEDITED_INFO_RESPONSE_HOURS * HOUR_MS : STANDARD_INFO_RESPONSE_DAYS * DAY_MS;
}

/** Stops the clock at `at` for a request for information (an already stopped clock stays as it is). */
export function pauseForInformation(clock: DecisionClock, at: Date, expedited: boolean): DecisionClock {
  if (clock.pausedAt) return clock;
  return {
    dueAt: clock.dueAt,
    pausedAt: at,
    remainingMs: Math.max(0, clock.dueAt.getTime() - at.getTime()),
    infoDueAt: new Date(at.getTime() + infoResponseWindowMs(expedited)),
  };
}

/** Restarts a stopped clock at `at` with the time that was left; a running clock is returned unchanged. */
export function resumeClock(clock: DecisionClock, at: Date): DecisionClock {
  if (!clock.pausedAt || clock.remainingMs == null) return clock;
  return runningClock(new Date(at.getTime() + clock.remainingMs));
}

/** Overdue: the clock runs and its due time has passed. A stopped clock is never overdue. */
export function isOverdue(clock: DecisionClock, now: Date): boolean {
  return clock.pausedAt === null && now.getTime() > clock.dueAt.getTime();
}

/** The prescriber's response window has passed without an answer. */
export function infoWindowExpired(clock: DecisionClock, now: Date): boolean {
  return clock.pausedAt !== null && clock.infoDueAt !== null && now.getTime() > clock.infoDueAt.getTime();
}

/** The instant the queue sorts by: the decision due time, or for a stopped clock the end of the info window. */
export function queueDeadline(clock: DecisionClock): Date {
  return clock.pausedAt && clock.infoDueAt ? clock.infoDueAt : clock.dueAt;
}

/** Last instant an appeal of a denial decided at `deniedAt` may be filed. */
export function appealDeadline(deniedAt: Date): Date {
  return new Date(deniedAt.getTime() + APPEAL_WINDOW_DAYS * DAY_MS);
}

/** An appeal is decided by a clinician who decided none of the earlier cases it appeals. */
export function mayDecideAppeal(
  reviewerUserId: string,
  earlierDeciders: readonly (string | null)[],
): boolean {
  return !earlierDeciders.includes(reviewerUserId);
}
