// Member home-delivery orders: quote and place refills (Idempotency-Key), history, detail with timeline and
// tracking, cancel, and a new card after a payment problem.
import {
  changeOrderPaymentRequest,
  createOrderRequest,
  orderDetail,
  orderQuoteRequest,
  orderQuoteResponse,
  ordersResponse,
} from '@openpbm/shared/pharmacy';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { requireMemberAccess } from '../family/access';
import { principalOf, requireRole } from '../identity/authorize';
import type { Principal } from '../identity/principal';
import { IDEMPOTENCY_HEADER, idempotent } from '../platform/idempotency';
import { badRequest, notFound } from '../platform/problem';
import { selectPrescriptions } from '../prescriptions/repo';
import { readContext } from '../prescriptions/routes';
import { cancelOrder, changeOrderPayment, getOrder, listOrders } from './member-service';
import { notifyOrderPlaced } from './notifications';
import { placeOrder, quoteOrder } from './place-order';

const tags = ['orders'];
const memberOnly = requireRole('member');
const idParams = z.object({ id: z.uuid() });

/** The one person the prescriptions belong to, if the principal may manage their refills. */
async function patientFor(deps: AppDeps, principal: Principal, prescriptionIds: string[]) {
  const rows = await selectPrescriptions(deps.db.sql, prescriptionIds);
  const memberIds = [...new Set(rows.map((r) => r.member_id))];
  if (rows.length !== prescriptionIds.length || memberIds.length === 0) {
    throw notFound('One of these prescriptions is not available to you.');
  }
  if (memberIds.length > 1) {
    throw badRequest('Order refills for one person at a time.', [
      { field: 'prescriptionIds', message: 'Choose prescriptions of one person for each order' },
    ]);
  }
  return requireMemberAccess(deps, principal, memberIds[0], 'manage').catch((error: unknown) => {
    if ((error as { status?: number }).status === 403) throw error;
    throw notFound('One of these prescriptions is not available to you.');
  });
}

export function registerOrderRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/orders/quote',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Check refills against the rules and price them for home delivery (nothing is ordered)',
        body: orderQuoteRequest,
        response: { 200: orderQuoteResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const patient = await patientFor(deps, principalOf(request), request.body.prescriptionIds);
      return quoteOrder(deps, patient.memberId, request.body.prescriptionIds);
    },
  );

  app.post(
    '/orders',
    {
      preHandler: memberOnly,
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'Order refills by home delivery (send an Idempotency-Key header; a retry returns the same order)',
        headers: z.object({ [IDEMPOTENCY_HEADER]: z.string().max(255).optional() }).passthrough(),
        body: createOrderRequest,
        response: { 201: orderDetail },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const key = request.headers[IDEMPOTENCY_HEADER];
      return idempotent(deps, request, reply, async () => {
        const patient = await patientFor(deps, principal, request.body.prescriptionIds);
        const placed = await placeOrder(deps, {
          memberId: patient.memberId,
          payerMemberId: principal.memberId as string,
          prescriptionIds: request.body.prescriptionIds,
          shippingSpeed: request.body.shippingSpeed ?? 'standard',
          shippingAddress: request.body.shippingAddress ?? null,
          paymentMethodId: request.body.paymentMethodId ?? null,
          source: 'member',
          actor: { userId: principal.userId, role: principal.role, ip: request.ip ?? null },
          // Also kept on the order row, so even a retry after the idempotency record expired finds the order.
          idempotencyKey: typeof key === 'string' && key ? `${principal.userId}:${key}` : null,
        });
        if (placed.created) await notifyOrderPlaced(deps, placed.orderId);
        reply.code(201);
        return getOrder(deps, readContext(request), placed.orderId);
      });
    },
  );

  app.get(
    '/orders',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Home-delivery order history (mine and family members I may see)',
        querystring: z.object({ memberId: z.uuid().optional() }),
        response: { 200: ordersResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { orders: await listOrders(deps, readContext(request), request.query.memberId) };
    },
  );

  app.get(
    '/orders/:id',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'One order: items, timeline, tracking, payment',
        params: idParams,
        response: { 200: orderDetail },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getOrder(deps, readContext(request), request.params.id);
    },
  );

  app.post(
    '/orders/:id/cancel',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Cancel an order that has not been filled',
        params: idParams,
        response: { 200: orderDetail },
      },
    },
    async (request) => cancelOrder(deps, readContext(request), request.params.id),
  );

  app.post(
    '/orders/:id/payment-method',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Pay with another card after a declined payment (the order goes back to the pharmacy)',
        params: idParams,
        body: changeOrderPaymentRequest,
        response: { 200: orderDetail },
      },
    },
    async (request) =>
      changeOrderPayment(deps, readContext(request), request.params.id, request.body.paymentMethodId),
  );
}
