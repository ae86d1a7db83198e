// The console's side of cases: the queue (most urgent first) of the agent's clients, one case with notes,
// replying (the member gets a pick-up e-mail, never the content), notes, taking a case, escalating to a
// pharmacist or a clinical reviewer, and closing (again a pick-up e-mail only).
import { escalationDueAt, minutesLeft } from '@openpbm/domain';
import type { AppDeps } from '../app-deps';
import { publicBaseUrl } from '../identity/security-mail';
import { sendSecureNotice } from '../messages/secure-message-service';
import { conflict, notFound } from '../platform/problem';
import { auditByCaller } from '../privacy/audit';
import * as repo from './case-repo';
import { authorLabel } from './case-service';
import { requireServedMember, type StaffContext } from './scope';
import { activeUsersWithRole, servedClientIds } from './scope-repo';

async function servedCase(deps: AppDeps, ctx: StaffContext, id: string) {
  const c = await repo.findCase(deps.db.db, id);
  if (!c) throw notFound('No case with this id is available to you.');
  await requireServedMember(deps, ctx, c.memberId).catch((error: { status?: number }) => {
    throw error.status === 404 ? notFound('No case with this id is available to you.') : error;
  });
  return c;
}

function audit(
  deps: AppDeps,
  ctx: StaffContext,
  action: string,
  caseId: string,
  memberId: string,
  detail?: Record<string, unknown>,
) {
  return auditByCaller(deps, ctx, {
    action,
    resourceType: 'support_case',
    resourceId: caseId,
    memberId,
    reason: 'member_request',
    detail: detail ?? null,
  });
}

const queueView = (now: Date) => (r: repo.QueueRow) => ({
  id: r.id,
  caseNumber: r.case_number,
  channel: r.channel,
  category: r.category,
  status: r.status,
  subject: r.subject,
  memberName: r.member_name,
  assignee: r.assignee_name,
  escalatedTo: r.escalated_to,
  dueAt: r.due_at.toISOString(),
  minutesLeft: minutesLeft(r.due_at, now),
  callbackWindow:
    r.callback_from && r.callback_to
      ? { from: r.callback_from.toISOString(), to: r.callback_to.toISOString() }
      : null,
});

export async function caseQueue(deps: AppDeps, ctx: StaffContext) {
  const clients = await servedClientIds(deps.db.db, ctx.principal.userId);
  const rows = clients.length ? await repo.queue(deps.db.sql, clients, 200) : [];
  return rows.map(queueView(deps.now()));
}

/** Cases escalated to the signed-in pharmacist or clinical reviewer (subjects only; the member's record is theirs to open). */
export async function escalations(deps: AppDeps, role: 'pharmacy_staff' | 'clinical_reviewer') {
  const rows = await repo.escalatedTo(
    deps.db.sql,
    role === 'pharmacy_staff' ? 'pharmacist' : 'clinical_reviewer',
  );
  return rows.map(queueView(deps.now()));
}

export async function staffCase(deps: AppDeps, ctx: StaffContext, id: string) {
  const c = await servedCase(deps, ctx, id);
  const entries = await repo.entriesOf(deps.db.db, id, ['member_message', 'staff_reply', 'note', 'event']);
  await audit(deps, ctx, 'viewed', id, c.memberId);
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    memberId: c.memberId,
    channel: c.channel,
    category: c.category,
    status: c.status,
    subject: c.subject,
    assigneeUserId: c.assigneeUserId,
    escalatedTo: c.escalatedTo,
    prescriptionId: c.prescriptionId,
    orderId: c.orderId,
    callbackPhone: c.callbackPhone,
    callbackWindow:
      c.callbackFrom && c.callbackTo
        ? { from: c.callbackFrom.toISOString(), to: c.callbackTo.toISOString() }
        : null,
    dueAt: c.dueAt.toISOString(),
    minutesLeft: minutesLeft(c.dueAt, deps.now()),
    createdAt: c.createdAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    entries: entries.map((e) => ({
      kind: e.kind,
      body: e.body,
      author: e.authorRole === 'member' ? 'Member' : (e.authorName ?? authorLabel(e.authorRole, null)),
      at: e.createdAt.toISOString(),
    })),
  };
}

async function tellMember(
  deps: AppDeps,
  c: { id: string; memberId: string; caseNumber: string },
  subject: string,
  body: string,
) {
  await sendSecureNotice(deps, publicBaseUrl(deps), {
    recipientUserIds: await repo.memberUserIds(deps.db.db, c.memberId),
    memberId: c.memberId,
    kind: 'customer_service',
    subject,
    body,
    portalPath: `/members/help/cases/${c.id}`,
  });
}

export async function replyAsStaff(deps: AppDeps, ctx: StaffContext, id: string, body: string) {
  const c = await servedCase(deps, ctx, id);
  if (c.status === 'closed') throw conflict('This case is closed.');
  const now = deps.now();
  await repo.addEntryAndUpdate(
    deps.db.db,
    id,
    { kind: 'staff_reply', authorUserId: ctx.principal.userId, body },
    { status: 'waiting_on_member', assigneeUserId: c.assigneeUserId ?? ctx.principal.userId },
    now,
  );
  await audit(deps, ctx, 'replied', id, c.memberId);
  await tellMember(deps, c, `Customer service answered your case ${c.caseNumber}`, body);
  return staffCase(deps, ctx, id);
}

export async function addNote(deps: AppDeps, ctx: StaffContext, id: string, body: string) {
  const c = await servedCase(deps, ctx, id);
  await repo.addEntry(deps.db.db, {
    caseId: id,
    kind: 'note',
    authorUserId: ctx.principal.userId,
    body,
    createdAt: deps.now(),
  });
  await audit(deps, ctx, 'noted', id, c.memberId);
  return staffCase(deps, ctx, id);
}

export async function updateStaffCase(
  deps: AppDeps,
  ctx: StaffContext,
  id: string,
  change: { assignToMe?: boolean | undefined; status?: 'open' | 'waiting_on_member' | undefined },
) {
  const c = await servedCase(deps, ctx, id);
  if (c.status === 'closed') throw conflict('This case is closed.');
  await repo.updateCase(
    deps.db.db,
    id,
    {
      ...(change.assignToMe ? { assigneeUserId: ctx.principal.userId } : {}),
      ...(change.status ? { status: change.status } : {}),
    },
    deps.now(),
  );
  await audit(deps, ctx, 'updated', id, c.memberId, {
    assigned: Boolean(change.assignToMe),
    status: change.status ?? null,
  });
  return staffCase(deps, ctx, id);
}

export async function escalateCase(
  deps: AppDeps,
  ctx: StaffContext,
  id: string,
  to: 'pharmacist' | 'clinical_reviewer',
  reason: string,
) {
  const c = await servedCase(deps, ctx, id);
  if (c.status === 'closed') throw conflict('This case is closed.');
  const now = deps.now();
  await repo.addEntryAndUpdate(
    deps.db.db,
    id,
    {
      kind: 'note',
      authorUserId: ctx.principal.userId,
      body: `Escalated to ${to === 'pharmacist' ? 'a pharmacist' : 'a clinical reviewer'}: ${reason}`,
    },
    { status: 'escalated', escalatedTo: to, dueAt: escalationDueAt(now) },
    now,
  );
  await audit(deps, ctx, 'escalated', id, c.memberId, { to });
  const staff = await activeUsersWithRole(
    deps.db.db,
    to === 'pharmacist' ? 'pharmacy_staff' : 'clinical_reviewer',
  );
  await sendSecureNotice(deps, publicBaseUrl(deps), {
    recipientUserIds: staff.map((s) => s.id),
    memberId: null,
    kind: 'customer_service',
    subject: `Customer-service case ${c.caseNumber} was escalated to you`,
    body: `Case ${c.caseNumber} needs ${to === 'pharmacist' ? 'a pharmacist' : 'a clinical reviewer'}. Open your escalations list to see it.`,
    portalPath: null,
  });
  return staffCase(deps, ctx, id);
}

export async function closeCase(deps: AppDeps, ctx: StaffContext, id: string, resolution: string) {
  const c = await servedCase(deps, ctx, id);
  if (c.status === 'closed') throw conflict('This case is already closed.');
  const now = deps.now();
  await repo.addEntryAndUpdate(
    deps.db.db,
    id,
    { kind: 'staff_reply', authorUserId: ctx.principal.userId, body: resolution },
    { status: 'closed', closedAt: now },
    now,
  );
  await audit(deps, ctx, 'closed', id, c.memberId);
  await tellMember(deps, c, `Your customer-service case ${c.caseNumber} is closed`, resolution);
  return staffCase(deps, ctx, id);
}
