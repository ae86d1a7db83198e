// The one authorization helper every route uses: `preHandler: requireRole('member')`. Signed out → 401,
// signed in with another role → 403. Which member's data a member may see is decided in the services.
// The returned hook carries its roles (`.roles`): the session hook also runs it before body validation, so a
// signed-out caller learns nothing about a route's schema, and the route-matrix test can check every route.
import type { Role } from '@openpbm/db/schema/users';
import type { FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../platform/problem';
import type { Principal } from './principal';

export type RoleGuard = ((request: FastifyRequest) => Promise<void>) & { readonly roles: readonly Role[] };

export function requireRole(...roles: Role[]): RoleGuard {
  const allowed = new Set<Role>(roles);
  const guard = async (request: FastifyRequest): Promise<void> => {
    const principal = request.principal;
    if (!principal) throw unauthorized();
    if (!allowed.has(principal.role)) throw forbidden();
  };
  return Object.assign(guard, { roles: Object.freeze([...roles]) });
}

/** The roles a route's preHandler(s) allow, or null when none of them is a requireRole guard. */
export function guardRoles(preHandler: unknown): readonly Role[] | null {
  const hooks = Array.isArray(preHandler) ? preHandler : preHandler ? [preHandler] : [];
  for (const hook of hooks) {
    const roles = (hook as Partial<RoleGuard>).roles;
    if (roles) return roles;
  }
  return null;
}

/** The signed-in principal inside a handler guarded by requireRole. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
