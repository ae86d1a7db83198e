// What a background job is: a name, an optional UTC schedule and a plain async handler.
// The handler takes its dependencies and the current time as arguments, so tests call it directly
// with a moved clock and pg-boss calls it the same way.
import type { DatabaseHandle } from '@openpbm/db';
import type { Config } from '@openpbm/shared/config';
import type PgBoss from 'pg-boss';

/** The subset of pino the worker uses; pino's Logger satisfies it. */
export interface Logger {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

/** Outgoing e-mail (the server's SMTP mailer); absent when the worker runs without one. */
export interface JobMailer {
  send(mail: { to: string; subject: string; text: string }): Promise<{ messageId: string }>;
  close(): void;
}

export interface JobDeps {
  db: DatabaseHandle;
  config: Config;
  log: Logger;
  mailer?: JobMailer;
}

export interface JobDefinition<Result extends object = object> {
  /** pg-boss queue name. */
  name: string;
  /** Cron expression evaluated in UTC by pg-boss (`schedule`); absent for on-demand jobs. */
  cronUtc?: string;
  /** Queue options (policy, retries, expiry). */
  queue?: Omit<PgBoss.Queue, 'name'>;
  /** The job itself; its result is stored as the pg-boss job output, so it must hold no member data. */
  run(deps: JobDeps, now: Date): Promise<Result>;
}

/** Keeps the result type of each job while collecting them in one registry. */
export function defineJob<Result extends object>(job: JobDefinition<Result>): JobDefinition<Result> {
  return job;
}
