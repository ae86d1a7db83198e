// SQL for the member's app authorizations (what they approved on the consent page) and registered apps.
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import { and, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';

const { fhirAppAuthorizations, oidcPayloads } = schema;

/** The patient a grant's tokens are bound to; null when the member revoked it. */
export async function patientForGrant(db: Database, grantId: string): Promise<string | null> {
  const [row] = await db
    .select({ patient: fhirAppAuthorizations.patientMemberId })
    .from(fhirAppAuthorizations)
    .where(and(eq(fhirAppAuthorizations.grantId, grantId), isNull(fhirAppAuthorizations.revokedAt)));
  return row?.patient ?? null;
}

export async function findLiveAuthorization(db: Database, grantId: string) {
  const [row] = await db
    .select()
    .from(fhirAppAuthorizations)
    .where(and(eq(fhirAppAuthorizations.grantId, grantId), isNull(fhirAppAuthorizations.revokedAt)));
  return row ?? null;
}

export async function insertAuthorization(db: Database, row: typeof fhirAppAuthorizations.$inferInsert) {
  await db.insert(fhirAppAuthorizations).values(row);
}

export async function listUserAuthorizations(db: Database, userId: string) {
  return db
    .select()
    .from(fhirAppAuthorizations)
    .where(and(eq(fhirAppAuthorizations.userId, userId), isNull(fhirAppAuthorizations.revokedAt)))
    .orderBy(desc(fhirAppAuthorizations.createdAt));
}

export async function markRevoked(db: Database, grantId: string, userId: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(fhirAppAuthorizations)
    .set({ revokedAt: at })
    .where(
      and(
        eq(fhirAppAuthorizations.grantId, grantId),
        eq(fhirAppAuthorizations.userId, userId),
        isNull(fhirAppAuthorizations.revokedAt),
      ),
    )
    .returning({ grantId: fhirAppAuthorizations.grantId });
  return rows.length > 0;
}

/** Stamps the grant's last use; at most one write a minute per grant, so reads stay reads. */
export async function touchLastUsed(db: Database, grantId: string, at: Date): Promise<void> {
  const minuteAgo = new Date(at.getTime() - 60_000);
  await db
    .update(fhirAppAuthorizations)
    .set({ lastUsedAt: at })
    .where(
      and(
        eq(fhirAppAuthorizations.grantId, grantId),
        or(isNull(fhirAppAuthorizations.lastUsedAt), lt(fhirAppAuthorizations.lastUsedAt, minuteAgo)),
      ),
    );
}

/** Registered apps' metadata by client id (the payload oidc-provider stores for model Client). */
export async function findClientNames(db: Database, clientIds: string[]): Promise<Map<string, string>> {
  if (clientIds.length === 0) return new Map();
  const rows = await db
    .select({ id: oidcPayloads.id, payload: oidcPayloads.payload })
    .from(oidcPayloads)
    .where(and(eq(oidcPayloads.model, 'Client'), inArray(oidcPayloads.id, clientIds)));
  return new Map(rows.map((r) => [r.id, String(r.payload.client_name ?? r.id)]));
}

export async function listClients(db: Database) {
  const rows = await db
    .select({ id: oidcPayloads.id, payload: oidcPayloads.payload })
    .from(oidcPayloads)
    .where(eq(oidcPayloads.model, 'Client'))
    .orderBy(oidcPayloads.id);
  return rows.map((r) => r.payload);
}

/** Ends a grant: the grant itself and every code and token issued under it (any node sees it at once). */
export async function deleteGrantArtifacts(db: Database, grantId: string): Promise<void> {
  await db.delete(oidcPayloads).where(eq(oidcPayloads.grantId, grantId));
  await db.delete(oidcPayloads).where(and(eq(oidcPayloads.model, 'Grant'), eq(oidcPayloads.id, grantId)));
}
