// The web app's one API client: JSON in and out, the CSRF token on every state-changing request (fetched once from
// GET /api/identity/csrf and cached; refetched once if the server says it went stale), problem+json errors as
// ApiError, and an Idempotency-Key on requests that create an order, claim or payment.
import type { Problem } from '@openpbm/shared';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `Request failed (${status})`);
  }

  get type(): string {
    return this.problem?.type.replace('urn:openpbm:problem:', '') ?? '';
  }

  /** Field errors keyed by field name ("body.password" and "password" both → "password"). */
  fieldErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const error of this.problem?.errors ?? []) {
      const field = error.field.replace(/^(body|params|querystring|query)\./, '');
      errors[field] ??= error.message;
    }
    return errors;
  }
}

let csrfToken: Promise<string> | null = null;

function csrf(): Promise<string> {
  csrfToken ??= fetch('/api/identity/csrf', { credentials: 'same-origin' })
    .then(async (res) => {
      if (!res.ok) throw new ApiError(res.status, null);
      return ((await res.json()) as { token: string }).token;
    })
    .catch((error: unknown) => {
      csrfToken = null;
      throw error;
    });
  return csrfToken;
}

async function parse<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  if (res.ok) return (await res.json()) as T;
  let problem: Problem | null = null;
  try {
    problem = (await res.json()) as Problem;
  } catch {
    problem = null;
  }
  throw new ApiError(res.status, problem);
}

export async function getJson<T>(url: string): Promise<T> {
  return parse<T>(await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } }));
}

export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  idempotencyKey?: string,
): Promise<T> {
  const send = async (token: string) =>
    fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'x-csrf-token': token,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  let res = await send(await csrf());
  if (
    res.status === 403 &&
    res.headers.get('content-type')?.includes('problem') &&
    (await isCsrfProblem(res.clone()))
  ) {
    csrfToken = null; // the CSRF cookie was lost or renewed: fetch a fresh token once
    res = await send(await csrf());
  }
  return parse<T>(res);
}

async function isCsrfProblem(res: Response): Promise<boolean> {
  try {
    return ((await res.json()) as Problem).type === 'urn:openpbm:problem:csrf';
  } catch {
    return false;
  }
}

export const postJson = <T>(url: string, body: unknown = {}) => sendJson<T>('POST', url, body);
export const putJson = <T>(url: string, body: unknown) => sendJson<T>('PUT', url, body);
export const patchJson = <T>(url: string, body: unknown) => sendJson<T>('PATCH', url, body);
export const deleteJson = <T>(url: string) => sendJson<T>('DELETE', url);

/** POST with an Idempotency-Key: retrying with the same key (e.g. after a network error) never creates twice. */
export const postIdempotent = <T>(url: string, body: unknown, idempotencyKey: string) =>
  sendJson<T>('POST', url, body, idempotencyKey);

/** A fresh key for one attempt (one checkout, one submission). */
export const newIdempotencyKey = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** A readable sentence for an error that is not about one field. */
/** A failure that did not come from the server but has a sentence fit to show (a cancelled passkey prompt). */
export class UserFacingError extends Error {}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem?.detail ?? error.problem?.title ?? error.message;
  if (error instanceof UserFacingError) return error.message;
  return 'Something went wrong. Check your connection and try again.';
}
