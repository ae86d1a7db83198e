// What a member reads about a prior authorization, exception or appeal: a plain-language sentence for the
// status and the reason. Dates come in as calendar dates in the member's time zone.
import { type LocalDate, parseLocalDate } from '../time/local-date';
import type { CaseStatus } from './clock';
import type { CaseType } from './types';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "March 10, 2026". */
export function longDate(date: LocalDate): string {
  const { year, month, day } = parseLocalDate(date);
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  prior_auth: 'Prior authorization',
  formulary_exception: 'Formulary exception',
  appeal: 'Appeal',
};

export const STATUS_LABELS: Record<CaseStatus, string> = {
  pending: 'Received',
  in_review: 'In review',
  pending_info: 'Waiting for your prescriber',
  approved: 'Approved',
  denied: 'Not approved',
  withdrawn: 'Withdrawn',
  revoked: 'Ended',
};

export interface MemberStatusInput {
  type: CaseType;
  status: CaseStatus;
  drugName: string;
  /** Decision due date (member's time zone); null while the clock is stopped for information. */
  dueOn: LocalDate | null;
  effectiveFrom: LocalDate | null;
  effectiveTo: LocalDate | null;
  /** The reviewer's reason, written for the member. */
  decisionReason: string | null;
  /** Last day to appeal a denial; null when it cannot be appealed (already appealed, or window passed). */
  appealBy: LocalDate | null;
}

export function memberStatusText(c: MemberStatusInput): string {
  switch (c.status) {
    case 'pending':
    case 'in_review':
      return c.dueOn
        ? `We are reviewing this request for ${c.drugName}. We will decide by ${longDate(c.dueOn)}.`
        : `We are reviewing this request for ${c.drugName}.`;
    case 'pending_info':
      return `We asked your prescriber for more information about ${c.drugName}. We will decide after they answer, or when the time to answer ends.`;
    case 'approved': {
      const period =
        c.effectiveFrom && c.effectiveTo
          ? ` from ${longDate(c.effectiveFrom)} through ${longDate(c.effectiveTo)}`
          : '';
      return `Approved. Your plan covers ${c.drugName}${period}.`;
    }
    case 'denied': {
      const reason = c.decisionReason ? ` ${ensurePeriod(c.decisionReason)}` : '';
      const appeal = c.appealBy
        ? ` You or your prescriber can appeal this decision until ${longDate(c.appealBy)}.`
        : '';
      return `Not approved.${reason}${appeal}`;
    }
    case 'withdrawn':
      return 'Your prescriber withdrew this request.';
    case 'revoked':
      return 'This approval was ended early.';
  }
}

function ensurePeriod(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
