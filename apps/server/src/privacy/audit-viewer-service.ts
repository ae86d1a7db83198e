// The privacy officer's audit viewer: search the hash-chained audit log by member (member ID), actor (staff ID
// or user id), action and date range (UTC days), a page at a time, each row checked against the chain; and a
// check of the whole chain on demand. Every look-up is itself audited (and so shows in the member's "who has
// seen my record" when it names a member).
import {
  decryptField,
  FIELD_CONTEXTS,
  fieldKeyFromConfig,
  memberNumberIndex,
} from '@openpbm/db/field-crypto';
import type { AuditChainStatus, AuditSearchQuery, AuditSearchResponse } from '@openpbm/shared/privacy';
import type { AppDeps } from '../app-deps';
import type { Actor } from '../prior-auth/case-audit';
import { auditRowLinks, recordAudit, verifyAuditChainInBatches } from './audit';
import * as viewer from './audit-viewer-repo';
import { staffIdOf } from './record-access-service';
import * as repo from './repo';

export const AUDIT_PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STAFF_ID = /^S-([0-9A-F]{8})$/i;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

const empty = (page: number): AuditSearchResponse => ({
  rows: [],
  page,
  pageSize: AUDIT_PAGE_SIZE,
  hasMore: false,
  pageChainOk: true,
});

export async function searchAudit(
  deps: AppDeps,
  actor: Actor,
  q: AuditSearchQuery,
): Promise<AuditSearchResponse> {
  const db = deps.db.db;
  const key = fieldKeyFromConfig(deps.config);
  const filters: viewer.AuditFilters = {};
  let memberId: string | null = null;
  let found = true;
  if (q.memberNumber) {
    const [member] = await repo.membersByNumberIndex(db, [memberNumberIndex(key, q.memberNumber.trim())]);
    memberId = member?.id ?? null;
    if (member) filters.memberId = member.id;
    else found = false;
  }
  if (q.actor) {
    const a = q.actor.trim();
    const staff = STAFF_ID.exec(a);
    if (staff?.[1]) filters.actorSuffix = staff[1];
    else if (UUID.test(a)) filters.actorUserId = a;
    else found = false;
  }
  if (q.action) filters.action = q.action.trim();
  if (q.from) filters.fromAt = new Date(`${q.from}T00:00:00Z`);
  if (q.to) filters.toAt = nextDay(q.to);

  await recordAudit(
    db,
    {
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      action: 'searched_audit_log',
      resourceType: 'audit_log',
      memberId,
      reason: 'operations',
      ip: actor.ip,
      detail: {
        member: Boolean(q.memberNumber),
        actor: Boolean(q.actor),
        action: q.action ?? null,
        from: q.from ?? null,
        to: q.to ?? null,
        page: q.page,
      },
    },
    deps.now(),
  );
  if (!found) return empty(q.page);

  const rows = await viewer.searchAuditEvents(
    db,
    filters,
    AUDIT_PAGE_SIZE + 1,
    (q.page - 1) * AUDIT_PAGE_SIZE,
  );
  const shown = rows.slice(0, AUDIT_PAGE_SIZE).map(({ event: e, memberNumberEnc, hashBefore }) => ({
    seq: e.seq,
    at: e.at.toISOString(),
    actorRole: e.actorRole,
    staffId: e.actorUserId && e.actorRole !== 'member' ? staffIdOf(e.actorUserId) : null,
    action: e.action,
    resourceType: e.resourceType,
    resourceId: e.resourceId,
    memberNumber: memberNumberEnc ? decryptField(key, memberNumberEnc, FIELD_CONTEXTS.memberNumber) : null,
    reason: e.reason,
    chainOk: auditRowLinks(e, hashBefore),
  }));
  return {
    rows: shown,
    page: q.page,
    pageSize: AUDIT_PAGE_SIZE,
    hasMore: rows.length > AUDIT_PAGE_SIZE,
    pageChainOk: shown.every((r) => r.chainOk),
  };
}

export async function checkWholeChain(deps: AppDeps, actor: Actor): Promise<AuditChainStatus> {
  const { rowsChecked, firstBrokenSeq } = await verifyAuditChainInBatches(deps.db.db);
  await recordAudit(
    deps.db.db,
    {
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      action: 'verified_audit_chain',
      resourceType: 'audit_log',
      reason: 'operations',
      ip: actor.ip,
      detail: { rowsChecked, intact: firstBrokenSeq === null },
    },
    deps.now(),
  );
  return { ok: firstBrokenSeq === null, rowsChecked, firstBrokenSeq, checkedAt: deps.now().toISOString() };
}
