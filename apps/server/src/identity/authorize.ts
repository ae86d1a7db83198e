// The one authorization helper every route uses: `preHandler: requireRole('member')`. Signed out → 401,
// signed in with another role → 403. Which member's data a member may see is decided in the services.
import type { Role } from '@openpbm/db/schema/users';
import type { FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../platform/problem';
import type { Principal } from './principal';

export function requireRole(...roles: Role[]) {
  const allowed = new Set<Role>(roles);
  return async (request: FastifyRequest): Promise<void> => {
    const principal = request.principal;
    if (!principal) throw unauthorized();
    if (!allowed.has(principal.role)) throw forbidden();
  };
}

/** The signed-in principal inside a handler guarded by requireRole. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
