// The people and clients a certificate is issued to, and the service identity a client's HR system signs in as:
// a `client_user` row with no password (it cannot sign in) holding the eligibility-files grant.
import { type Database, schema } from '@openpbm/db';
import { normalizeUsername } from '@openpbm/db/schema/users';
import { and, eq, isNull } from 'drizzle-orm';
import { InvariantBroken } from '../platform/internal-errors';

const { users, clients, clientAccessGrants } = schema;

export function systemPeopleRepo(db: Database) {
  return {
    async user(id: string) {
      const [row] = await db
        .select({
          id: users.id,
          username: users.username,
          role: users.role,
          clientId: users.clientId,
          status: users.status,
          email: users.email,
        })
        .from(users)
        .where(eq(users.id, id));
      return row;
    },
    /** Where a client's service-identity notices go: its active primary administrators' addresses. */
    async primaryAdminEmails(clientId: string): Promise<string[]> {
      const rows = await db
        .select({ email: users.email })
        .from(schema.clientPrimaryAdmins)
        .innerJoin(users, eq(users.id, schema.clientPrimaryAdmins.userId))
        .where(and(eq(schema.clientPrimaryAdmins.clientId, clientId), eq(users.status, 'active')));
      return rows.map((r) => r.email);
    },
    async client(id: string) {
      const [row] = await db
        .select({ id: clients.id, code: clients.code, name: clients.name })
        .from(clients)
        .where(eq(clients.id, id));
      return row;
    },
    /** The service identity's user for a client, created once (same name again: the same user). */
    async serviceUser(clientId: string, clientCode: string, name: string, grantUntil: Date, now: Date) {
      const username = `svc.${name}.${clientCode}`.toLowerCase();
      const [existing] = await db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.usernameNormalized, normalizeUsername(username)));
      const userId =
        existing?.id ??
        (
          await db
            .insert(users)
            .values({
              username,
              usernameNormalized: normalizeUsername(username),
              email: `${username}@service.invalid`,
              role: 'client_user',
              clientId,
              displayName: `${name} (service identity)`,
            })
            .returning({ id: users.id })
        )[0]?.id;
      if (!userId) throw new InvariantBroken('service user insert returned nothing');
      const [grant] = await db
        .select({ id: clientAccessGrants.id })
        .from(clientAccessGrants)
        .where(
          and(
            eq(clientAccessGrants.userId, userId),
            eq(clientAccessGrants.clientId, clientId),
            eq(clientAccessGrants.tool, 'eligibility_files'),
            isNull(clientAccessGrants.revokedAt),
          ),
        );
      if (!grant)
        await db
          .insert(clientAccessGrants)
          .values({ userId, clientId, tool: 'eligibility_files', grantedAt: now, expiresAt: grantUntil });
      return userId;
    },
  };
}
