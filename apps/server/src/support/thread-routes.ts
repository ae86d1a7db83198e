// Secure threads between members and their prescriber's office, the same four routes for either side: the
// side's threads, one thread (marked read), replying (attachments checked in thread-service), and downloading
// an attachment. Each side mounts them under its own path with its own role guard.
import { threadReplyRequest } from '@openpbm/shared/support';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { readContext } from '../prescriptions/routes';
import { downloadAttachment, listThreads, readThread, reply } from './thread-service';

const idParams = z.object({ id: z.uuid() });
/** A reply may carry attachments of up to 5 MB (base64 in JSON). */
export const THREAD_BODY_LIMIT = 8 * 1024 * 1024;

export interface ThreadSide {
  side: 'member' | 'prescriber';
  /** e.g. /support/prescriber-threads */
  prefix: string;
  guard: preHandlerAsyncHookHandler;
  tags: string[];
  listSummary: string;
  replySummary: string;
}

export function registerThreadRoutes(root: FastifyInstance, deps: AppDeps, s: ThreadSide): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { side, prefix, guard: preHandler, tags } = s;

  app.get(prefix, { preHandler, schema: { tags, summary: s.listSummary } }, async (request, res) => {
    res.header('cache-control', 'no-store');
    return { threads: await listThreads(deps, readContext(request), side) };
  });

  app.get(
    `${prefix}/:id`,
    { preHandler, schema: { tags, summary: 'One conversation (marked read)', params: idParams } },
    async (request, res) => {
      res.header('cache-control', 'no-store');
      return readThread(deps, readContext(request), request.params.id, side);
    },
  );

  app.post(
    `${prefix}/:id/replies`,
    {
      preHandler,
      bodyLimit: THREAD_BODY_LIMIT,
      schema: { tags, summary: s.replySummary, params: idParams, body: threadReplyRequest },
    },
    async (request) => reply(deps, readContext(request), request.params.id, side, request.body),
  );

  app.get(
    `${prefix}/attachments/:id`,
    { preHandler, schema: { tags, summary: 'Download an attachment', params: idParams } },
    async (request, res) => {
      const file = await downloadAttachment(deps, readContext(request), request.params.id, side);
      return res
        .header('cache-control', 'no-store')
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.content);
    },
  );
}
