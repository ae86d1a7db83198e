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
