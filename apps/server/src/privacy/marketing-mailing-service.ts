// Marketing mailings as resumable background work. The request only records a mailing (202); the
// `marketing-mailings` job chooses the audience once, then sends in batches. Each recipient moves
// pending -> sending -> sent around the SMTP hand-off, so a run that stops (crash, deploy, a batch limit) is
// resumed by the next run without e-mailing anyone twice. A failed hand-off puts the recipient back to pending.
import type { MarketingMailing } from '@openpbm/shared/privacy';
import type { AppDeps } from '../app-deps';
import { notFound } from '../platform/problem';
import type { Actor } from '../prior-auth/case-audit';
import { recordAudit } from './audit';
import * as repo from './marketing-repo';
import { homeDeliveryInvitation, marketingAudience } from './marketing-service';

const view = (row: repo.MailingRow): MarketingMailing => ({
  id: row.id,
  clientId: row.clientId,
  status: row.status,
  recipients: row.recipients,
  sent: row.sent,
  leftOutOptedOut: row.leftOutOptedOut,
  leftOutMinors: row.leftOutMinors,
  createdAt: row.createdAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
});

export async function requestHomeDeliveryMailing(
  deps: AppDeps,
  actor: Actor,
  clientId: string | null,
): Promise<MarketingMailing> {
  const row = await repo.insertMailing(deps.db.db, {
    clientId,
    requestedByUserId: actor.principal.userId,
    createdAt: deps.now(),
  });
  await recordAudit(
    deps.db.db,
    {
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      action: 'requested_marketing',
      resourceType: 'home_delivery_invitation',
      resourceId: row.id,
      reason: 'marketing',
      ip: actor.ip,
      detail: { clientId },
    },
    deps.now(),
  );
  return view(row);
}

export async function mailingProgress(deps: AppDeps, id: string): Promise<MarketingMailing> {
  const row = await repo.mailing(deps.db.db, id);
  if (!row) throw notFound('No such mailing');
  return view(row);
}

export async function recentMailings(deps: AppDeps): Promise<MarketingMailing[]> {
  return (await repo.recentMailings(deps.db.db, 20)).map(view);
}

export interface MailingRunOptions {
  batchSize?: number;
  /** Stop after this many batches (the next run goes on); keeps one job run short. */
  maxBatches?: number;
}

export interface MailingRunResult {
  batches: number;
  sent: number;
  mailingsCompleted: number;
}

/** The job: every queued or unfinished mailing, oldest first, up to `maxBatches` batches in all. */
export async function runMarketingMailings(
  deps: AppDeps,
  { batchSize = 50, maxBatches = 40 }: MailingRunOptions = {},
): Promise<MailingRunResult> {
  const result: MailingRunResult = { batches: 0, sent: 0, mailingsCompleted: 0 };
  for (const open of await repo.openMailings(deps.db.db)) {
    if (open.status === 'queued') await chooseAudience(deps, open);
    while (result.batches < maxBatches) {
      const batch = await repo.pendingRecipients(deps.db.db, open.id, batchSize);
      if (batch.length > 0) {
        result.batches += 1;
        result.sent += await sendBatch(deps, open.id, batch);
      }
      if (batch.length < batchSize) {
        const row = await repo.refreshProgress(deps.db.db, open.id, deps.now());
        if (row.status === 'complete') {
          result.mailingsCompleted += 1;
          await auditCompleted(deps, row);
        }
        break;
      }
      await repo.refreshProgress(deps.db.db, open.id, deps.now());
    }
    if (result.batches >= maxBatches) break;
  }
  return result;
}

async function chooseAudience(deps: AppDeps, mailing: repo.MailingRow): Promise<void> {
  const audience = await marketingAudience(deps, mailing.clientId);
  await repo.startSending(
    deps.db.db,
    mailing.id,
    audience.recipients.map((r) => r.memberId),
    { leftOutOptedOut: audience.leftOutOptedOut, leftOutMinors: audience.leftOutMinors },
  );
}

type Pending = Awaited<ReturnType<typeof repo.pendingRecipients>>[number];

async function sendBatch(deps: AppDeps, mailingId: string, batch: Pending[]): Promise<number> {
  const db = deps.db.db;
  let sent = 0;
  for (const r of batch) {
    // Opted out (or lost the address) since the audience was chosen: the choice wins.
    if (r.optedOut || !r.email) {
      await repo.moveRecipient(db, mailingId, r.memberId, 'pending', 'skipped');
      continue;
    }
    if (!(await repo.moveRecipient(db, mailingId, r.memberId, 'pending', 'sending'))) continue;
    try {
      await deps.mailer.send(homeDeliveryInvitation(deps, { firstName: r.firstName, email: r.email }));
    } catch (error) {
      await repo.moveRecipient(db, mailingId, r.memberId, 'sending', 'pending');
      throw error;
    }
    await repo.moveRecipient(db, mailingId, r.memberId, 'sending', 'sent', deps.now());
    sent += 1;
  }
  return sent;
}

async function auditCompleted(deps: AppDeps, row: repo.MailingRow): Promise<void> {
  await recordAudit(
    deps.db.db,
    {
      actorUserId: row.requestedByUserId,
      actorRole: 'account_team',
      action: 'sent_marketing',
      resourceType: 'home_delivery_invitation',
      resourceId: row.id,
      reason: 'marketing',
      ip: null,
      detail: { sent: row.sent, leftOutOptedOut: row.leftOutOptedOut, leftOutMinors: row.leftOutMinors },
    },
    deps.now(),
  );
}
