// Family access page: who the member can see, and the proxy access they share or were given. Only an adult (18+)
// shares their own data, only with another adult in the same family.
import { addDays, localDateInTimeZone, parseLocalDate, zonedDateTime } from '@openpbm/domain';
import type { CreateProxyGrantRequest, FamilyResponse, ProxyGrantView } from '@openpbm/shared/family';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { badRequest, forbidden, notFound } from '../platform/problem';
import { recordAudit } from '../privacy/audit';
import { ageToday, HIDDEN_ADULTS_NOTICE, loadFamilyView } from './access';
import * as repo from './repo';

export async function getFamily(deps: AppDeps, principal: Principal): Promise<FamilyResponse> {
  const view = await loadFamilyView(deps, principal);
  const nameOf = (id: string) => {
    const person = view.family.find((p) => p.id === id);
    return person ? `${person.firstName} ${person.lastName}` : 'Family member';
  };
  const toView = (g: FamilyView['grants'][number]): ProxyGrantView => ({
    id: g.id,
    grantorMemberId: g.grantorMemberId,
    grantorName: nameOf(g.grantorMemberId),
    granteeMemberId: g.granteeMemberId,
    granteeName: nameOf(g.granteeMemberId),
    access: g.access,
    createdAt: g.createdAt.toISOString(),
    expiresAt: g.expiresAt?.toISOString() ?? null,
  });
  const selfIsAdult = ageToday(deps, view.self) >= 18;
  return {
    members: view.accessible.map(({ memberId, firstName, lastName, relationship, access }) => ({
      memberId,
      firstName,
      lastName,
      relationship,
      access,
    })),
    canShareWith: selfIsAdult
      ? view.family
          .filter((p) => p.id !== view.self.id && ageToday(deps, p) >= 18)
          .map((p) => ({ memberId: p.id, firstName: p.firstName, lastName: p.lastName }))
      : [],
    grantsGiven: view.grants.filter((g) => g.grantorMemberId === view.self.id).map(toView),
    grantsReceived: view.grants.filter((g) => g.granteeMemberId === view.self.id).map(toView),
    notice: view.hiddenAdults > 0 ? HIDDEN_ADULTS_NOTICE : null,
  };
}

type FamilyView = Awaited<ReturnType<typeof loadFamilyView>>;

export async function shareAccess(
  deps: AppDeps,
  principal: Principal,
  input: CreateProxyGrantRequest,
  ip: string | null,
): Promise<FamilyResponse> {
  const view = await loadFamilyView(deps, principal);
  if (ageToday(deps, view.self) < 18)
    throw forbidden('Only members 18 or older can share access to their prescriptions.');
  const grantee = view.family.find((p) => p.id === input.granteeMemberId && p.id !== view.self.id);
  if (!grantee) {
    throw badRequest('Choose a family member on your plan.', [
      { field: 'granteeMemberId', message: 'Choose an adult family member on your plan' },
    ]);
  }
  if (ageToday(deps, grantee) < 18) {
    throw badRequest('Access can be shared with adults only.', [
      { field: 'granteeMemberId', message: 'This family member is under 18' },
    ]);
  }
  let expiresAt: Date | null = null;
  if (input.expiresOn) {
    if (input.expiresOn < localDateInTimeZone(deps.now(), view.self.timeZone)) {
      throw badRequest('The end date is in the past.', [
        { field: 'expiresOn', message: 'Choose today or a later date' },
      ]);
    }
    expiresAt = startOfLocalDay(addDays(input.expiresOn, 1), view.self.timeZone);
  }
  const grant = await repo.insertGrant(deps.db.db, {
    grantorMemberId: view.self.id,
    granteeMemberId: grantee.id,
    access: input.access,
    grantedByUserId: principal.userId,
    now: deps.now(),
    expiresAt,
  });
  await audit(deps, principal, 'created', grant.id, view.self.id, ip, { access: input.access });
  return getFamily(deps, principal);
}

/** The grantor takes access back, or the grantee gives it up. */
export async function endAccess(
  deps: AppDeps,
  principal: Principal,
  grantId: string,
  ip: string | null,
): Promise<FamilyResponse> {
  const grant = await repo.findGrant(deps.db.db, grantId);
  const me = principal.memberId;
  if (!grant || grant.revokedAt || (grant.grantorMemberId !== me && grant.granteeMemberId !== me)) {
    throw notFound('No shared access with this id.');
  }
  await repo.revokeGrant(deps.db.db, grantId, deps.now());
  await audit(deps, principal, 'revoked', grantId, grant.grantorMemberId, ip, null);
  return getFamily(deps, principal);
}

/** Midnight at the start of a local date in a zone, as an instant (zone offsets found by probing). */
function startOfLocalDay(date: string, timeZone: string): Date {
  const guess = new Date(`${date}T00:00:00Z`);
  const local = zonedDateTime(guess, timeZone);
  const { year, month, day } = parseLocalDate(local.date);
  const offsetMs = Date.UTC(year, month - 1, day, local.hour, local.minute, local.second) - guess.getTime();
  return new Date(guess.getTime() - offsetMs);
}

async function audit(
  deps: AppDeps,
  principal: Principal,
  action: string,
  grantId: string,
  memberId: string,
  ip: string | null,
  detail: Record<string, unknown> | null,
) {
  await recordAudit(
    deps.db.db,
    {
      actorUserId: principal.userId,
      actorRole: principal.role,
      action,
      resourceType: 'proxy_grant',
      resourceId: grantId,
      memberId,
      reason: 'member_request',
      ip,
      detail,
    },
    deps.now(),
  );
}
