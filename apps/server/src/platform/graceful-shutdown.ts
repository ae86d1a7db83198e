// SIGTERM, in order: /ready turns 503 while requests are still served (SHUTDOWN_READY_GRACE_MS, so the load
// balancer's check takes the node out first); then the HTTP, mTLS and claims TCP listeners stop accepting while
// the requests and claim frames already received are answered, and the worker lets its running jobs finish, all
// within SHUTDOWN_DEADLINE_MS; only then does the caller close the database. Whatever is still open at the
// deadline is cut, and the report says how much.

import { Server as NetServer, type Socket } from 'node:net';
import type { Worker } from '@openpbm/worker';
import type { FastifyInstance } from 'fastify';
import type { ClientTlsListener } from '../certificates/listener';
import type { ClaimsTcpListener } from '../claims/tcp-listener';

const netClose = NetServer.prototype.close;

export interface DrainParts {
  app: FastifyInstance;
  clientTls: ClientTlsListener;
  claimsTcp?: ClaimsTcpListener | undefined;
  worker?: Worker | undefined;
}

export interface ShutdownReport {
  /** HTTP requests being served when the shutdown began, and when the listeners stopped accepting. */
  httpInFlightAtSignal: number;
  httpInFlightAtClose: number;
  /** Claim frames received and not yet answered when the TCP listener stopped accepting. */
  claimFramesInFlight: number;
  /** From the end of the ready grace until everything drained. */
  drainMs: number;
  /** Connections (HTTP or TCP) still open at the deadline and cut; 0 is a clean drain. */
  cut: number;
}

export async function drainGracefully(
  parts: DrainParts,
  timing: { readyGraceMs: number; deadlineMs: number },
): Promise<ShutdownReport> {
  const { app, claimsTcp, clientTls, worker } = parts;
  app.lifecycle.draining = true;
  const httpInFlightAtSignal = app.lifecycle.inFlight;
  await new Promise((resolve) => setTimeout(resolve, timing.readyGraceMs));

  const started = Date.now();
  const httpInFlightAtClose = app.lifecycle.inFlight;
  let httpCut = 0;
  const cutHttp = setTimeout(() => {
    httpCut = app.lifecycle.inFlight;
    app.server.closeAllConnections();
  }, timing.deadlineMs);
  const [, , tcp] = await Promise.all([
    drainHttp(app, started + timing.deadlineMs),
    clientTls.close(timing.deadlineMs),
    claimsTcp?.drain(timing.deadlineMs),
    worker?.stop(),
  ]);
  clearTimeout(cutHttp);
  return {
    httpInFlightAtSignal,
    httpInFlightAtClose,
    claimFramesInFlight: tcp?.framesInFlight ?? 0,
    drainMs: Date.now() - started,
    cut: httpCut + (tcp?.cut ?? 0),
  };
}

/** How long a connection accepted before the listener closed may take to send its first request. */
const FIRST_REQUEST_WAIT_MS = 2_000;
const POLL_MS = 20;

/**
 * Stops accepting, answers what the open connections send, then closes Fastify. Not `app.close()` at once: Node's
 * `server.close()` destroys every connection without a request in progress, and that includes one just accepted
 * whose request is still in the socket's buffer, unread; destroying it resets that request (ECONNRESET). So the
 * listening socket closes first (net's close, without http's closeIdleConnections); a connection that has carried
 * responses and is idle is ended (FIN); one that has not carried its first request yet gets FIRST_REQUEST_WAIT_MS
 * to send it, and it is answered (with `Connection: close`, since we are draining).
 */
async function drainHttp(app: FastifyInstance, deadline: number): Promise<void> {
  const { server, lifecycle } = app;
  await stopListening(server);
  const endedAt = new Map<Socket, number>();
  while (lifecycle.connections.size > 0 && Date.now() < deadline) {
    const now = Date.now();
    for (const [socket, state] of lifecycle.connections) {
      const ended = endedAt.get(socket);
      // A client that leaves its side open after our FIN is not waited for.
      if (ended !== undefined && now - ended > FIRST_REQUEST_WAIT_MS) socket.destroy();
      if (state.busy > 0 || ended !== undefined) continue;
      if (state.served > 0 || now - state.idleSince >= FIRST_REQUEST_WAIT_MS) {
        endedAt.set(socket, now);
        socket.end();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  await app.close();
}

/** Without a connection for this long, the listener is closed from a timer. */
const QUIET_MS = 50;

/**
 * Closes the listening socket (net's close, so no connection is touched). The kernel resets the connections
 * still waiting in its accept queue when the socket closes, so it is closed right after an accept, when libuv
 * has just emptied that queue (the check phase after an accept), or after QUIET_MS without any connection arriving.
 */
function stopListening(server: NetServer): Promise<void> {
  return new Promise((resolve) => {
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearTimeout(quiet);
      server.removeListener('connection', afterAccepts);
      // Its callback would wait for every connection; the listening socket itself closes now.
      netClose.call(server);
      resolve();
    };
    // libuv accepts every waiting connection before the check phase (setImmediate) runs.
    const afterAccepts = () => setImmediate(close);
    const quiet = setTimeout(close, QUIET_MS);
    server.on('connection', afterAccepts);
  });
}
