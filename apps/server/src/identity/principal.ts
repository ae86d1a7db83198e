// Who is making a request: resolved from the session cookie by the identity routes' hook, null when signed out.
import type { Role } from '@openpbm/db/schema/users';

/** Session auth methods that are a second factor (a passkey with user verification counts on its own). */
export const SECOND_FACTOR_METHODS: ReadonlySet<string> = new Set(['totp', 'passkey', 'recovery_code']);

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
  /** A staff session without a second factor: it may only reach the account's own security settings (setup). */
  secondFactorPending: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}
