// Home-delivery pharmacy staff console API (role pharmacy_staff at a home-delivery pharmacy).
import {
  exceptionRequest,
  noteRequest,
  queueResponse,
  queueStatus,
  shipOrderRequest,
  staffOrderDetail,
  verifyOrderRequest,
} from '@openpbm/shared/pharmacy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import {
  cancelByStaff,
  deliverOrder,
  fillOrder,
  getQueue,
  getStaffOrder,
  raiseException,
  resumeOrder,
  type StaffContext,
  shipOrder,
  verifyOrder,
} from './service';

const tags = ['home-delivery pharmacy'];
const staffOnly = requireRole('pharmacy_staff');
const idParams = z.object({ id: z.uuid() });
const ctxOf = (request: FastifyRequest): StaffContext => ({
  principal: principalOf(request),
  ip: request.ip ?? null,
});

export function registerHomeDeliveryRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const noStore = {
    onSend: async (_req: FastifyRequest, reply: { header(k: string, v: string): unknown }) =>
      void reply.header('cache-control', 'no-store'),
  };

  app.get(
    '/home-delivery/queue',
    {
      preHandler: staffOnly,
      ...noStore,
      schema: {
        tags,
        summary: 'Order work queue of my pharmacy by status (expedited first, then oldest first)',
        querystring: z.object({ status: queueStatus.default('received') }),
        response: { 200: queueResponse },
      },
    },
    async (request) => getQueue(deps, principalOf(request), request.query.status),
  );

  app.get(
    '/home-delivery/orders/:id',
    {
      preHandler: staffOnly,
      ...noStore,
      schema: {
        tags,
        summary: 'One order with items, DUR warnings and history',
        params: idParams,
        response: { 200: staffOrderDetail },
      },
    },
    async (request) => getStaffOrder(deps, ctxOf(request), request.params.id),
  );

  const action = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (ctx: StaffContext, id: string, body: z.infer<B>) => Promise<unknown>,
  ) =>
    app.post(
      `/home-delivery/orders/:id/${path}`,
      {
        preHandler: staffOnly,
        schema: { tags, summary, params: idParams, body, response: { 200: staffOrderDetail } },
      },
      async (request) =>
        run(ctxOf(request), (request.params as { id: string }).id, request.body as z.infer<B>) as never,
    );

  action(
    'verify',
    'Pharmacist verification (confirm DUR warnings were reviewed)',
    verifyOrderRequest,
    (ctx, id, b) => verifyOrder(deps, ctx, id, b),
  );
  action('fill', 'Fill the order: charge the card on file, then record the fill', noteRequest, (ctx, id, b) =>
    fillOrder(deps, ctx, id, b.note),
  );
  action('ship', 'Ship with carrier and tracking number', shipOrderRequest, (ctx, id, b) =>
    shipOrder(deps, ctx, id, b),
  );
  action('deliver', 'Mark delivered', noteRequest, (ctx, id, b) => deliverOrder(deps, ctx, id, b.note));
  action('exception', 'Raise an exception (problem to resolve)', exceptionRequest, (ctx, id, b) =>
    raiseException(deps, ctx, id, b.reason),
  );
  action('resume', 'Resolve an exception and continue where the order stopped', noteRequest, (ctx, id, b) =>
    resumeOrder(deps, ctx, id, b.note),
  );
  action('cancel', 'Cancel the order', exceptionRequest, (ctx, id, b) =>
    cancelByStaff(deps, ctx, id, b.reason),
  );
}
