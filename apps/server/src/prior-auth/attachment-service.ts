// Attachments on a case: the prescriber adds them while the case is open; the prescriber and the clinical
// reviewers read them. Every upload and every read is audited.
import { newId } from '@openpbm/db';
import { fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { isOpenStatus } from '@openpbm/domain';
import type { AppDeps } from '../app-deps';
import { InvariantBroken } from '../platform/internal-errors';
import { conflict, forbidden, notFound } from '../platform/problem';
import {
  decodeUpload,
  decryptAttachment,
  encryptAttachment,
  MAX_ATTACHMENTS_PER_CASE,
  sha256Hex,
} from './attachments';
import { type Actor, auditCase } from './case-audit';
import { findCase } from './case-repo';
import { attachmentsView } from './case-views';
import { requireVerifiedPrescriber } from './npi-service';
import { ownCase } from './prescriber-case-service';
import {
  countAttachments,
  findAttachment,
  insertAttachment,
  insertEvent,
  listAttachments,
} from './workflow-repo';

export async function addAttachment(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  upload: { fileName: string; contentBase64: string },
) {
  const prescriber = await requireVerifiedPrescriber(deps, actor.principal);
  const row = await ownCase(deps, prescriber, caseId);
  if (!isOpenStatus(row.status))
    throw conflict('Documents can be attached only while the request is open.', 'invalid-state');
  const { content, contentType } = decodeUpload(upload.contentBase64);
  if ((await countAttachments(deps.db.db, caseId)) >= MAX_ATTACHMENTS_PER_CASE) {
    throw conflict(`A request holds at most ${MAX_ATTACHMENTS_PER_CASE} documents.`, 'limit-reached');
  }
  const key = fieldKeyFromConfig(deps.config);
  const id = newId();
  const now = deps.now();
  await deps.db.db.transaction(async (tx) => {
    await insertAttachment(tx, {
      id,
      caseId,
      uploadedByUserId: actor.principal.userId,
      fileName: upload.fileName,
      contentType,
      sizeBytes: content.length,
      sha256: sha256Hex(content),
      contentKeyId: key.id,
      content: encryptAttachment(key, id, content),
      createdAt: now,
    });
    await insertEvent(tx, {
      caseId,
      kind: 'attachment_added',
      at: now,
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      detail: { attachmentId: id, contentType, sizeBytes: content.length },
    });
    await auditCase(
      deps,
      actor,
      {
        action: 'created',
        resourceType: 'prior_auth_attachment',
        resourceId: id,
        memberId: row.memberId,
        detail: { caseId },
      },
      tx,
    );
  });
  const [meta] = attachmentsView((await listAttachments(deps.db.db, caseId)).filter((a) => a.id === id));
  if (!meta) throw new InvariantBroken('attachment not found after insert');
  return meta;
}

/** The file, for the case's prescriber or a clinical reviewer. */
export async function readAttachment(deps: AppDeps, actor: Actor, caseId: string, attachmentId: string) {
  const role = actor.principal.role;
  if (role === 'prescriber') {
    await ownCase(deps, await requireVerifiedPrescriber(deps, actor.principal), caseId);
  } else if (role !== 'clinical_reviewer') {
    throw forbidden();
  }
  const row = await findCase(deps.db.db, caseId);
  const attachment = row ? await findAttachment(deps.db.db, caseId, attachmentId) : null;
  if (!row || !attachment) throw notFound('No document with this id.');
  const key = fieldKeyFromConfig(deps.config);
  const content = decryptAttachment(key, attachment.id, attachment.content);
  await auditCase(deps, actor, {
    action: 'viewed',
    resourceType: 'prior_auth_attachment',
    resourceId: attachment.id,
    memberId: row.memberId,
    detail: { caseId },
  });
  return { fileName: attachment.fileName, contentType: attachment.contentType, content };
}
