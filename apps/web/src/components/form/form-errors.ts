// Pure helpers behind the form kit: where a field's error lives, how it is listed in the error summary, and how a
// server's problem+json answer lands on the form's fields. Kept free of React so they are unit tested in Node.
import type { FieldErrors } from 'react-hook-form';
import { ApiError, errorMessage } from '../api/client';

/** The DOM id of a form's field: the error summary links to it. Dots of nested names become dashes. */
export const fieldId = (formId: string, name: string): string =>
  `${formId}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** The key under which an error that belongs to no one field is kept (react-hook-form's "root" errors). */
export const GENERAL_ERROR = 'root.server';

export interface ListedError {
  /** The field's name ("address.line1"), or GENERAL_ERROR. */
  name: string;
  message: string;
}

/** Every message in react-hook-form's nested error tree, in field order, one per field. */
export function listErrors(errors: FieldErrors, prefix = ''): ListedError[] {
  const listed: ListedError[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== 'object') continue;
    const name = prefix ? `${prefix}.${key}` : key;
    const message = (value as { message?: unknown }).message;
    if (typeof message === 'string' && message) listed.push({ name, message });
    else listed.push(...listErrors(value as FieldErrors, name));
  }
  return listed;
}

export interface ServerErrors {
  /** Field name → the server's message for it. */
  fields: Record<string, string>;
  /** A sentence for what is not about one field (or null when every message has its field). */
  general: string | null;
}

/** What a failed submission means for the form: the server's field-level messages, or one general sentence. */
export function serverErrors(error: unknown): ServerErrors {
  if (error instanceof ApiError) {
    const fields = error.fieldErrors();
    if (Object.keys(fields).length > 0) return { fields, general: null };
  }
  return { fields: {}, general: errorMessage(error) };
}
