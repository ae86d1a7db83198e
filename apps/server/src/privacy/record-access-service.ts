// "Who has seen my record": every audit row about the member (own record, or a child they manage), newest first:
// time, role, organization, purpose. PBM staff appear by role and staff ID, never by name.
import type { RecordAccessResponse } from '@openpbm/shared/privacy';
import type { AppDeps } from '../app-deps';
import type { Actor } from '../prior-auth/case-audit';
import { recordAudit } from './audit';
import { requireOwnOrManagedChild } from './member-scope';
import * as repo from './repo';

const MAX_ROWS = 1000;
export const PBM_ORGANIZATION = 'OpenPBM';

const ROLE_LABELS: Record<string, string> = {
  member: 'Member',
  client_user: 'Plan sponsor',
  advisor: 'Benefits advisor',
  prescriber: 'Prescriber',
  pharmacy_staff: 'Pharmacy staff',
  clinical_reviewer: 'Clinical reviewer',
  customer_service: 'Customer service',
  account_team: 'Account team',
  privacy_officer: 'Privacy officer',
  content_editor: 'Help-center editor',
  admin: 'Administrator',
};
const STAFF = new Set([
  'pharmacy_staff',
  'clinical_reviewer',
  'customer_service',
  'account_team',
  'privacy_officer',
  'content_editor',
  'admin',
]);

const PURPOSES: Record<string, string> = {
  treatment: 'Treatment',
  payment: 'Payment',
  operations: 'Health care operations',
  member_request: 'Your own request',
  member_request_for_dependent: 'Request by a parent or guardian',
};

/**
 * The staff ID shown to members: "S-" and the last 8 hex digits of the staff user's id (the random part of a
 * UUIDv7), stable for that person and naming no one.
 */
export const staffIdOf = (userId: string): string => `S-${userId.replace(/-/g, '').slice(-8).toUpperCase()}`;

const words = (snake: string) => {
  const s = snake.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

export async function whoHasSeenMyRecord(
  deps: AppDeps,
  actor: Actor,
  memberId: string | undefined,
): Promise<RecordAccessResponse> {
  const member = await requireOwnOrManagedChild(deps, actor.principal, memberId);
  const rows = await repo.accessesOf(deps.db.db, member.memberId, MAX_ROWS);
  const accesses = rows.map((r) => {
    const role = r.actorRole ?? 'system';
    const self = r.actorUserId !== null && r.actorUserId === actor.principal.userId;
    const organization =
      r.pharmacyName ??
      r.prescriberName ??
      r.clientName ??
      (role === 'member' ? 'Your family' : PBM_ORGANIZATION);
    return {
      id: r.id,
      at: r.at.toISOString(),
      role: self ? 'You' : role === 'member' ? 'Family member' : (ROLE_LABELS[role] ?? 'Automated process'),
      staffId: STAFF.has(role) && r.actorUserId ? staffIdOf(r.actorUserId) : null,
      organization: self ? 'You' : organization,
      purpose: PURPOSES[r.reason ?? ''] ?? words(r.reason ?? 'operations'),
      action: words(r.action),
      what: words(r.resourceType),
    };
  });
  // Reading the log is itself recorded after the rows are read, so it shows up from the next visit on.
  await recordAudit(
    deps.db.db,
    {
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      action: 'viewed',
      resourceType: 'record_accesses',
      resourceId: member.memberId,
      memberId: member.memberId,
      reason: member.relationship === 'self' ? 'member_request' : 'member_request_for_dependent',
      ip: actor.ip,
    },
    deps.now(),
  );
  return { memberId: member.memberId, accesses };
}
