// Turns every failure into problem+json: schema validation (with field-level errors), ProblemError from
// services, Fastify's own client errors (bad JSON, body too large), 404s, and unknown errors as a 500 whose
// details stay in the log only.
import type { FieldError } from '@openpbm/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { PROBLEM_CONTENT_TYPE, ProblemError } from './problem';
import type { ProblemSlug } from './problem-types';
import type { PageFallback } from './web-app';

/** `pageFallback` serves the web app for client-side routes; everything else that is not found is a problem. */
export function registerErrorHandling(app: FastifyInstance, pageFallback?: PageFallback): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblemError(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const page = pageFallback?.(request, reply);
    if (page) return page;
    const path = request.url.split('?')[0];
    return sendProblem(
      reply,
      request,
      new ProblemError(404, 'not-found', 'Not found', `No resource at ${request.method} ${path}.`),
    );
  });
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: ProblemError) {
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problem.toProblem(request.url.split('?')[0]));
}

function toProblemError(error: FastifyError): ProblemError {
  if (error instanceof ProblemError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const errors: FieldError[] = error.validation.map((v) => ({
      field: fieldName(where, v.instancePath),
      message: v.message ?? 'is invalid',
    }));
    return new ProblemError(
      400,
      'validation',
      'Your request has errors',
      'Correct the fields listed and try again.',
      errors,
    );
  }
  if (error instanceof ZodError) {
    const errors = error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
    return new ProblemError(
      400,
      'validation',
      'Your request has errors',
      'Correct the fields listed and try again.',
      errors,
    );
  }
  const status = error.statusCode ?? 500;
  if (status === 429)
    return new ProblemError(429, 'rate-limited', 'Too many requests', 'Please wait and try again.');
  if (status >= 400 && status < 500) {
    // Fastify's client errors (malformed JSON, unsupported media type, body too large) carry safe messages.
    const [slug, title] = CLIENT_ERRORS[status] ?? BAD_REQUEST;
    return new ProblemError(status, slug, title, error.message);
  }
  return new ProblemError(
    500,
    'internal',
    'Something went wrong',
    'The error was logged. Please try again later.',
  );
}

/** "/items/0/ndc" in the body → "items.0.ndc"; query and params keep their name. */
function fieldName(where: string, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  if (where === 'body') return path || 'body';
  return path ? `${where}.${path}` : where;
}

/** Fastify's client errors mapped onto the catalogue (problem-types.ts); its own codes stay in the log. */
const CLIENT_ERRORS: Record<number, [ProblemSlug, string]> = {
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  413: ['body-too-large', 'Request too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
};
const BAD_REQUEST: [ProblemSlug, string] = ['bad-request', 'Bad request'];
