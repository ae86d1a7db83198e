// Right of access: a member downloads all their data (or a minor child's, or an adult's who granted them access)
// as a FHIR R4 Bundle. The request is queued; a builder (started at once, and the job for anything left queued)
// reads one section at a time and reports progress; when it is ready the requester gets a pick-up e-mail with a
// link into the signed-in portal. The bundle is stored encrypted and only the requester can fetch it.
import { decryptField, encryptField, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import type { RecordExportView } from '@openpbm/shared/privacy';
import type { AppDeps } from '../app-deps';
import { requireMemberAccess } from '../family/access';
import { publicBaseUrl } from '../identity/security-mail';
import { conflict, notFound } from '../platform/problem';
import type { Actor } from '../prior-auth/case-audit';
import { recordAudit } from './audit';
import { readSection, SECTIONS, toBundle } from './fhir-bundle';
import * as repo from './repo';

const BUNDLE_CONTEXT = 'record_exports.bundle';

export function toExportView(row: repo.ExportRow): RecordExportView {
  return {
    id: row.id,
    memberId: row.memberId,
    status: row.status,
    progress: row.progress,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Starts an export, or returns the one already running for this member and requester (created: false). */
export async function requestExport(
  deps: AppDeps,
  actor: Actor,
  memberId: string | undefined,
): Promise<{ created: boolean; export: RecordExportView }> {
  const member = await requireMemberAccess(deps, actor.principal, memberId, 'view');
  const db = deps.db.db;
  const userId = actor.principal.userId;
  const running = await repo.findRunningExport(db, member.memberId, userId);
  if (running) return { created: false, export: toExportView(running) };
  const row = await repo.insertExport(db, member.memberId, userId, deps.now());
  if (!row) {
    // Lost a race with a parallel request: that one is the running export.
    const other = await repo.findRunningExport(db, member.memberId, userId);
    if (!other) throw conflict('An export was just finished; ask again for a new one.');
    return { created: false, export: toExportView(other) };
  }
  await recordAudit(
    db,
    {
      actorUserId: userId,
      actorRole: actor.principal.role,
      action: 'requested_export',
      resourceType: 'member_record',
      resourceId: row.id,
      memberId: member.memberId,
      reason: member.relationship === 'self' ? 'member_request' : 'member_request_for_dependent',
      ip: actor.ip,
    },
    deps.now(),
  );
  return { created: true, export: toExportView(row) };
}

/** An export of the signed-in requester; anyone else's answers 404. */
export async function getExport(deps: AppDeps, actor: Actor, id: string): Promise<repo.ExportRow> {
  const row = await repo.findExport(deps.db.db, id);
  if (!row || row.requestedByUserId !== actor.principal.userId) throw notFound('No export with this id.');
  return row;
}

export async function downloadBundle(deps: AppDeps, actor: Actor, id: string): Promise<string> {
  const row = await getExport(deps, actor, id);
  if (row.status !== 'ready' || !row.bundleEnc) throw conflict('This export is not ready yet.');
  await recordAudit(
    deps.db.db,
    {
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      action: 'downloaded_export',
      resourceType: 'member_record',
      resourceId: row.id,
      memberId: row.memberId,
      reason: 'member_request',
      ip: actor.ip,
    },
    deps.now(),
  );
  return decryptField(fieldKeyFromConfig(deps.config), row.bundleEnc, BUNDLE_CONTEXT);
}

/** Builds one queued export; false when another builder took it first. */
export async function buildExport(deps: AppDeps, id: string): Promise<boolean> {
  const db = deps.db.db;
  if (!(await repo.startExport(db, id))) return false;
  const row = await repo.findExport(db, id);
  if (!row) return false;
  const key = fieldKeyFromConfig(deps.config);
  try {
    const resources = [];
    for (const [i, section] of SECTIONS.entries()) {
      resources.push(...(await readSection(deps.db, key, section, row.memberId)));
      await repo.updateExport(db, id, { progress: Math.round(((i + 1) / SECTIONS.length) * 95) });
    }
    const bundle = JSON.stringify(toBundle(resources, deps.now()));
    await repo.updateExport(db, id, {
      status: 'ready',
      progress: 100,
      bundleEnc: encryptField(key, bundle, BUNDLE_CONTEXT),
      finishedAt: deps.now(),
    });
  } catch (error) {
    await repo.updateExport(db, id, { status: 'failed', finishedAt: deps.now() });
    throw error;
  }
  const requester = await repo.userEmail(db, row.requestedByUserId);
  if (requester) {
    await deps.mailer.send({
      to: requester,
      subject: 'Your OpenPBM record is ready to download',
      text: [
        'The copy of the record you asked for is ready. Sign in to download it:',
        `${publicBaseUrl(deps)}/members/privacy/exports/${id}`,
      ].join('\n'),
    });
  }
  return true;
}

/** The job's part: build whatever is still queued (a builder that died, or one never started). */
export async function buildQueuedExports(deps: AppDeps): Promise<{ built: number }> {
  let built = 0;
  for (const row of await repo.queuedExports(deps.db.db)) {
    if (await buildExport(deps, row.id)) built += 1;
  }
  return { built };
}
