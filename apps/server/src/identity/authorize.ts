// The one authorization helper every route uses: `preHandler: requireRole('member')`. Signed out → 401,
// signed in with another role → 403. Which member's data a member may see is decided in the services. A staff
// session without a second factor gets 403 second-factor-required everywhere except the account's own security
// settings (requireAccountOwner), where the first-sign-in setup enrols one.
// The returned hook carries its roles (`.roles`): the session hook also runs it before body validation, so a
// signed-out caller learns nothing about a route's schema, and the route-matrix test can check every route.
import type { Role } from '@openpbm/db/schema/users';
import type { FastifyRequest } from 'fastify';
import { forbidden, ProblemError, unauthorized } from '../platform/problem';
import type { Principal } from './principal';

export type RoleGuard = ((request: FastifyRequest) => Promise<void>) & { readonly roles: readonly Role[] };

const secondFactorRequired = () =>
  new ProblemError(
    403,
    'second-factor-required',
    'Set up a second sign-in step first',
    'Staff accounts need an authenticator app or a passkey. Set one up in your account security settings, then continue.',
  );

function guardFor(roles: readonly Role[], duringSetup: boolean): RoleGuard {
  const allowed = new Set<Role>(roles);
  const guard = async (request: FastifyRequest): Promise<void> => {
    const principal = request.principal;
    if (!principal) throw unauthorized();
    if (!allowed.has(principal.role)) throw forbidden();
    if (principal.secondFactorPending && !duringSetup) throw secondFactorRequired();
  };
  return Object.assign(guard, { roles: Object.freeze([...roles]) });
}

export const requireRole = (...roles: Role[]): RoleGuard => guardFor(roles, false);

/** The signed-in user's own account security settings: reachable also while a staff user still enrols a factor. */
export const requireAccountOwner = (...roles: Role[]): RoleGuard => guardFor(roles, true);

/** The requireRole guard among a route's hooks, or null. */
export function roleGuardOf(hooks: unknown): RoleGuard | null {
  const list = Array.isArray(hooks) ? hooks : hooks ? [hooks] : [];
  for (const hook of list) if ((hook as Partial<RoleGuard>).roles) return hook as RoleGuard;
  return null;
}

/** The roles a route's preHandler(s) allow, or null when none of them is a requireRole guard. */
export function guardRoles(preHandler: unknown): readonly Role[] | null {
  return roleGuardOf(preHandler)?.roles ?? null;
}

/** The signed-in principal inside a handler guarded by requireRole. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
