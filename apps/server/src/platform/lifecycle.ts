// The process's serving state, for a graceful shutdown behind a load balancer: while `draining`, /ready answers
// 503 (the balancer's health check takes the node out) and every response carries `Connection: close` (clients
// stop reusing their kept-alive connections, so none is cut while a request is written on it). `inFlight`
// counts the HTTP requests being served, for the shutdown's report; `connections` follows every HTTP connection
// so the drain can tell a kept-alive idle one (safe to close) from one just accepted whose request has not been
// read yet (closing that one would reset a request already on its way).
import type { Socket } from 'node:net';
import { Server as TlsServer } from 'node:tls';
import type { FastifyInstance } from 'fastify';

export interface ConnectionState {
  /** Requests on it being answered. */
  busy: number;
  /** Responses it has carried (0: accepted, its first request not read yet). */
  served: number;
  /** When it last became idle (accepted, or its last response ended), ms since the epoch. */
  idleSince: number;
}

export class Lifecycle {
  draining = false;
  inFlight = 0;
  readonly connections = new Map<Socket, ConnectionState>();
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
  trackConnections(app, lifecycle.connections);
  return lifecycle;
}

function trackConnections(app: FastifyInstance, connections: Map<Socket, ConnectionState>): void {
  // Over HTTPS a request's socket is the TLS one, known once its handshake is done.
  const accepted = app.server instanceof TlsServer ? 'secureConnection' : 'connection';
  app.server.on(accepted, (socket: Socket) => {
    connections.set(socket, { busy: 0, served: 0, idleSince: Date.now() });
    socket.once('close', () => connections.delete(socket));
  });
  app.server.on('request', (request, response) => {
    const state = connections.get(request.socket as Socket);
    if (!state) return;
    state.busy += 1;
    response.once('close', () => {
      state.busy -= 1;
      state.served += 1;
      state.idleSince = Date.now();
    });
  });
}
