// The process's serving state, for a graceful shutdown behind a load balancer: while `draining`, /ready answers
// 503 (the balancer's health check takes the node out) and every response carries `Connection: close` (clients
// stop reusing their kept-alive connections, so none is cut while a request is written on it). `inFlight`
// counts the HTTP requests being served, for the shutdown's report.
import type { FastifyInstance } from 'fastify';

export class Lifecycle {
  draining = false;
  inFlight = 0;
}

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle;
  }
}

export function registerLifecycle(app: FastifyInstance): Lifecycle {
  const lifecycle = new Lifecycle();
  app.decorate('lifecycle', lifecycle);
  const counted = Symbol('counted');
  type Counted = { [counted]?: boolean };
  app.addHook('onRequest', async (request, reply) => {
    lifecycle.inFlight += 1;
    (request as unknown as Counted)[counted] = true;
    if (lifecycle.draining) reply.header('connection', 'close');
  });
  const done = async (request: object) => {
    const r = request as Counted;
    if (!r[counted]) return;
    r[counted] = false;
    lifecycle.inFlight -= 1;
  };
  app.addHook('onResponse', done);
  app.addHook('onRequestAbort', done);
  return lifecycle;
}
