import type { FastifyBaseLogger } from 'fastify';

/** Work that outlives the request (e-mails, an export build); the privacy job picks up whatever it leaves undone. */
export function inBackground(log: FastifyBaseLogger, what: string, work: Promise<unknown>): void {
  work.catch((error: unknown) =>
    log.warn({ err: (error as Error).message }, `${what} stopped; the job resumes it`),
  );
}
