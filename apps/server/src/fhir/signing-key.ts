// The authorization server's ID-token signing key: generated once, stored encrypted, shared by every node (the
// first node to start inserts it; a concurrent second one keeps the winner's key).
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import { decryptField, encryptField, FIELD_CONTEXTS, type FieldKey } from '@openpbm/db/field-crypto';
import { asc } from 'drizzle-orm';
import type { JWK } from 'oidc-provider';
import { InvariantBroken } from '../platform/internal-errors';

const { oidcSigningKeys } = schema;

export async function loadSigningKey(db: Database, fieldKey: FieldKey): Promise<JWK> {
  const existing = await db.select().from(oidcSigningKeys).orderBy(asc(oidcSigningKeys.createdAt)).limit(1);
  let row = existing[0];
  if (!row) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = randomUUID();
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
    await db
      .insert(oidcSigningKeys)
      .values({
        kid,
        privateJwkEnc: encryptField(fieldKey, JSON.stringify(jwk), FIELD_CONTEXTS.oidcSigningKey),
      })
      .onConflictDoNothing();
    [row] = await db.select().from(oidcSigningKeys).orderBy(asc(oidcSigningKeys.createdAt)).limit(1);
  }
  if (!row) throw new InvariantBroken('no OAuth signing key could be stored');
  return JSON.parse(decryptField(fieldKey, row.privateJwkEnc, FIELD_CONTEXTS.oidcSigningKey)) as JWK;
}
