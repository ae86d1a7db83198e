// The operator's command line (eligibility-cli.ts) uses the same service as the upload with an operator actor:
// no grant needed, the file recorded as applied by the operator, one audit row per member. The upload page's
// progress: records processed, total and errors so far, visible only to the user who sent the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { CSV_HEADER } from '../../src/clients/eligibility-parse';
import { createEligibilityService } from '../../src/clients/eligibility-service';
import { verifyAuditChain } from '../../src/privacy/audit';
import { type SecureTools, secureTools } from '../certificates/secure-tools';
import { createTestApp, type TestApp } from '../harness';
import { type Family, insertFamily } from '../identity/fixtures';
import { addClientUser, grant, must } from './client-world';

let t: TestApp;
/** The secure tools answer over mutual TLS with the user's certificate (issue 11). */
let tools: SecureTools;
let family: Family;
let groupNumber: string;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-03-02T15:00:00Z') });
  family = await insertFamily(t.db);
  const { rows } = await t.db.sql.query<{ group_number: string }>(
    'select group_number from groups where client_id = $1',
    [family.clientId],
  );
  groupNumber = must(rows[0]).group_number;
  tools = await secureTools(t);
}, 180_000);
afterAll(async () => {
  await tools?.close();
  await t?.close();
});

const subscribers = (prefix: string, n: number) =>
  [
    CSV_HEADER.join(','),
    ...Array.from(
      { length: n },
      (_, i) =>
        `${prefix}${i},${prefix}${i},1,Jordan,Vale,1985-04-12,F,12 Elm St,Chicago,IL,60614,${groupNumber},add,2026-03-01,`,
    ),
  ].join('\n');

describe('eligibility import by the operator', () => {
  it('applies through the service without a grant, records the operator, reports progress', {
    timeout: 180_000,
  }, async () => {
    const service = createEligibilityService(t.deps);
    const seen: Array<{ phase: string; processed: number; total: number }> = [];
    const out = await service.apply({ operator: 'ops' }, family.clientId, subscribers('OPS', 300), (p) =>
      seen.push(p),
    );
    expect(out).toMatchObject({ applied: true, adds: 300, errors: [] });
    expect(seen).toContainEqual({ phase: 'checking', processed: 250, total: 300, errors: 0 });
    expect(seen).toContainEqual({ phase: 'applying', processed: 300, total: 300, errors: 0 });
    const { rows } = await t.db.sql.query<{ applied_by: string | null; applied_by_operator: string }>(
      'select applied_by, applied_by_operator from eligibility_imports where client_id = $1',
      [family.clientId],
    );
    expect(rows).toEqual([{ applied_by: null, applied_by_operator: 'ops' }]);
    const audit = await t.db.sql.query<{ n: string }>(
      `select count(*) as n from audit_events where action = 'eligibility_file_applied' and actor_role = 'operator:ops'`,
    );
    expect(Number(audit.rows[0]?.n)).toBe(300);
    // The batch is chained row by row like single audit writes: the whole chain still verifies.
    expect(await verifyAuditChain(t.db.db)).toBeNull();
    // The same file again changes nothing.
    expect(await service.apply({ operator: 'ops' }, family.clientId, subscribers('OPS', 300))).toMatchObject({
      applied: false,
      alreadyApplied: true,
    });
  });
});

describe('upload progress', () => {
  it('shows the sender how far the file got; another user reads "not started"', async () => {
    const sender = await addClientUser(t, family.clientId);
    await grant(t, sender.userId, family.clientId, 'eligibility_files');
    const other = await addClientUser(t, family.clientId);
    await grant(t, other.userId, family.clientId, 'eligibility_files');
    const uploadId = '01900000-0000-7000-8000-0000000000aa';
    const base = `/api/clients/${family.clientId}/eligibility-files`;
    const res = await tools.inject({
      method: 'POST',
      url: `${base}/preview`,
      headers: sender.headers,
      payload: { content: subscribers('PRG', 3), uploadId },
    });
    expect(res.statusCode, res.body).toBe(200);
    const mine = await tools.inject({
      method: 'GET',
      url: `${base}/progress/${uploadId}`,
      headers: sender.headers,
    });
    expect(mine.json()).toEqual({ phase: 'done', processed: 3, total: 3, errors: 0 });
    const theirs = await tools.inject({
      method: 'GET',
      url: `${base}/progress/${uploadId}`,
      headers: other.headers,
    });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json()).toEqual({ phase: 'checking', processed: 0, total: 0, errors: 0 });
    // Another user's upload under the same id does not overwrite the sender's progress.
    await tools.inject({
      method: 'POST',
      url: `${base}/preview`,
      headers: other.headers,
      payload: { content: subscribers('PRX', 5), uploadId },
    });
    const again = await tools.inject({
      method: 'GET',
      url: `${base}/progress/${uploadId}`,
      headers: sender.headers,
    });
    expect(again.json()).toMatchObject({ processed: 3, total: 3 });
  });

  it('is kept in the database, so a second app node answers the poll', async () => {
    const sender = await addClientUser(t, family.clientId);
    await grant(t, sender.userId, family.clientId, 'eligibility_files');
    const otherNode = await buildApp(t.deps, { webDist: '/nonexistent' });
    await otherNode.ready();
    const otherTools = await secureTools(t, otherNode);
    try {
      const uploadId = '01900000-0000-7000-8000-0000000000bb';
      const base = `/api/clients/${family.clientId}/eligibility-files`;
      const res = await tools.inject({
        method: 'POST',
        url: `${base}/apply`,
        headers: sender.headers,
        payload: { content: subscribers('NODE', 4), uploadId },
      });
      expect(res.statusCode, res.body).toBe(200);
      const polled = await otherTools.inject({
        method: 'GET',
        url: `${base}/progress/${uploadId}`,
        headers: sender.headers,
      });
      expect(polled.json()).toEqual({ phase: 'done', processed: 4, total: 4, errors: 0 });
      const { rows } = await t.db.sql.query<{ n: string }>(
        'select count(*) as n from eligibility_upload_progress where upload_id = $1',
        [uploadId],
      );
      expect(Number(rows[0]?.n)).toBe(1);
    } finally {
      await otherTools.close();
      await otherNode.close();
    }
  });
});
