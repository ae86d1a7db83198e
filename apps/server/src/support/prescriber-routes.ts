// The prescriber portal's side of secure messaging with patients: its threads, one thread (marked read),
// replying, and attachments.
import { threadReplyRequest } from '@openpbm/shared/support';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { requireRole } from '../identity/authorize';
import { readContext } from '../prescriptions/routes';
import { downloadAttachment, listThreads, readThread, reply } from './thread-service';

const tags = ['prescriber messages'];
const prescribers = requireRole('prescriber');
const idParams = z.object({ id: z.uuid() });

export function registerPrescriberMessageRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/prescriber/threads',
    { preHandler: prescribers, schema: { tags, summary: 'Conversations with patients' } },
    async (request, res) => {
      res.header('cache-control', 'no-store');
      return { threads: await listThreads(deps, readContext(request), 'prescriber') };
    },
  );

  app.get(
    '/prescriber/threads/:id',
    {
      preHandler: prescribers,
      schema: { tags, summary: 'One conversation (marked read)', params: idParams },
    },
    async (request, res) => {
      res.header('cache-control', 'no-store');
      return readThread(deps, readContext(request), request.params.id, 'prescriber');
    },
  );

  app.post(
    '/prescriber/threads/:id/replies',
    {
      preHandler: prescribers,
      bodyLimit: 8 * 1024 * 1024,
      schema: { tags, summary: 'Answer the patient', params: idParams, body: threadReplyRequest },
    },
    async (request) => reply(deps, readContext(request), request.params.id, 'prescriber', request.body),
  );

  app.get(
    '/prescriber/threads/attachments/:id',
    { preHandler: prescribers, schema: { tags, summary: 'Download an attachment', params: idParams } },
    async (request, res) => {
      const file = await downloadAttachment(deps, readContext(request), request.params.id, 'prescriber');
      return res
        .header('cache-control', 'no-store')
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.content);
    },
  );
}
