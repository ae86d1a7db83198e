// Fetch helpers for the member benefits API: JSON in and out, the CSRF token on POSTs, and problem+json errors
// turned into ApiError (status + field errors) so forms can show each error next to its field.
import type { Problem } from '@openpbm/shared';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `Request failed (${status})`);
  }

  /** Field errors keyed by the request field name ("body.quantity" and "quantity" both → "quantity"). */
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

async function csrf(): Promise<string> {
  csrfToken ??= fetch('/api/identity/csrf', { credentials: 'same-origin' })
    .then((res) => {
      if (!res.ok) throw new ApiError(res.status, null);
      return res.json() as Promise<{ token: string }>;
    })
    .then((body) => body.token)
    .catch((error: unknown) => {
      csrfToken = null;
      throw error;
    });
  return csrfToken;
}

async function parse<T>(res: Response): Promise<T> {
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

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const send = async (token: string) =>
    fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': token },
      body: JSON.stringify(body),
    });
  let res = await send(await csrf());
  if (res.status === 403) {
    // The CSRF secret may have been renewed (new session): fetch a fresh token once.
    csrfToken = null;
    res = await send(await csrf());
  }
  return parse<T>(res);
}

export const isSignedOut = (error: unknown): boolean => error instanceof ApiError && error.status === 401;
