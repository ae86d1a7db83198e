// Secure messages with pick-up links: the message (which may name drugs and decisions) stays in the database;
// the e-mail says only that a message is waiting and carries a one-time pick-up link (token in the URL
// fragment, stored as its SHA-256) that opens it after sign-in, for its recipient only.
import type { NotificationKind } from '@openpbm/db/schema/messages';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { hashToken, newToken } from '../identity/secrets';
import { notFound } from '../platform/problem';
import { auditMemberRecord } from '../privacy/audit';
import {
  findActiveUsers,
  findByPickupHash,
  findForRecipient,
  insertSecureMessage,
  listForRecipient,
  markEmailed,
  markRead,
} from './secure-message-repo';

export interface SecureNotice {
  recipientUserIds: string[];
  memberId: string | null;
  kind: NotificationKind;
  subject: string;
  body: string;
  portalPath: string | null;
  /** Same key twice → sent once (per recipient). */
  dedupeKey?: string | null;
}

const PICKUP_MAIL = {
  subject: 'You have a new secure message from OpenPBM',
  text: (link: string) =>
    `You have a new secure message in your OpenPBM account.\n\nSign in to read it:\n${link}\n\nFor your privacy this e-mail does not include the message. If you did not expect it, you can ignore this e-mail.`,
};

/**
 * Stores one message per recipient and e-mails each a pick-up link. E-mail is best effort: a relay failure
 * leaves the message in the portal (emailed_at stays null) and never fails the caller's action.
 */
export async function sendSecureNotice(
  deps: AppDeps,
  baseUrl: string,
  notice: SecureNotice,
  log?: { warn(obj: object, msg: string): void },
): Promise<number> {
  let sent = 0;
  for (const user of await findActiveUsers(deps.db.db, [...new Set(notice.recipientUserIds)])) {
    const token = newToken();
    const now = deps.now();
    const id = await insertSecureMessage(deps.db.db, {
      recipientUserId: user.id,
      memberId: notice.memberId,
      kind: notice.kind,
      subject: notice.subject,
      body: notice.body,
      portalPath: notice.portalPath,
      pickupTokenHash: hashToken(token),
      dedupeKey: notice.dedupeKey ? `${notice.dedupeKey}:${user.id}` : null,
      createdAt: now,
    });
    if (!id) continue;
    try {
      await deps.mailer.send({
        to: user.email,
        subject: PICKUP_MAIL.subject,
        text: PICKUP_MAIL.text(`${baseUrl}/messages/open#token=${token}`),
      });
      await markEmailed(deps.db.db, id, deps.now());
      sent += 1;
    } catch (err) {
      log?.warn({ err: (err as Error).message }, 'pick-up e-mail not sent');
    }
  }
  return sent;
}

export interface SecureMessageView {
  id: string;
  kind: string;
  subject: string;
  body: string;
  portalPath: string | null;
  createdAt: string;
  readAt: string | null;
}

function view(row: NonNullable<Awaited<ReturnType<typeof findForRecipient>>>): SecureMessageView {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    body: row.body,
    portalPath: row.portalPath,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

function auditRead(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  row: { id: string; memberId: string | null },
) {
  return auditMemberRecord(deps, principal, ip, {
    action: 'viewed',
    resourceType: 'secure_message',
    resourceId: row.id,
    memberId: row.memberId,
  });
}

/** Opens the message behind a pick-up link; only its recipient can (anyone else gets 404, like a bad token). */
export async function pickUpMessage(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  token: string,
): Promise<SecureMessageView> {
  const row = await findByPickupHash(deps.db.db, hashToken(token));
  if (!row || row.recipientUserId !== principal.userId)
    throw notFound('This link is not valid for your account.');
  await markRead(deps.db.db, row.id, deps.now());
  await auditRead(deps, principal, ip, row);
  return view({ ...row, readAt: row.readAt ?? deps.now() });
}

export async function getMessage(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  id: string,
): Promise<SecureMessageView> {
  const row = await findForRecipient(deps.db.db, id, principal.userId);
  if (!row) throw notFound();
  await markRead(deps.db.db, row.id, deps.now());
  await auditRead(deps, principal, ip, row);
  return view({ ...row, readAt: row.readAt ?? deps.now() });
}

/** The inbox: subjects only (bodies open one at a time, each read audited). */
export async function listMessages(deps: AppDeps, principal: Principal) {
  const rows = await listForRecipient(deps.db.db, principal.userId, 100);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    portalPath: row.portalPath,
    createdAt: row.createdAt.toISOString(),
    read: row.readAt !== null,
  }));
}
