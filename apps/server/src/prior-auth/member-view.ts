// A case as a member reads it: type, status, dates in their own time zone and the plain-language summary.
import {
  appealDeadline,
  CASE_TYPE_LABELS,
  type LocalDate,
  localDateInTimeZone,
  memberStatusText,
  STATUS_LABELS,
} from '@openpbm/domain';
import type { MemberCase } from '@openpbm/shared/prior-auth';
import type { CaseRow, CaseWithDrug } from './case-repo';

/** Last day to appeal (member's zone), or null: not a denial, already appealed, an appeal itself, or too late. */
export function appealByOf(row: CaseRow, hasAppeal: boolean, now: Date, zone: string): LocalDate | null {
  if (row.status !== 'denied' || row.type === 'appeal' || hasAppeal || !row.decidedAt) return null;
  const deadline = appealDeadline(row.decidedAt);
  return now.getTime() <= deadline.getTime() ? localDateInTimeZone(deadline, zone) : null;
}

export function memberCaseView(
  row: CaseWithDrug,
  zone: string,
  now: Date,
  appealedIds: ReadonlySet<string>,
  caseNumbers: ReadonlyMap<string, string>,
): MemberCase {
  const paused = row.clockPausedAt !== null;
  const open = row.status === 'pending' || row.status === 'in_review' || row.status === 'pending_info';
  const dueOn = open && !paused ? localDateInTimeZone(row.dueAt, zone) : null;
  const appealBy = appealByOf(row, appealedIds.has(row.id), now, zone);
  return {
    id: row.id,
    caseNumber: row.caseNumber,
    type: row.type,
    typeLabel: CASE_TYPE_LABELS[row.type],
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    drugName: row.drugName,
    submittedOn: localDateInTimeZone(row.submittedAt, zone),
    dueOn,
    decidedOn: row.decidedAt ? localDateInTimeZone(row.decidedAt, zone) : null,
    effectiveFrom: row.status === 'approved' ? row.effectiveFrom : null,
    effectiveTo: row.status === 'approved' ? row.effectiveTo : null,
    summary: memberStatusText({
      type: row.type,
      status: row.status,
      drugName: row.drugName,
      dueOn,
      effectiveFrom: row.effectiveFrom,
      effectiveTo: row.effectiveTo,
      decisionReason: row.decisionReason,
      appealBy,
    }),
    appealBy,
    parentCaseNumber: row.parentId ? (caseNumbers.get(row.parentId) ?? null) : null,
  };
}
