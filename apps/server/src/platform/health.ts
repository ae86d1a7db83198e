// Liveness (/health: the process answers) and readiness (/ready: the database answers too, and the process is not
// shutting down: see lifecycle.ts).
import type { DatabaseHandle } from '@openpbm/db';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Lifecycle } from './lifecycle';

const healthSchema = z.object({ status: z.literal('ok') });
const readySchema = z.object({
  status: z.enum(['ready', 'unavailable', 'draining']),
  database: z.enum(['pglite', 'postgres']),
});

export function registerHealthRoutes(app: FastifyInstance, db: DatabaseHandle, lifecycle: Lifecycle): void {
  app.get(
    '/health',
    { schema: { tags: ['platform'], summary: 'Liveness', response: { 200: healthSchema } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    {
      schema: {
        tags: ['platform'],
        summary: 'Readiness: the database answers and the node is not shutting down',
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (request, reply) => {
      if (lifecycle.draining) return reply.code(503).send({ status: 'draining' as const, database: db.kind });
      try {
        await db.sql.query('select 1');
        return { status: 'ready' as const, database: db.kind };
      } catch (err) {
        request.log.warn({ err: (err as Error).message }, 'database not reachable');
        return reply.code(503).send({ status: 'unavailable' as const, database: db.kind });
      }
    },
  );
}
