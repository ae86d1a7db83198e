// When a customer-service case must be answered (its SLA): a written message within one business day
// (24 hours, weekends skipped), a callback by the end of the window the member chose, an escalated case within
// 4 hours of the escalation. The queue sorts by this time.
export const MESSAGE_SLA_HOURS = 24;
export const ESCALATION_SLA_HOURS = 4;

const HOUR = 3_600_000;

/** Adds hours, skipping Saturdays and Sundays (UTC), so a Friday message is due on Monday. */
export function addBusinessHours(from: Date, hours: number): Date {
  let at = new Date(from.getTime() + hours * HOUR);
  while (at.getUTCDay() === 6 || at.getUTCDay() === 0) at = new Date(at.getTime() + 24 * HOUR);
  return at;
}

export function caseDueAt(
  input: { channel: 'message' | 'phone' } | { channel: 'callback'; callbackTo: Date },
  openedAt: Date,
): Date {
  if (input.channel === 'callback') return input.callbackTo;
  return addBusinessHours(openedAt, MESSAGE_SLA_HOURS);
}

export const escalationDueAt = (escalatedAt: Date): Date =>
  new Date(escalatedAt.getTime() + ESCALATION_SLA_HOURS * HOUR);

/** Minutes left before the SLA (negative once overdue). */
export const minutesLeft = (dueAt: Date, now: Date): number =>
  Math.floor((dueAt.getTime() - now.getTime()) / 60_000);
