// Idempotency-Key for POSTs that create things (orders, refills, payments, claims). Wrap the handler:
//
//   async (request, reply) => idempotent(deps, request, reply, async () => {
//     const order = await orders.place(...);
//     reply.code(201);
//     return order;                       // a JSON value, or a Buffer (raw bodies; set reply.type first)
//   })
//
// Without the header the handler just runs. With it, the first request's status, content type and body are
// stored (encrypted: responses may carry health data) under (scope, key), the scope being the signed-in user
// (or the signing pharmacy) plus method and route:
//   - same key, same body            → the stored response again, with `Idempotent-Replayed: true`;
//   - same key, different body       → 422 problem;
//   - same key while the first is still running → 409 problem (retry later);
//   - a handler that throws stores nothing, so the request may be retried with the same key.
// Keys live 24 hours (an older key is treated as new).
import { createHmac } from 'node:crypto';
import { type Database, schema } from '@openpbm/db';
import { decryptField, encryptField, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import type { Config } from '@openpbm/shared/config';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, conflict, ProblemError } from './problem';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const BODY_CONTEXT = 'idempotency_keys.response_body';

export interface IdempotencyDeps {
  db: { db: Database };
  config: Pick<Config, 'FIELD_ENCRYPTION_KEY'>;
  now: () => Date;
}

interface StoredBody {
  contentType: string | null;
  /** encryptField of JSON.stringify({ json }) or of { base64 } for Buffer bodies. */
  enc: string;
}

export const unprocessable = (detail: string) =>
  new ProblemError(422, 'idempotency-key-reused', 'Idempotency key reused', detail);

/**
 * Fingerprint of what makes two requests "the same": method, path and body bytes (or the parsed JSON). The
 * concrete path, not the route pattern: the same key and body sent to another resource (`/cases/:id/appeal` for
 * another case) is a different request. Keyed (HMAC with the blind-index key), because bodies hold card numbers
 * and member IDs, which a plain hash would give away to a guesser.
 */
function requestHash(deps: IdempotencyDeps, request: FastifyRequest): string {
  const body = request.body;
  const bytes = Buffer.isBuffer(body)
    ? body
    : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? null), 'utf8');
  return createHmac('sha256', fieldKeyFromConfig(deps.config).indexKey)
    .update(`${request.method} ${request.url.split('?')[0] ?? ''}\n`)
    .update(bytes)
    .digest('hex');
}

function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? request.url.split('?')[0] ?? '';
}

/** Whose key it is: the principal (user), else the caller's own label (e.g. a TCP pharmacy), else anonymous. */
function scopeOf(request: FastifyRequest, owner?: string): string {
  const who = owner ?? (request.principal ? `user:${request.principal.userId}` : 'anonymous');
  return `${who}:${request.method} ${routeOf(request)}`;
}

export async function idempotent<T>(
  deps: IdempotencyDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  handler: () => Promise<T>,
  options: { owner?: string } = {},
): Promise<T> {
  const header = request.headers[IDEMPOTENCY_HEADER];
  if (header === undefined) return handler();
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters.', [
      { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
    ]);
  }
  const db = deps.db.db;
  const { idempotencyKeys: t } = schema;
  const scope = scopeOf(request, options.owner);
  const hash = requestHash(deps, request);
  const now = deps.now();

  // An expired key is forgotten, so it can start over.
  await db
    .delete(t)
    .where(
      and(eq(t.scope, scope), eq(t.key, key), lt(t.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS))),
    );
  const claimed = await db
    .insert(t)
    .values({ scope, key, requestHash: hash, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: t.key });

  if (claimed.length === 0) {
    const [existing] = await db
      .select()
      .from(t)
      .where(and(eq(t.scope, scope), eq(t.key, key)));
    if (!existing)
      throw conflict(
        'The request with this Idempotency-Key was just abandoned; retry it.',
        'request-in-progress',
      );
    if (existing.requestHash !== hash) {
      throw unprocessable('This Idempotency-Key was already used with a different request.');
    }
    if (existing.responseStatus === null || existing.responseBody === null) {
      throw conflict(
        'A request with this Idempotency-Key is still being processed; retry later.',
        'request-in-progress',
      );
    }
    return replay(deps, reply, existing.responseStatus, existing.responseBody as StoredBody) as T;
  }

  let body: T;
  try {
    body = await handler();
  } catch (err) {
    await db.delete(t).where(and(eq(t.scope, scope), eq(t.key, key)));
    throw err;
  }
  const contentType = reply.getHeader('content-type');
  const stored: StoredBody = {
    contentType: typeof contentType === 'string' ? contentType : null,
    enc: encryptField(
      fieldKeyFromConfig(deps.config),
      JSON.stringify(
        Buffer.isBuffer(body) || body instanceof Uint8Array
          ? { base64: Buffer.from(body as Uint8Array).toString('base64') }
          : { json: body ?? null },
      ),
      BODY_CONTEXT,
    ),
  };
  await db
    .update(t)
    .set({ responseStatus: reply.statusCode, responseBody: stored })
    .where(and(eq(t.scope, scope), eq(t.key, key)));
  return body;
}

function replay(deps: IdempotencyDeps, reply: FastifyReply, status: number, stored: StoredBody): unknown {
  const plain = JSON.parse(decryptField(fieldKeyFromConfig(deps.config), stored.enc, BODY_CONTEXT)) as
    | { json: unknown }
    | { base64: string };
  reply.code(status).header('idempotent-replayed', 'true');
  if (stored.contentType) reply.type(stored.contentType);
  return 'base64' in plain ? Buffer.from(plain.base64, 'base64') : plain.json;
}
