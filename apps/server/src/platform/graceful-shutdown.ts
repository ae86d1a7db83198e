// SIGTERM, in order: /ready turns 503 while requests are still served (SHUTDOWN_READY_GRACE_MS, so the load
// balancer's check takes the node out first); then the HTTP, mTLS and claims TCP listeners stop accepting while
// the requests and claim frames already received are answered, and the worker lets its running jobs finish, all
// within SHUTDOWN_DEADLINE_MS; only then does the caller close the database. Whatever is still open at the
// deadline is cut, and the report says how much.
import type { Worker } from '@openpbm/worker';
import type { FastifyInstance } from 'fastify';
import type { ClientTlsListener } from '../certificates/listener';
import type { ClaimsTcpListener } from '../claims/tcp-listener';

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
  // Fastify's close stops accepting, closes idle kept-alive connections and waits for the busy ones.
  const cutHttp = setTimeout(() => {
    httpCut = app.lifecycle.inFlight;
    app.server.closeAllConnections();
  }, timing.deadlineMs);
  const [, , tcp] = await Promise.all([
    app.close(),
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
