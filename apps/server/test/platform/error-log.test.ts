// The error log of a failing request names what failed (SQLSTATE, constraint) and nothing the caller sent:
// no member ID, prescriber ID, NDC, directions or username (issue 19, item 5).
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrescription } from '../../src/prescriptions/create';
import { createTestApp, type TestApp } from '../harness';
import { csrfFor } from '../sign-in';

const lines: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});

const submitted = {
  memberId: randomUUID(),
  prescriberId: randomUUID(),
  pharmacyId: randomUUID(),
  drugGroupId: randomUUID(),
  ndc: '13579246801',
  directions: 'Take one tablet by mouth nightly for sleepwalking',
};

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    env: { LOG_LEVEL: 'info' },
    logStream,
    // The prescription insert as the e-prescribing service makes it, with a quantity the database refuses
    // (what a quantity of 1e-300 did before the input rules caught it).
    routes: (app) =>
      app.post('/test/prescription-insert', async () => {
        await t.db.db.transaction((tx) =>
          createPrescription(tx, {
            ...submitted,
            quantityMilli: 0,
            daysSupply: 30,
            refillsAuthorized: 1,
            refillsRemaining: 1,
            writtenDate: '2026-01-02',
            expiryDate: '2027-01-02',
            fillCount: 0,
            lastFillDate: null,
            origin: { kind: 'eprescribed', createdByUserId: randomUUID() },
            now: new Date(),
          }),
        );
        return { ok: true };
      }),
  });
});
afterAll(() => t.close());

function logSince(start: number): string {
  return lines.slice(start).join('');
}

describe('error log', () => {
  it('logs a database error as its SQLSTATE and constraint, without the parameters or the failing row', async () => {
    const start = lines.length;
    const res = await t.app.inject({ method: 'POST', url: '/test/prescription-insert' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const log = logSince(start);
    const entry = log
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { msg?: string; err?: Record<string, unknown> })
      .find((l) => l.msg === 'unhandled error');
    expect(entry?.err).toEqual({
      type: 'DatabaseError',
      sqlState: '23514',
      constraint: 'prescriptions_quantity_ck',
    });
    for (const value of Object.values(submitted)) expect(log).not.toContain(value);
    expect(log).not.toMatch(/Failing row|params:/);
  });

  it('answers a NUL byte in a username with 400 and keeps the username out of the log', async () => {
    const username = 'nightowl\u0000ZQX';
    const csrf = await csrfFor(t);
    const start = lines.length;
    for (const [url, payload] of [
      ['/api/identity/sign-in/site-key', { username }],
      ['/api/identity/sign-in/password', { username, password: 'not-the-password-1' }],
      ['/api/identity/password-reset/request', { usernameOrEmail: username }],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url, headers: csrf.headers, payload });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      expect(res.json().errors[0].field, url).toMatch(/^username/);
    }
    expect(logSince(start)).not.toContain('nightowl');
  });
});
