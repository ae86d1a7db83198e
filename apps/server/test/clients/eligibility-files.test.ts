// Eligibility file intake through HTTP: CSV and X12 834, an error report per record (where, field, reason) that
// names no other member, all-or-nothing apply, the same file again changes nothing, a new member can then
// activate, and the boundaries (no grant → 404, too large → 413). Uploads go over mutual TLS with the user's
// client certificate (secure-tools.ts), as the secure tools require.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_HEADER } from '../../src/clients/eligibility-parse';
import { type SecureTools, secureTools } from '../certificates/secure-tools';
import { createTestApp, type TestApp } from '../harness';
import { type Family, insertFamily } from '../identity/fixtures';
import { Client } from '../identity/flows';
import { addClient, addClientUser, grant, must } from './client-world';

let t: TestApp;
let family: Family;
let groupNumber: string;
let headers: Record<string, string>;
let tools: SecureTools;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-03-02T15:00:00Z') });
  family = await insertFamily(t.db);
  const { rows } = await t.db.sql.query<{ group_number: string }>(
    'select group_number from groups where client_id = $1',
    [family.clientId],
  );
  groupNumber = must(rows[0]).group_number;
  const user = await addClientUser(t, family.clientId);
  await grant(t, user.userId, family.clientId, 'eligibility_files');
  headers = user.headers;
  tools = await secureTools(t);
}, 180_000);
afterAll(async () => {
  await tools?.close();
  await t?.close();
});

const csv = (...rows: string[]) => [CSV_HEADER.join(','), ...rows].join('\n');
const send = (step: 'preview' | 'apply', content: string, clientId = family.clientId, h = headers) =>
  tools.inject({
    method: 'POST',
    url: `/api/clients/${clientId}/eligibility-files/${step}`,
    headers: h,
    payload: { content },
  });
const memberCount = async () =>
  Number(
    (
      await t.db.sql.query<{ n: string }>('select count(*) as n from members where client_id = $1', [
        family.clientId,
      ])
    ).rows[0]?.n,
  );

const newSubscriber = (id = 'NEW1001', end = '') =>
  `${id},${id},1,Jordan,Vale,1985-04-12,F,12 Elm St,Chicago,IL,60614,${groupNumber},add,2026-03-01,${end}`;
const newChild = () =>
  `NEW1002,NEW1001,3,Riley,Vale,2015-09-30,U,12 Elm St,Chicago,IL,60614,${groupNumber},add,2026-03-01,`;

describe('CSV eligibility files', () => {
  it('reports every bad record and applies nothing', async () => {
    const bad = csv(
      newSubscriber('NEW1001', '2026-01-01'),
      newChild(),
      `NEW1002,NEW1001,3,Sam,Vale,2016-01-01,X,12 Elm St,Chicago,IL,60614,${groupNumber},add,2026-03-01,`,
    );
    const preview = await send('preview', bad);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().errors).toEqual([
      { at: 'line 2', field: 'end_date', reason: 'Ends before it starts.' },
      { at: 'line 4', field: 'member_id', reason: 'Appears more than once in this file (first at line 3).' },
      { at: 'line 4', field: 'gender', reason: 'Must be M, F or U.' },
    ]);
    const before = await memberCount();
    const applied = await send('apply', bad);
    expect(applied.statusCode).toBe(422);
    expect(applied.headers['content-type']).toContain('application/problem+json');
    expect(applied.json().errors).toHaveLength(3);
    expect(await memberCount()).toBe(before);
  });

  it('previews and applies adds, a change and a termination at once; the same file again changes nothing', async () => {
    const file = csv(
      newSubscriber(),
      newChild(),
      `${family.subscriber.memberNumber},${family.subscriber.memberNumber},1,${family.subscriber.firstName},Newname,${family.subscriber.dateOfBirth},M,9 Oak Ave,Chicago,IL,60614,${groupNumber},change,2025-01-01,`,
      `${family.adultDependent.memberNumber},${family.subscriber.memberNumber},3,,,,,,,,,,terminate,2025-01-01,2026-03-31`,
    );
    const preview = (await send('preview', file)).json();
    expect(preview).toMatchObject({
      format: 'csv',
      records: 4,
      adds: 2,
      changes: 1,
      terminations: 1,
      alreadyApplied: false,
      errors: [],
    });
    const before = await memberCount();
    const applied = await send('apply', file);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ applied: true, adds: 2 });
    expect(await memberCount()).toBe(before + 2);
    const { rows } = await t.db.sql.query<{ last_name: string; end_date: string | null }>(
      `select m.last_name, s.end_date::text from members m join eligibility_spans s on s.member_id = m.id where m.id = any($1)`,
      [[family.subscriber.id, family.adultDependent.id]],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { last_name: 'Newname', end_date: null },
        expect.objectContaining({ end_date: '2026-03-31' }),
      ]),
    );
    const audits = await t.db.sql.query(
      `select 1 from audit_events where action = 'eligibility_file_applied'`,
    );
    expect(audits.rows).toHaveLength(4);

    const again = await send('apply', file);
    expect(again.json()).toMatchObject({ applied: false, alreadyApplied: true });
    expect(await memberCount()).toBe(before + 2);
  });

  it('a newly added member can activate their account', async () => {
    const c = await Client.start(t);
    const res = await c.post('/api/identity/activation', {
      memberId: 'NEW1001',
      dateOfBirth: '1985-04-12',
      lastName: 'Vale',
      zip: '60614',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().firstName).toBe('Jordan');
  });

  it('names no other client’s member: an id enrolled elsewhere is just unusable', async () => {
    const other = await insertFamily(t.db);
    const res = (await send('preview', csv(newSubscriber(other.subscriber.memberNumber)))).json();
    expect(res.errors).toEqual([
      { at: 'line 2', field: 'member_id', reason: 'This member ID cannot be used.' },
    ]);
    expect(JSON.stringify(res)).not.toContain(other.subscriber.lastName);
  });
});

const isa = (icn: string) =>
  `ISA*00*          *00*          *ZZ*SENDER         *ZZ*OPENPBM        *260301*1200*^*00501*${icn}*0*T*:`;

function file834(icn: string, memberId: string, extra = '') {
  const body = [
    'ST*834*0001*005010X220A1',
    'BGN*00*REF1*20260301*1200****2',
    `REF*38*${groupNumber}`,
    'N1*P5*Employer*FI*123456789',
    'N1*IN*OpenPBM*FI*987654321',
    'INS*Y*18*021*XN*A*E**FT',
    `REF*0F*${memberId}`,
    'DTP*356*D8*20260301',
    `NM1*IL*1*Quill*Morgan****ZZ*${memberId}`,
    'N3*5 Birch Rd',
    'N4*Chicago*IL*60614',
    'DMG*D8*19900220*M',
    'HD*021**HLT',
    'DTP*348*D8*20260301',
    ...(extra ? [extra] : []),
  ];
  return `${[
    isa(icn),
    'GS*BE*SENDER*OPENPBM*20260301*1200*1*X*005010X220A1',
    ...body,
    `SE*${body.length + 1}*0001`,
    'GE*1*1',
    `IEA*1*${icn}`,
  ].join('~\n')}~`;
}

describe('X12 834 eligibility files', () => {
  it('applies an 834 once; the same interchange again changes nothing', async () => {
    const edi = file834('000000905', 'X834001');
    const preview = await send('preview', edi);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ format: '834', adds: 1, errors: [] });
    expect((await send('apply', edi)).json()).toMatchObject({ applied: true });
    // Same interchange control number, different bytes: recognised.
    expect((await send('apply', edi.replace(/~\n/g, '~'))).json()).toMatchObject({
      applied: false,
      alreadyApplied: true,
    });
  });

  it('reports a malformed segment with its place', async () => {
    const res = (await send('preview', file834('000000906', 'X834002', 'DMG*D8*1990-02-20*Q'))).json();
    expect(res.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'date_of_birth',
          at: expect.stringMatching(/^segment \d+ \(INS\)$/),
        }),
        expect.objectContaining({ field: 'gender' }),
      ]),
    );
  });

  it('reports an envelope the parser cannot read', async () => {
    const res = (await send('preview', 'ISA*00*broken~')).json();
    expect(res.errors).toEqual([expect.objectContaining({ at: 'file', field: 'envelope' })]);
  });
});

describe('boundaries', () => {
  it('answers 404 for a client without a grant and 413 for a file over the size limit', async () => {
    const other = await addClient(t, 'Elsewhere Inc');
    expect((await send('preview', csv(newSubscriber('Z1001')), other.id)).statusCode).toBe(404);
    // The size limit holds before anything else is read, on either port.
    const big = await t.app.inject({
      method: 'POST',
      url: `/api/clients/${family.clientId}/eligibility-files/preview`,
      headers,
      payload: { content: 'x'.repeat(21 * 1024 * 1024) },
    });
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
  });
});
