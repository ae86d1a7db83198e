// Privacy notice versions: the privacy officer publishes (Markdown, summary of changes, effective date); everyone
// reads the current and older versions at /privacy; every member and client user gets an e-mail that says what
// changed and links to the notice and to their privacy choices; members acknowledge. A merger or sale is a notice
// of kind business_transfer: while its banner is on, every page shows it.
import type {
  MyNoticeStatus,
  NoticeListResponse,
  NoticeView,
  PublishNoticeRequest,
} from '@openpbm/shared/privacy';
import type { AppDeps } from '../app-deps';
import { publicBaseUrl } from '../identity/security-mail';
import { notFound } from '../platform/problem';
import type { Actor } from '../prior-auth/case-audit';
import { recordAudit } from './audit';
import * as repo from './repo';

const BATCH = 50;
const LEASE_MS = 5 * 60_000;

export function toNoticeView(row: repo.NoticeRow): NoticeView {
  return {
    id: row.id,
    kind: row.kind,
    version: row.version,
    title: row.title,
    bodyMarkdown: row.bodyMarkdown,
    summaryOfChanges: row.summaryOfChanges,
    effectiveDate: row.effectiveDate,
    publishedAt: row.publishedAt.toISOString(),
    bannerActive: row.kind === 'business_transfer' && row.bannerEndedAt === null,
  };
}

export async function listPublicNotices(deps: AppDeps): Promise<NoticeListResponse> {
  const rows = await repo.listNotices(deps.db.db);
  const notices = rows.filter((r) => r.kind === 'notice');
  const banner = rows.find((r) => r.kind === 'business_transfer' && r.bannerEndedAt === null) ?? null;
  const [current, ...older] = notices;
  return {
    current: current ? toNoticeView(current) : null,
    older: [...older, ...rows.filter((r) => r.kind === 'business_transfer')].map(toNoticeView),
    banner: banner ? toNoticeView(banner) : null,
  };
}

export async function getNotice(deps: AppDeps, id: string): Promise<NoticeView> {
  const row = await repo.findNotice(deps.db.db, id);
  if (!row) throw notFound('No notice with this id.');
  return toNoticeView(row);
}

export async function publishNotice(
  deps: AppDeps,
  actor: Actor,
  body: PublishNoticeRequest,
): Promise<NoticeView> {
  const now = deps.now();
  const row = await repo.insertNotice(deps.db.db, {
    ...body,
    publishedByUserId: actor.principal.userId,
    publishedAt: now,
  });
  await recordAudit(
    deps.db.db,
    {
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      action: 'published',
      resourceType: 'privacy_notice',
      resourceId: row.id,
      reason: 'operations',
      ip: actor.ip,
      detail: { kind: row.kind, version: row.version },
    },
    now,
  );
  return toNoticeView(row);
}

export async function endBanner(deps: AppDeps, actor: Actor, id: string): Promise<NoticeView> {
  const row = await repo.endBanner(deps.db.db, id, deps.now());
  if (!row) throw notFound('No merger or sale notice with a banner showing has this id.');
  await recordAudit(
    deps.db.db,
    {
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      action: 'ended_banner',
      resourceType: 'privacy_notice',
      resourceId: row.id,
      reason: 'operations',
      ip: actor.ip,
    },
    deps.now(),
  );
  return toNoticeView(row);
}

export async function myNoticeStatus(deps: AppDeps, userId: string): Promise<MyNoticeStatus> {
  const { current } = await listPublicNotices(deps);
  if (!current) return { current: null, acknowledgedAt: null };
  const ack = await repo.findAcknowledgement(deps.db.db, current.id, userId);
  return { current, acknowledgedAt: ack?.acknowledgedAt.toISOString() ?? null };
}

export async function acknowledgeNotice(deps: AppDeps, userId: string, id: string): Promise<MyNoticeStatus> {
  const notice = await repo.findNotice(deps.db.db, id);
  if (!notice) throw notFound('No notice with this id.');
  const ack = await repo.acknowledge(deps.db.db, id, userId, deps.now());
  return { current: toNoticeView(notice), acknowledgedAt: ack?.acknowledgedAt.toISOString() ?? null };
}

/** The publication e-mail: what changed and where to read it and make choices; no personal data. */
export function noticeMail(
  notice: repo.NoticeRow,
  baseUrl: string,
  role: string,
): { subject: string; text: string } {
  const transfer = notice.kind === 'business_transfer';
  const subject = transfer
    ? 'Important: OpenPBM is changing ownership'
    : 'We have updated our privacy notice';
  const choices =
    role === 'member'
      ? `Read it, acknowledge it and choose whether we may use your data for marketing, research or de-identified reports: ${baseUrl}/members/privacy`
      : `Read it: ${baseUrl}/privacy`;
  const text = [
    transfer
      ? `${notice.title}, effective ${notice.effectiveDate}.`
      : `Version ${notice.version} of our privacy notice takes effect on ${notice.effectiveDate}.`,
    '',
    'What changed:',
    notice.summaryOfChanges,
    '',
    choices,
    '',
    `You can opt out of the additional uses at any time from your privacy choices. The full notice: ${baseUrl}/privacy`,
  ].join('\n');
  return { subject, text };
}

/**
 * Sends a notice's e-mails in batches from where the last sender stopped (the cursor is the last user id),
 * under a lease so two senders never mail the same person. Returns how many were sent now.
 */
export async function deliverNoticeEmails(
  deps: AppDeps,
  noticeId: string,
  log: { warn(obj: object, msg: string): void },
): Promise<number> {
  const db = deps.db.db;
  const now = deps.now();
  if (!(await repo.claimMailing(db, noticeId, now, new Date(now.getTime() + LEASE_MS)))) return 0;
  const notice = await repo.findNotice(db, noticeId);
  if (!notice) return 0;
  const baseUrl = publicBaseUrl(deps);
  let cursor = notice.emailCursorUserId;
  let total = 0;
  for (;;) {
    const batch = await repo.noticeRecipients(db, cursor, BATCH);
    if (batch.length === 0) {
      await repo.advanceMailing(db, noticeId, { lastUserId: cursor, sent: 0, done: deps.now() });
      return total;
    }
    let sent = 0;
    for (const user of batch) {
      try {
        await deps.mailer.send({ to: user.email, ...noticeMail(notice, baseUrl, user.role) });
        sent += 1;
      } catch (error) {
        // One bad address must not stop the others; the log names the user id only.
        log.warn({ userId: user.id, err: (error as Error).message }, 'privacy notice e-mail failed');
      }
    }
    cursor = batch[batch.length - 1]?.id ?? cursor;
    total += sent;
    await repo.advanceMailing(db, noticeId, { lastUserId: cursor, sent, done: null });
  }
}

/** The job's part: finish every notice whose e-mails are not all out (after a crash or a lease that ran out). */
export async function resumeNoticeEmails(
  deps: AppDeps,
  log: { warn(obj: object, msg: string): void },
): Promise<{ sent: number }> {
  let sent = 0;
  for (const notice of await repo.noticesWithMailPending(deps.db.db)) {
    sent += await deliverNoticeEmails(deps, notice.id, log);
  }
  return { sent };
}
