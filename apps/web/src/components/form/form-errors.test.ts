import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { fieldId, listErrors, serverErrors } from './form-errors';

describe('form kit error helpers', () => {
  it('gives nested fields DOM-safe ids the summary can link to', () => {
    expect(fieldId('f1', 'address.line1')).toBe('f1-address-line1');
    expect(fieldId(':r1:', 'zip')).toBe(':r1:-zip');
  });

  it('lists nested and root errors once each, in order', () => {
    const listed = listErrors({
      name: { type: 'too_small', message: 'Enter your name.' },
      address: { line1: { type: 'too_small', message: 'Enter the street.' } },
      root: { server: { type: 'server', message: 'The service is busy.' } },
    } as never);
    expect(listed).toEqual([
      { name: 'name', message: 'Enter your name.' },
      { name: 'address.line1', message: 'Enter the street.' },
      { name: 'root.server', message: 'The service is busy.' },
    ]);
  });

  it('maps a problem+json answer to its fields, without the body. prefix', () => {
    const error = new ApiError(400, {
      type: 'urn:openpbm:problem:validation',
      title: 'Invalid request',
      status: 400,
      errors: [{ field: 'body.email', message: 'Enter a work e-mail address.' }],
    } as never);
    expect(serverErrors(error)).toEqual({ fields: { email: 'Enter a work e-mail address.' }, general: null });
  });

  it('turns any other failure into one general sentence', () => {
    const conflict = new ApiError(409, {
      type: 'urn:openpbm:problem:conflict',
      title: 'Conflict',
      status: 409,
      detail: 'Already sent.',
    } as never);
    expect(serverErrors(conflict)).toEqual({ fields: {}, general: 'Already sent.' });
    expect(serverErrors(new TypeError('fetch failed')).general).toMatch(/connection/);
  });
});
