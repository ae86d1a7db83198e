// Secure messaging between a member and their prescriber's office about one prescription (a renewal, a switch
// to a generic, …). Members reach the threads of family members they may see (writing needs "manage"); the
// prescriber portal reaches its own prescriber's threads. Opening a thread marks the other side's messages
// read. Attachments: PDF, PNG or JPEG of at most 5 MB, checked by their bytes, stored encrypted. Each side is
// told through a pick-up e-mail only.
import { fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import type { AppDeps } from '../app-deps';
import { listAccessibleMembers, requireMemberAccess } from '../family/access';
import { publicBaseUrl } from '../identity/security-mail';
import { sendSecureNotice } from '../messages/secure-message-service';
import { notFound } from '../platform/problem';
import type { ReadContext } from '../prescriptions/service';
import {
  decodeUpload,
  decryptAttachment,
  dispositionName,
  encryptAttachment,
} from '../prior-auth/attachments';
import { auditMemberRecord } from '../privacy/audit';
import * as repo from './thread-repo';

type Side = 'member' | 'prescriber';
export interface Attachment {
  fileName: string;
  contentBase64: string;
}

const aboutWhom = (t: { patientFirstName: string; patientLastName: string; rxNumber: string }) => ({
  patientName: `${t.patientFirstName} ${t.patientLastName}`,
  rxNumber: t.rxNumber,
});

const noThread = () => notFound('No conversation with this id is available to you.');

function prepareAttachment(deps: AppDeps, attachment: Attachment | undefined) {
  if (!attachment) return null;
  const { content, contentType } = decodeUpload(attachment.contentBase64);
  const key = fieldKeyFromConfig(deps.config);
  return {
    fileName: dispositionName(attachment.fileName),
    contentType,
    sizeBytes: content.length,
    encrypt: (id: string) => encryptAttachment(key, id, content),
  };
}

function audit(deps: AppDeps, ctx: ReadContext, action: string, threadId: string, memberId: string) {
  return auditMemberRecord(deps, ctx.principal, ctx.ip, {
    action,
    resourceType: 'prescriber_thread',
    resourceId: threadId,
    memberId,
  });
}

async function tell(deps: AppDeps, recipients: string[], memberId: string, threadId: string, side: Side) {
  await sendSecureNotice(deps, publicBaseUrl(deps), {
    recipientUserIds: recipients,
    memberId,
    kind: 'prescriber_message',
    subject:
      side === 'member'
        ? 'A patient sent your office a secure message'
        : 'Your prescriber’s office answered your message',
    body: 'Open the conversation in the portal to read it.',
    portalPath:
      side === 'member' ? `/prescribers/messages/${threadId}` : `/members/messages/prescriber/${threadId}`,
  });
}

async function memberThread(deps: AppDeps, ctx: ReadContext, id: string, needs: 'view' | 'manage') {
  const thread = await repo.findThread(deps.db.db, id);
  if (!thread) throw noThread();
  await requireMemberAccess(deps, ctx.principal, thread.memberId, needs).catch(
    (error: { status?: number }) => {
      throw needs === 'manage' && error.status === 403 ? error : noThread();
    },
  );
  return thread;
}

async function prescriberThread(deps: AppDeps, ctx: ReadContext, id: string) {
  const thread = await repo.findThread(deps.db.db, id);
  if (!thread || thread.prescriberId !== ctx.principal.prescriberId) throw noThread();
  return thread;
}

export async function startThread(
  deps: AppDeps,
  ctx: ReadContext,
  input: { prescriptionId: string; subject: string; body: string; attachment?: Attachment | undefined },
) {
  const parties = await repo.prescriptionParties(deps.db.db, input.prescriptionId);
  if (!parties) throw notFound('No prescription with this id is available to you.');
  await requireMemberAccess(deps, ctx.principal, parties.memberId, 'manage').catch(
    (error: { status?: number }) => {
      throw error.status === 403 ? error : notFound('No prescription with this id is available to you.');
    },
  );
  const file = prepareAttachment(deps, input.attachment);
  const now = deps.now();
  const threadId = await repo.insertThread(deps.db.db, {
    memberId: parties.memberId,
    prescriberId: parties.prescriberId,
    prescriptionId: input.prescriptionId,
    subject: input.subject,
    createdByUserId: ctx.principal.userId,
    now,
  });
  await repo.insertMessage(
    deps.db.db,
    { threadId, side: 'member', authorUserId: ctx.principal.userId, body: input.body, now },
    file,
  );
  await audit(deps, ctx, 'created', threadId, parties.memberId);
  await tell(
    deps,
    await repo.prescriberUserIds(deps.db.db, parties.prescriberId),
    parties.memberId,
    threadId,
    'member',
  );
  return readThread(deps, ctx, threadId, 'member');
}

export async function reply(
  deps: AppDeps,
  ctx: ReadContext,
  id: string,
  side: Side,
  input: { body: string; attachment?: Attachment | undefined },
) {
  const thread =
    side === 'member' ? await memberThread(deps, ctx, id, 'manage') : await prescriberThread(deps, ctx, id);
  const file = prepareAttachment(deps, input.attachment);
  await repo.insertMessage(
    deps.db.db,
    { threadId: id, side, authorUserId: ctx.principal.userId, body: input.body, now: deps.now() },
    file,
  );
  await audit(deps, ctx, 'replied', id, thread.memberId);
  const recipients =
    side === 'member'
      ? await repo.prescriberUserIds(deps.db.db, thread.prescriberId)
      : [thread.createdByUserId];
  await tell(deps, recipients, thread.memberId, id, side);
  return readThread(deps, ctx, id, side);
}

export async function readThread(deps: AppDeps, ctx: ReadContext, id: string, side: Side) {
  const thread =
    side === 'member' ? await memberThread(deps, ctx, id, 'view') : await prescriberThread(deps, ctx, id);
  await repo.markReadBy(deps.db.db, id, side, deps.now());
  const messages = await repo.messagesOf(deps.db.db, id);
  await audit(deps, ctx, 'viewed', id, thread.memberId);
  return {
    id: thread.id,
    subject: thread.subject,
    ...aboutWhom(thread),
    prescriptionId: thread.prescriptionId,
    messages: messages.map((m) => ({
      id: m.id,
      side: m.side,
      mine: m.side === side,
      body: m.body,
      at: m.createdAt.toISOString(),
      readAt: m.readAt?.toISOString() ?? null,
      attachments: m.attachments.map((a) => ({
        id: a.id,
        fileName: a.fileName,
        contentType: a.contentType,
        sizeBytes: a.sizeBytes,
      })),
    })),
  };
}

export async function listThreads(deps: AppDeps, ctx: ReadContext, side: Side) {
  const rows =
    side === 'member'
      ? await repo.threadsOfMembers(
          deps.db.db,
          (await listAccessibleMembers(deps, ctx.principal)).map((m) => m.memberId),
        )
      : await repo.threadsOfPrescriber(deps.db.db, ctx.principal.prescriberId as string);
  const unread = await repo.unreadFor(
    deps.db.db,
    rows.map((r) => r.id),
    side,
  );
  // The prescriber's list names each patient, so reading it is an access to each patient's record.
  if (side === 'prescriber') {
    const audited = new Set<string>();
    for (const r of rows.filter((t) => !audited.has(t.memberId) && audited.add(t.memberId))) {
      await audit(deps, ctx, 'listed', r.id, r.memberId);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    ...aboutWhom(r),
    lastMessageAt: r.lastMessageAt.toISOString(),
    unread: unread.get(r.id) ?? 0,
  }));
}

export async function downloadAttachment(deps: AppDeps, ctx: ReadContext, id: string, side: Side) {
  const found = await repo.findAttachment(deps.db.db, id);
  if (!found) throw notFound('No attachment with this id is available to you.');
  const thread =
    side === 'member'
      ? await memberThread(deps, ctx, found.threadId, 'view')
      : await prescriberThread(deps, ctx, found.threadId);
  await auditMemberRecord(deps, ctx.principal, ctx.ip, {
    action: 'downloaded',
    resourceType: 'prescriber_thread_attachment',
    resourceId: id,
    memberId: thread.memberId,
  });
  const content = decryptAttachment(fieldKeyFromConfig(deps.config), id, found.file.content);
  return { content, contentType: found.file.contentType, fileName: found.file.fileName };
}
