// Rows → the shapes the prescriber and the reviewer read (packages/shared/src/prior-auth.ts).
import { isOverdue, prescriberFinding, queueDeadline } from '@openpbm/domain';
import type { PrescriberCase, QueueItem } from '@openpbm/shared/prior-auth';
import type { CaseRow, CaseWithDrug } from './case-repo';
import { readEvaluation } from './request-shape';
import type { listAttachments, listEvents } from './workflow-repo';

type Events = Awaited<ReturnType<typeof listEvents>>;
type Attachments = Awaited<ReturnType<typeof listAttachments>>;

export function clockOf(
  row: Pick<CaseRow, 'dueAt' | 'clockPausedAt' | 'clockRemainingSeconds' | 'infoDueAt'>,
) {
  return {
    dueAt: row.dueAt,
    pausedAt: row.clockPausedAt,
    remainingMs: row.clockRemainingSeconds == null ? null : row.clockRemainingSeconds * 1000,
    infoDueAt: row.infoDueAt,
  };
}

export const eventsView = (events: Events) =>
  events.map((e) => ({ kind: e.kind, at: e.at.toISOString(), actorRole: e.actorRole, note: e.note }));

export const attachmentsView = (attachments: Attachments) =>
  attachments.map((a) => ({
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    sizeBytes: a.sizeBytes,
    uploadedAt: a.createdAt.toISOString(),
  }));

export function prescriberCaseView(
  row: CaseWithDrug,
  member: { firstName: string; lastName: string },
  extra: {
    events: Events;
    attachments: Attachments;
    informationRequested: string | null;
    canAppeal: boolean;
  },
): PrescriberCase {
  return {
    id: row.id,
    caseNumber: row.caseNumber,
    type: row.type,
    status: row.status,
    drugGroupId: row.drugGroupId,
    drugName: row.drugName,
    member,
    expedited: row.expedited,
    submittedAt: row.submittedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    clockPaused: row.clockPausedAt !== null,
    infoDueAt: row.infoDueAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    autoApproved: row.autoApproved,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    approvedQuantityMilli: row.approvedQuantityMilli,
    approvedDaysSupply: row.approvedDaysSupply,
    decisionReason: row.decisionReason,
    criteriaNotMet: row.criteriaNotMet,
    parentId: row.parentId,
    evaluation: readEvaluation(row.evaluation).map(prescriberFinding),
    attachments: attachmentsView(extra.attachments),
    events: eventsView(extra.events),
    informationRequested: row.status === 'pending_info' ? extra.informationRequested : null,
    canAppeal: extra.canAppeal,
  };
}

export function queueItemView(
  row: CaseWithDrug,
  now: Date,
  reviewerUserId: string,
  mayDecide: boolean,
): QueueItem {
  const clock = clockOf(row);
  return {
    id: row.id,
    caseNumber: row.caseNumber,
    type: row.type,
    status: row.status,
    drugName: row.drugName,
    expedited: row.expedited,
    submittedAt: row.submittedAt.toISOString(),
    deadline: queueDeadline(clock).toISOString(),
    dueAt: row.dueAt.toISOString(),
    overdue: isOverdue(clock, now),
    escalated: row.escalatedAt !== null,
    assignedToMe: row.reviewerUserId === reviewerUserId,
    assigned: row.reviewerUserId !== null,
    mayDecide,
  };
}
