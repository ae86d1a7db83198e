// The benefits pages use the app's one API client (identity/api.ts: JSON, CSRF token, problem+json errors).
import { ApiError } from '../../../identity/api';

export { ApiError, getJson, postJson } from '../../../identity/api';

export const isSignedOut = (error: unknown): boolean => error instanceof ApiError && error.status === 401;
