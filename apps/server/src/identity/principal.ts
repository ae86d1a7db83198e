// Who is making a request: resolved from the session cookie by the identity routes' hook, null when signed out.
import type { Role } from '@openpbm/db/schema/users';

export interface Principal {
  userId: string;
  sessionId: string;
  role: Role;
  displayName: string;
  /** The one scope link the role needs (see users table); null for the others. */
  memberId: string | null;
  clientId: string | null;
  advisorId: string | null;
  prescriberId: string | null;
  pharmacyId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}
