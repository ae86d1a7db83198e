// THE limits on customer-service staff: an agent sees only members of the clients they serve (anyone else
// answers 404, like an id that does not exist); a restricted record (e.g. an employee's own) opens only after
// break-the-glass with a reason, which is audited and alerts the privacy officers.
import type { Member } from '@openpbm/db/schema/members';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { publicBaseUrl } from '../identity/security-mail';
import { sendSecureNotice } from '../messages/secure-message-service';
import { notFound, ProblemError } from '../platform/problem';
import { auditByCaller } from '../privacy/audit';
import * as repo from './scope-repo';

export const BREAK_GLASS_MINUTES = 30;

export interface StaffContext {
  principal: Principal;
  ip: string | null;
}

const notServed = () => notFound('No member with this id is available to you.');

export const breakGlassRequired = () =>
  new ProblemError(
    403,
    'break-the-glass-required',
    'This record is restricted',
    'Opening it needs break-the-glass with a reason. The privacy officer is told.',
  );

/** The member, if the agent serves their client; 404 otherwise. Restricted records need a live grant (403). */
export async function requireServedMember(
  deps: AppDeps,
  ctx: StaffContext,
  memberId: string,
  options: { allowRestricted?: boolean } = {},
): Promise<Member> {
  const member = await repo.memberRow(deps.db.db, memberId);
  if (!member) throw notServed();
  const clients = await repo.servedClientIds(deps.db.db, ctx.principal.userId);
  if (!clients.includes(member.clientId)) throw notServed();
  if (!options.allowRestricted && (await repo.isRestricted(deps.db.db, memberId))) {
    const grant = await repo.liveGrant(deps.db.db, ctx.principal.userId, memberId, deps.now());
    if (!grant) throw breakGlassRequired();
  }
  return member;
}

export async function breakTheGlass(
  deps: AppDeps,
  ctx: StaffContext,
  memberId: string,
  reason: string,
): Promise<{ expiresAt: string }> {
  await requireServedMember(deps, ctx, memberId, { allowRestricted: true });
  if (!(await repo.isRestricted(deps.db.db, memberId)))
    throw new ProblemError(409, 'not-restricted', 'Not restricted', 'This record is not restricted.');
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + BREAK_GLASS_MINUTES * 60_000);
  const grantId = await repo.insertGrant(deps.db.db, {
    userId: ctx.principal.userId,
    memberId,
    reason,
    now,
    expiresAt,
  });
  await auditByCaller(
    deps,
    ctx,
    {
      action: 'broke_the_glass',
      resourceType: 'member',
      resourceId: grantId,
      memberId,
      reason,
    },
    now,
  );
  const officers = await repo.activeUsersWithRole(deps.db.db, 'privacy_officer');
  // The alert names no member and no reason: the officer opens the audit log to see them.
  await sendSecureNotice(deps, publicBaseUrl(deps), {
    recipientUserIds: officers.map((o) => o.id),
    memberId: null,
    kind: 'customer_service',
    subject: 'Break-the-glass access to a restricted record',
    body: `${ctx.principal.displayName} opened a restricted record with break-the-glass at ${now.toISOString()}. Grant ${grantId}; see the audit log for the member and the reason.`,
    portalPath: null,
  });
  return { expiresAt: expiresAt.toISOString() };
}
