// The member's side of customer service: a secure message (category, optional prescription or order), a
// callback request with a time window, their cases with the answers, and replying. Members write about
// themselves; a prescription or order of anyone else answers 404.
import { caseDueAt } from '@openpbm/domain';
import type { CallbackRequest, ContactMessageRequest } from '@openpbm/shared/support';
import type { AppDeps } from '../app-deps';
import { signedInMember } from '../family/access';
import { badRequest, notFound } from '../platform/problem';
import type { ReadContext } from '../prescriptions/service';
import { auditByCaller } from '../privacy/audit';
import * as repo from './case-repo';

const MEMBER_VISIBLE = ['member_message', 'staff_reply', 'event'] as const;

function audit(deps: AppDeps, ctx: ReadContext, action: string, caseId: string, memberId: string) {
  return auditByCaller(deps, ctx, {
    action,
    resourceType: 'support_case',
    resourceId: caseId,
    memberId,
    reason: 'member_request',
  });
}

async function checkAttachments(
  deps: AppDeps,
  memberId: string,
  input: { prescriptionId?: string | undefined; orderId?: string | undefined },
) {
  if (
    input.prescriptionId &&
    !(await repo.memberOwns(deps.db.sql, 'prescriptions', input.prescriptionId, memberId))
  )
    throw notFound('No prescription with this id is available to you.');
  if (input.orderId && !(await repo.memberOwns(deps.db.sql, 'orders', input.orderId, memberId)))
    throw notFound('No order with this id is available to you.');
}

export async function sendContactMessage(deps: AppDeps, ctx: ReadContext, input: ContactMessageRequest) {
  const memberId = signedInMember(ctx.principal);
  await checkAttachments(deps, memberId, input);
  const now = deps.now();
  const created = await repo.insertCase(
    deps.db.db,
    {
      memberId,
      openedByUserId: ctx.principal.userId,
      channel: 'message',
      category: input.category,
      subject: input.subject,
      prescriptionId: input.prescriptionId ?? null,
      orderId: input.orderId ?? null,
      dueAt: caseDueAt({ channel: 'message' }, now),
      createdAt: now,
    },
    { kind: 'member_message', authorUserId: ctx.principal.userId, body: input.body },
  );
  await audit(deps, ctx, 'created', created.id, memberId);
  return { id: created.id, caseNumber: created.caseNumber, dueAt: created.dueAt.toISOString() };
}

export async function requestCallback(deps: AppDeps, ctx: ReadContext, input: CallbackRequest) {
  const memberId = signedInMember(ctx.principal);
  const now = deps.now();
  const from = new Date(input.from);
  const to = new Date(input.to);
  if (to.getTime() <= now.getTime() || from.getTime() > now.getTime() + 14 * 86_400_000) {
    throw badRequest('Choose a time in the next 14 days.', [
      { field: 'from', message: 'Choose a window that ends in the future and starts within 14 days' },
    ]);
  }
  const created = await repo.insertCase(
    deps.db.db,
    {
      memberId,
      openedByUserId: ctx.principal.userId,
      channel: 'callback',
      category: input.category,
      subject: 'Please call me back',
      callbackPhone: input.phone,
      callbackFrom: from,
      callbackTo: to,
      dueAt: caseDueAt({ channel: 'callback', callbackTo: to }, now),
      createdAt: now,
    },
    { kind: 'member_message', authorUserId: ctx.principal.userId, body: input.note ?? 'Callback requested.' },
  );
  await audit(deps, ctx, 'created', created.id, memberId);
  return { id: created.id, caseNumber: created.caseNumber, dueAt: created.dueAt.toISOString() };
}

export async function listMyCases(deps: AppDeps, ctx: ReadContext) {
  const rows = await repo.casesOfMember(deps.db.db, signedInMember(ctx.principal));
  return rows.map((c) => ({
    id: c.id,
    caseNumber: c.caseNumber,
    channel: c.channel,
    category: c.category,
    subject: c.subject,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
  }));
}

export const authorLabel = (role: string | null, name: string | null) =>
  role === 'member' ? 'You' : role ? 'Customer service' : (name ?? 'OpenPBM');

export async function getMyCase(deps: AppDeps, ctx: ReadContext, id: string) {
  const memberId = signedInMember(ctx.principal);
  const c = await repo.findCase(deps.db.db, id);
  if (!c || c.memberId !== memberId) throw notFound('No case with this id is available to you.');
  const entries = await repo.entriesOf(deps.db.db, id, [...MEMBER_VISIBLE]);
  await audit(deps, ctx, 'viewed', id, memberId);
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    channel: c.channel,
    category: c.category,
    subject: c.subject,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    entries: entries.map((e) => ({
      kind: e.kind,
      body: e.body,
      author: authorLabel(e.authorRole, e.authorName),
      at: e.createdAt.toISOString(),
    })),
  };
}

export async function replyToMyCase(deps: AppDeps, ctx: ReadContext, id: string, body: string) {
  const memberId = signedInMember(ctx.principal);
  const c = await repo.findCase(deps.db.db, id);
  if (!c || c.memberId !== memberId) throw notFound('No case with this id is available to you.');
  const now = deps.now();
  // A reply reopens the case; its SLA starts again.
  await repo.addEntryAndUpdate(
    deps.db.db,
    id,
    { kind: 'member_message', authorUserId: ctx.principal.userId, body },
    { status: 'open', closedAt: null, dueAt: caseDueAt({ channel: 'message' }, now) },
    now,
  );
  await audit(deps, ctx, 'updated', id, memberId);
  return getMyCase(deps, ctx, id);
}
