// Every failure is RFC 9457 problem+json: validation with field-level errors, unknown paths, malformed bodies
// and unexpected errors (whose details stay out of the response).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../harness';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    routes: (app) => {
      app.post(
        '/api/test/orders',
        {
          schema: {
            body: z.object({
              quantity: z.number().int().positive(),
              items: z.array(z.object({ ndc: z.string().regex(/^\d{11}$/, 'must be 11 digits') })).min(1),
            }),
          },
        },
        async () => ({ ok: true }),
      );
      app.get('/api/test/boom', async () => {
        throw new Error('secret internal detail: member 123');
      });
    },
  });
});
afterAll(() => t.close());

describe('problem+json', () => {
  it('answers schema violations with 400 and one error per field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/orders',
      payload: { quantity: -1, items: [{ ndc: '123' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body).toMatchObject({
      type: 'urn:openpbm:problem:validation',
      status: 400,
      title: expect.any(String),
    });
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['items.0.ndc', 'quantity']);
    expect(body.errors.find((e: { field: string }) => e.field === 'items.0.ndc').message).toBe(
      'must be 11 digits',
    );
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/orders',
      headers: { 'content-type': 'application/json' },
      payload: '{"quantity": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    // A catalogued slug, not Fastify's internal error code.
    expect(res.json().type).toBe('urn:openpbm:problem:bad-request');
  });

  it('answers unknown API paths with 404 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      type: 'urn:openpbm:problem:not-found',
      status: 404,
      instance: '/api/nothing-here',
    });
  });

  it('hides the details of unexpected errors', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ type: 'urn:openpbm:problem:internal', status: 500 });
    expect(res.body).not.toContain('secret internal detail');
  });
});
