// pino options for every process: secrets, card data and health data never reach a log line.
// Request logs carry method, route and status only; bodies are never logged. Errors are logged through one
// serializer that drops anything a database error could carry from the request (see serializeError).
import type { LoggerOptions } from 'pino';

/** Field names whose values are removed wherever they appear (one and two levels deep). */
export const REDACTED_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'secret',
  'code',
  'otp',
  'answer',
  'answers',
  'cardNumber',
  'pan',
  'cvv',
  'memberNumber',
  'memberId',
  'dateOfBirth',
  'dob',
  'ssn',
  'address',
  'addressLine1',
  'addressLine2',
  'email',
  'phone',
  'diagnosis',
  'ndc',
  'drugName',
];

export function loggerOptions(level: string): LoggerOptions {
  const paths = [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-csrf-token"]',
    'res.headers["set-cookie"]',
    ...REDACTED_FIELDS,
    ...REDACTED_FIELDS.map((f) => `*.${f}`),
  ];
  return {
    level,
    redact: { paths, censor: '[redacted]' },
    serializers: {
      // Query strings can carry search terms (drug names): log the path only.
      req: (req: { method?: string; url?: string }) => ({ method: req.method, url: req.url?.split('?')[0] }),
      err: serializeError,
    },
  };
}

interface LoggableError {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
  code?: unknown;
  constraint?: unknown;
  severity?: unknown;
  query?: unknown;
  params?: unknown;
  cause?: unknown;
}

/** PostgreSQL (pg and PGlite) errors carry a five-character SQLSTATE and a severity. */
const isDatabaseError = (e: LoggableError) =>
  typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string';

/** Drizzle's wrapper: its message (and so its stack) spells out the SQL and every parameter. */
const isQueryWrapper = (e: LoggableError) => 'query' in e && 'params' in e;

/**
 * A database error is logged as its SQLSTATE and constraint name only: its message, detail ("Failing row
 * contains …") and the wrapper's parameters hold the member's data. The key is `sqlState` because `code` is
 * a redacted field (one-time codes). Other errors keep name, message and stack.
 */
export function serializeError(value: unknown, depth = 0): unknown {
  // Some callers log only a message (`{ err: error.message }`): it stays as it is.
  if (typeof value !== 'object' || value === null) return value;
  const e = value as LoggableError;
  const type = typeof e.name === 'string' ? e.name : 'Error';
  if (isDatabaseError(e)) {
    return { type: 'DatabaseError', sqlState: e.code, ...(e.constraint ? { constraint: e.constraint } : {}) };
  }
  if (isQueryWrapper(e)) {
    return e.cause && depth < 3 ? serializeError(e.cause, depth + 1) : { type: 'DatabaseError' };
  }
  return {
    type,
    message: String(e.message ?? ''),
    ...(typeof e.stack === 'string' ? { stack: e.stack } : {}),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(e.cause && depth < 3 ? { cause: serializeError(e.cause, depth + 1) } : {}),
  };
}
