// Secrets, card numbers and health data never reach a log line, however deep a caller puts them.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../../src/platform/logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: pino(loggerOptions('info'), stream), lines };
}

describe('log redaction', () => {
  it('removes secrets and health data at the top level and one level down', () => {
    const { log, lines } = capture();
    log.info(
      {
        password: 'hunter2hunter2',
        cardNumber: '4111111111111111',
        body: { dateOfBirth: '1980-02-03', memberNumber: 'OPB0000000001', answer: 'rex' },
        req: { headers: { cookie: 'session=abc', authorization: 'Bearer xyz' } },
      },
      'something happened',
    );
    const out = lines.join('');
    for (const secret of [
      'hunter2hunter2',
      '4111111111111111',
      '1980-02-03',
      'OPB0000000001',
      'rex',
      'session=abc',
      'xyz',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
    expect(out).toContain('something happened');
  });

  it('logs request paths without query strings', () => {
    const serialize = loggerOptions('info').serializers?.req as (r: unknown) => { url: string };
    expect(serialize({ method: 'GET', url: '/api/drugs?name=atorvastatin' }).url).toBe('/api/drugs');
  });
});

describe('error serializer', () => {
  it('keeps a plain message and an ordinary error, and reduces a database error to its code', () => {
    const { log, lines } = capture();
    log.warn({ err: 'smtp timeout' }, 'mail not sent');
    log.error({ err: new Error('boom') }, 'failed');
    const dbError = Object.assign(new Error('value "OPB0000000001" violates'), {
      severity: 'ERROR',
      code: '23505',
      constraint: 'members_number_uq',
      detail: 'Key (member_number)=(OPB0000000001) already exists.',
    });
    const wrapped = Object.assign(new Error('Failed query: insert …\nparams: OPB0000000001'), {
      query: 'insert …',
      params: ['OPB0000000001'],
      cause: dbError,
    });
    log.error({ err: wrapped }, 'failed');
    const [plain, ordinary, db] = lines.map((l) => JSON.parse(l));
    expect(plain.err).toBe('smtp timeout');
    expect(ordinary.err).toMatchObject({ type: 'Error', message: 'boom' });
    expect(db.err).toEqual({ type: 'DatabaseError', sqlState: '23505', constraint: 'members_number_uq' });
    expect(lines.join('')).not.toContain('OPB0000000001');
  });
});
