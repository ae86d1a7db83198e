// pino options for every process: secrets, card data and health data never reach a log line.
// Request logs carry method, route and status only; bodies are never logged.
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
    },
  };
}
