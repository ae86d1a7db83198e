// oidc-provider's storage adapter on the application database (PGlite or PostgreSQL), so every app node sees the
// same authorization codes, tokens, grants, sessions and registered apps. Shape: oidc-provider's Adapter interface
// (upsert / find / findByUid / findByUserCode / consume / destroy / revokeByGrantId).
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import { decryptField, encryptField, FIELD_CONTEXTS, type FieldKey } from '@openpbm/db/field-crypto';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Adapter, AdapterPayload } from 'oidc-provider';

const { oidcPayloads } = schema;

/** A confidential app's client_secret is stored encrypted; oidc-provider sees the plain value. */
function sealClient(key: FieldKey, payload: AdapterPayload): AdapterPayload {
  if (typeof payload.client_secret !== 'string') return payload;
  return {
    ...payload,
    client_secret: encryptField(key, payload.client_secret, FIELD_CONTEXTS.oidcClientSecret),
  };
}

function openClient(key: FieldKey, payload: AdapterPayload): AdapterPayload {
  if (typeof payload.client_secret !== 'string') return payload;
  return {
    ...payload,
    client_secret: decryptField(key, payload.client_secret, FIELD_CONTEXTS.oidcClientSecret),
  };
}

export function postgresAdapterFactory(db: Database, fieldKey: FieldKey, now: () => Date) {
  return class PostgresOidcAdapter implements Adapter {
    constructor(readonly model: string) {}

    private notExpired() {
      return or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, now()));
    }

    private async findWhere(
      column: typeof oidcPayloads.id | typeof oidcPayloads.uid | typeof oidcPayloads.userCode,
      value: string,
    ) {
      const [row] = await db
        .select()
        .from(oidcPayloads)
        .where(and(eq(oidcPayloads.model, this.model), eq(column, value), this.notExpired()))
        .limit(1);
      if (!row) return undefined;
      const payload = { ...(row.payload as AdapterPayload) };
      if (row.consumedAt) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
      return this.model === 'Client' ? openClient(fieldKey, payload) : payload;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const stored = this.model === 'Client' ? sealClient(fieldKey, payload) : payload;
      const values = {
        model: this.model,
        id,
        payload: stored as Record<string, unknown>,
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expiresAt: expiresIn ? new Date(now().getTime() + expiresIn * 1000) : null,
      };
      await db
        .insert(oidcPayloads)
        .values(values)
        .onConflictDoUpdate({
          target: [oidcPayloads.model, oidcPayloads.id],
          set: {
            payload: values.payload,
            grantId: values.grantId,
            userCode: values.userCode,
            uid: values.uid,
            expiresAt: values.expiresAt,
          },
        });
    }

    find(id: string) {
      return this.findWhere(oidcPayloads.id, id);
    }

    findByUid(uid: string) {
      return this.findWhere(oidcPayloads.uid, uid);
    }

    findByUserCode(userCode: string) {
      return this.findWhere(oidcPayloads.userCode, userCode);
    }

    async consume(id: string): Promise<void> {
      await db
        .update(oidcPayloads)
        .set({ consumedAt: now() })
        .where(and(eq(oidcPayloads.model, this.model), eq(oidcPayloads.id, id)));
    }

    async destroy(id: string): Promise<void> {
      await db.delete(oidcPayloads).where(and(eq(oidcPayloads.model, this.model), eq(oidcPayloads.id, id)));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      // Every token and code of the grant, whatever its model (oidc-provider calls this on one model at a time).
      await db.delete(oidcPayloads).where(eq(oidcPayloads.grantId, grantId));
    }
  };
}
