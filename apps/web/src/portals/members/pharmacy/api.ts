// API helpers for the member pharmacy pages. JSON, CSRF and problem+json handling come from the identity helpers;
// this adds POSTs with an Idempotency-Key (placing an order), which those helpers do not send.
import { ApiError } from '../../../identity/api';

export { ApiError, deleteJson, errorMessage, getJson, postJson } from '../../../identity/api';

async function csrfToken(): Promise<string> {
  const res = await fetch('/api/identity/csrf', { credentials: 'same-origin' });
  if (!res.ok) throw new ApiError(res.status, null);
  return ((await res.json()) as { token: string }).token;
}

/** POST with an Idempotency-Key: retrying with the same key (e.g. after a network error) never orders twice. */
export async function postIdempotent<T>(url: string, body: unknown, idempotencyKey: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'x-csrf-token': await csrfToken(),
      'idempotency-key': idempotencyKey,
    },
    body: JSON.stringify(body),
  });
  if (res.ok) return (await res.json()) as T;
  let problem = null;
  try {
    problem = await res.json();
  } catch {
    problem = null;
  }
  throw new ApiError(res.status, problem);
}

/** A fresh key for one checkout attempt. */
export const newIdempotencyKey = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
