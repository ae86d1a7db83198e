// How a member is told about their pharmacy: a secure message inside the portal for each recipient, and, per the
// recipient's preferences (per kind: e-mail on by default, push off), a pick-up e-mail (secure-message-service.ts:
// a unique link, no drug names or health data) and a web push to the installed app that says only that a
// message is waiting. `dedupeKey` makes a notice idempotent (jobs that may run twice).
import type { NotificationKind } from '@openpbm/db/schema/messages';
import type { AppDeps } from '../app-deps';
import { hashToken, newToken } from '../identity/secrets';
import { publicBaseUrl } from '../identity/security-mail';
import * as repo from './notification-repo';
import { pushNewMessage } from './push';
import { insertSecureMessage } from './secure-message-repo';
import { sendSecureNotice } from './secure-message-service';

export interface Notice {
  kind: NotificationKind;
  /** The member the notice is about (the patient). */
  memberId: string;
  subject: string;
  body: string;
  portalPath?: string | null;
  dedupeKey?: string | null;
}

/** The member's own account; for a child without one, the subscriber's and spouse's accounts. */
export async function recipientsFor(deps: AppDeps, memberId: string): Promise<string[]> {
  const db = deps.db.db;
  const own = await repo.activeMemberUsers(db, [memberId]);
  if (own.length > 0) return own.map((u) => u.id);
  const guardians = await repo.guardiansOf(db, memberId);
  return (
    await repo.activeMemberUsers(
      db,
      guardians.map((g) => g.id),
    )
  ).map((u) => u.id);
}

export async function preferenceFor(deps: AppDeps, userId: string, kind: NotificationKind) {
  const row = (await repo.preferencesOf(deps.db.db, userId)).find((p) => p.kind === kind);
  return { email: row?.email ?? true, push: row?.push ?? false };
}

/** Returns the recipients who got a new message (0 when the dedupe key was used before). */
export async function notifyMember(deps: AppDeps, notice: Notice): Promise<number> {
  let recipients = await recipientsFor(deps, notice.memberId);
  if (notice.dedupeKey) {
    const used = await repo.usedDedupeKeys(
      deps.db.db,
      recipients.map((id) => `${notice.dedupeKey}:${id}`),
    );
    recipients = recipients.filter((id) => !used.has(`${notice.dedupeKey}:${id}`));
  }
  const byEmail: string[] = [];
  const quiet: string[] = [];
  const byPush: string[] = [];
  for (const userId of recipients) {
    const pref = await preferenceFor(deps, userId, notice.kind);
    (pref.email ? byEmail : quiet).push(userId);
    if (pref.push) byPush.push(userId);
  }
  const base = {
    memberId: notice.memberId,
    kind: notice.kind,
    subject: notice.subject,
    body: notice.body,
    portalPath: notice.portalPath ?? null,
    dedupeKey: notice.dedupeKey ?? null,
  };
  await sendSecureNotice(deps, publicBaseUrl(deps), { ...base, recipientUserIds: byEmail });
  let created = byEmail.length;
  for (const userId of quiet) {
    // No e-mail: the message waits in the portal; its pick-up token is never sent anywhere.
    const id = await insertSecureMessage(deps.db.db, {
      ...base,
      recipientUserId: userId,
      pickupTokenHash: hashToken(newToken()),
      dedupeKey: base.dedupeKey ? `${base.dedupeKey}:${userId}` : null,
      createdAt: deps.now(),
    });
    if (id) created += 1;
  }
  for (const userId of byPush) await pushNewMessage(deps, userId);
  return created;
}
