// Customer service keeps a member's other prescription coverage (coordination of benefits): the claims engine
// rejects a claim billed here first while another payer is primary (41, naming it) and pays secondary claims
// after it. Only members the agent serves (404 otherwise); each read and each change is audited with its reason.
import { decryptField, encryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import type { OtherCoverageEntry, OtherCoverageRequest } from '@openpbm/shared/other-coverage';
import type { AppDeps } from '../app-deps';
import { recordAudit } from '../privacy/audit';
import { maskTail } from './console-service';
import * as repo from './other-coverage-repo';
import { requireServedMember, type StaffContext } from './scope';

function entry(deps: AppDeps, row: repo.OtherCoverageRow): OtherCoverageEntry {
  const key = fieldKeyFromConfig(deps.config);
  const cardholderId = decryptField(key, row.cardholderIdEnc, FIELD_CONTEXTS.otherCoverageCardholderId);
  return {
    id: row.id,
    coverageType: row.coverageType,
    payerName: row.payerName,
    bin: row.bin,
    pcn: row.pcn,
    groupId: row.groupId,
    cardholderIdMasked: maskTail(cardholderId),
    personCode: row.personCode,
    helpDeskPhone: row.helpDeskPhone,
    effectiveDate: row.effectiveDate,
    terminationDate: row.terminationDate,
    source: row.source,
  };
}

async function audit(
  deps: AppDeps,
  ctx: StaffContext,
  memberId: string,
  action: string,
  reason: string,
  resourceId: string,
) {
  await recordAudit(
    deps.db.db,
    {
      actorUserId: ctx.principal.userId,
      actorRole: ctx.principal.role,
      action,
      resourceType: 'member_other_coverage',
      resourceId,
      memberId,
      reason,
      ip: ctx.ip,
    },
    deps.now(),
  );
}

export async function listOtherCoverage(deps: AppDeps, ctx: StaffContext, memberId: string) {
  await requireServedMember(deps, ctx, memberId);
  const rows = await repo.otherCoverageOf(deps.db.db, memberId);
  await audit(deps, ctx, memberId, 'viewed', 'member_request', memberId);
  return { otherCoverage: rows.map((r) => entry(deps, r)) };
}

export async function addOtherCoverage(
  deps: AppDeps,
  ctx: StaffContext,
  memberId: string,
  input: OtherCoverageRequest,
): Promise<OtherCoverageEntry> {
  await requireServedMember(deps, ctx, memberId);
  const key = fieldKeyFromConfig(deps.config);
  const row = await repo.insertOtherCoverage(deps.db.db, {
    memberId,
    coverageType: input.coverageType,
    payerName: input.payerName,
    bin: input.bin,
    pcn: input.pcn || null,
    groupId: input.groupId || null,
    cardholderIdEnc: encryptField(key, input.cardholderId, FIELD_CONTEXTS.otherCoverageCardholderId),
    personCode: input.personCode || null,
    helpDeskPhone: input.helpDeskPhone || null,
    effectiveDate: input.effectiveDate,
    terminationDate: input.terminationDate || null,
    source: 'customer_service',
    createdBy: ctx.principal.userId,
  });
  await audit(deps, ctx, memberId, 'created', input.reason, row.id);
  return entry(deps, row);
}
