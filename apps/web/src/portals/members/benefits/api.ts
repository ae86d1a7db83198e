// The benefits pages use the app's one API client (identity/api.ts: JSON, CSRF token, problem+json errors).
import { ApiError } from '../../../components/api/client';

export { ApiError, getJson, postJson } from '../../../components/api/client';

export const isSignedOut = (error: unknown): boolean => error instanceof ApiError && error.status === 401;
