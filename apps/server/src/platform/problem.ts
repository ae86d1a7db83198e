// RFC 9457 problem details: the one error shape every route returns.
// Services throw ProblemError; the error handler turns it (and validation and unknown errors) into
// `application/problem+json`.
import type { FieldError, Problem } from '@openpbm/shared';
import type { ConflictSlug, ProblemSlug } from './problem-types';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Problem type URIs are stable identifiers, not links to fetch; the slugs are catalogued in problem-types.ts. */
export const problemType = (slug: ProblemSlug): string => `urn:openpbm:problem:${slug}`;

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly slug: ProblemSlug,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** RFC 9457 extension members (e.g. links a client can follow to fix the problem). */
    readonly extensions?: Record<string, string>,
  ) {
    super(detail ?? title);
  }

  toProblem(instance?: string): Problem {
    return {
      type: problemType(this.slug),
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors?.length ? { errors: this.errors } : {}),
      ...this.extensions,
    };
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new ProblemError(400, 'validation', 'Your request has errors', detail, errors);
export const unauthorized = (detail = 'Sign in to continue.') =>
  new ProblemError(401, 'unauthorized', 'Not signed in', detail);
export const forbidden = (detail = 'You do not have access to this.') =>
  new ProblemError(403, 'forbidden', 'Forbidden', detail);
export const notFound = (detail = 'Nothing was found here.') =>
  new ProblemError(404, 'not-found', 'Not found', detail);
/** 409: pick the catalogue slug a client can act on (reload, go to the existing one, …); `conflict` is the rest. */
export const conflict = (detail: string, slug: ConflictSlug = 'conflict') =>
  new ProblemError(409, slug, 'Conflict', detail);
export const tooManyRequests = (detail = 'Too many attempts. Please wait and try again.') =>
  new ProblemError(429, 'rate-limited', 'Too many requests', detail);
