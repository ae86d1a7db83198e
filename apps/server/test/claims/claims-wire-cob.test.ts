// Coordination of benefits, written byte by byte from the D.0 layouts (wire-d0.ts, not the codec) and sent
// through HTTP and the TCP listener. Customer service records the other coverage through its API (or an 834's
// loop 2320 brings it); a claim billed here first then rejects 41 naming the primary (AM28); a secondary claim
// (308-C8 2 + AM05) pays at most what the primary left; E1 tells the other coverage (AM28).
import { schema } from '@openpbm/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEligibilityService } from '../../src/clients/eligibility-service';
import { addMember, type BenefitsFixture, type FixtureMember } from '../fixtures/benefits';
import type { TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';
import { nextRxNumber } from './claim-builders';
import { amount, b1, cents } from './wire-billing';
import { fieldOf, segment } from './wire-d0';
import { money, rejects, status } from './wire-segments';
import { type WireWorld, wireSuite } from './wire-world';

let t: TestApp;
let f: BenefitsFixture;
let w: WireWorld;
let agent: Record<string, string>;

wireSuite((suite) => ({ t, f, w } = suite));
beforeAll(async () => {
  const agentId = await createTestUser(t, 'customer_service');
  await t.db.db.insert(schema.staffClientAssignments).values({ userId: agentId, clientId: f.clientId });
  agent = (await signInAs(t, agentId)).headers;
});

const OTHER = {
  coverageType: '01',
  payerName: 'Lakeside Employer Rx',
  bin: '012345',
  pcn: 'LAKE01',
  groupId: 'LKGRP',
  cardholderId: 'LK0099887766',
  personCode: '01',
  helpDeskPhone: '800-555-0177',
  effectiveDate: '2026-01-01',
  reason: 'Member called with a new employer plan',
};

const addOtherCoverage = (m: FixtureMember, body: object = OTHER) =>
  t.app.inject({
    method: 'POST',
    url: `/api/support/staff/members/${m.id}/other-coverage`,
    headers: agent,
    payload: body,
  });

describe('customer service records other coverage', () => {
  it('adds it with a reason (audited, cardholder masked); a bad BIN is a field error; others’ members 404', async () => {
    const m = await addMember(t.db.db, f);
    const empty = await t.app.inject({
      method: 'GET',
      url: `/api/support/staff/members/${m.id}/other-coverage`,
      headers: agent,
    });
    expect([empty.statusCode, empty.json()]).toEqual([200, { otherCoverage: [] }]);
    const bad = await addOtherCoverage(m, { ...OTHER, bin: '12AB' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('bin');
    const added = await addOtherCoverage(m);
    expect(added.statusCode).toBe(201);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/support/staff/members/${m.id}/other-coverage`,
      headers: agent,
    });
    expect(list.json().otherCoverage).toEqual([
      expect.objectContaining({
        payerName: OTHER.payerName,
        bin: '012345',
        cardholderIdMasked: '••••••••7766',
      }),
    ]);
    expect(list.body).not.toContain('LK0099887766');
    const { rows } = await t.db.sql.query<{ action: string; reason: string }>(
      `select action, reason from audit_events where resource_type = 'member_other_coverage' and member_id = $1
       order by seq`,
      [m.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['viewed', 'created', 'viewed']);
    expect(rows[1]?.reason).toBe(OTHER.reason);
    const stored = await t.db.sql.query<{ enc: string }>(
      'select cardholder_id_enc as enc from member_other_coverage where member_id = $1',
      [m.id],
    );
    expect(stored.rows[0]?.enc).not.toContain('LK0099887766');
  });
});

describe('coordination of benefits on the wire', () => {
  it.each([
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ] as const)(
    'billed here first: 41 with the primary payer in AM28; secondary pays what is left (%s)',
    async (_, via) => {
      const m = await addMember(t.db.db, f);
      expect((await addOtherCoverage(m)).statusCode).toBe(201);
      const primary = await w.send(via, 'B1', m, b1(nextRxNumber(), f.drugs.lipitor));
      expect([status(primary), rejects(primary)]).toEqual(['R', ['41']]);
      const am28 = (id: string) => fieldOf(primary, 0, '28', id);
      expect([am28('NT'), am28('5C'), am28('6C'), am28('7C'), am28('MH'), am28('NU'), am28('MJ')]).toEqual([
        ['1'],
        ['01'],
        ['03'],
        ['012345'],
        ['LAKE01'],
        ['LK0099887766'],
        ['LKGRP'],
      ]);
      expect(am28('UB')).toEqual(['8005550177']);

      // Lipitor 30: $148.50 + $1.50 = $150.00 allowed; own benefit: member $10 copay, plan $140.
      // Primary paid $100, left $50 to the member: this plan pays the $50, the member nothing.
      const cob = (paid: number, left: number) =>
        segment(
          '05',
          '4C1',
          '5C01',
          '6C03',
          '7C012345',
          'E820260310',
          'HB1',
          'HC07',
          `DV${money(paid)}`,
          'NR1',
          'NP06',
          `NQ${money(left)}`,
        );
      const rx = nextRxNumber();
      const secondary = await w.send(via, 'B1', m, b1(rx, f.drugs.lipitor, ['C82'], [cob(10_000, 5_000)]));
      expect(status(secondary), JSON.stringify(secondary.transactions)).toBe('P');
      expect([amount(secondary, 'F9'), amount(secondary, 'F5'), amount(secondary, 'J5')]).toEqual([
        cents(5_000),
        cents(0),
        cents(10_000),
      ]);
      // Primary paid $5 and left $145: this plan pays no more than its own benefit ($140); the member $5.
      // (Another member: a second Lipitor fill today would be refill too soon.)
      const capped = await w.send(
        via,
        'B1',
        await addMember(t.db.db, f),
        b1(nextRxNumber(), f.drugs.lipitor, ['C82'], [cob(500, 14_500)]),
      );
      expect([status(capped), amount(capped, 'F9'), amount(capped, 'F5')]).toEqual([
        'P',
        cents(14_000),
        cents(500),
      ]);
      const stored = await t.db.sql.query<{
        amount_paid_cents: number;
        patient_responsibility_cents: number;
      }>(
        `select o.amount_paid_cents, o.patient_responsibility_cents from claim_other_payments o
       join claims c on c.id = o.claim_id where c.rx_number = $1`,
        [rx],
      );
      expect(stored.rows).toEqual([{ amount_paid_cents: 10_000, patient_responsibility_cents: 5_000 }]);

      // 308-C8 2 without the COB segment, or with a bad amount: the field's own code, never paid.
      const noSegment = await w.send(via, 'B1', m, b1(nextRxNumber(), f.drugs.lipitor, ['C82']));
      expect(rejects(noSegment)).toEqual(['13']);
      const badAmount = segment('05', '4C1', '5C01', '6C03', '7C012345', 'HB1', 'HC07', 'DV12X4');
      const malformed = await w.send(via, 'B1', m, b1(nextRxNumber(), f.drugs.lipitor, ['C82'], [badAmount]));
      expect(rejects(malformed)).toEqual(['DV']);
    },
  );

  it('E1 answers the other coverage (AM28) and the plan help desk; none when there is none', async () => {
    const m = await addMember(t.db.db, f);
    await addOtherCoverage(m);
    await addOtherCoverage(m, {
      ...OTHER,
      coverageType: '02',
      bin: '054321',
      pcn: undefined,
      payerName: 'Spouse plan',
      effectiveDate: '2026-02-01',
      terminationDate: '2026-12-31',
    });
    for (const via of ['http', 'tcp'] as const) {
      const e1 = await w.send(via, 'E1', m, []);
      expect([e1.code, status(e1)]).toEqual(['E1', 'A']);
      const am28 = (id: string) => fieldOf(e1, 0, '28', id);
      expect([am28('NT'), am28('5C'), am28('7C'), am28('MH')]).toEqual([
        ['2'],
        ['01', '02'],
        ['012345', '054321'],
        ['LAKE01'],
      ]);
      expect([am28('UX'), am28('UY')]).toEqual([['20260101', '20260201'], ['20261231']]);
      expect([fieldOf(e1, 0, '21', '7F'), fieldOf(e1, 0, '21', '8F')]).toEqual([['01'], ['8005550100']]);
    }
    const none = await w.send('http', 'E1', await addMember(t.db.db, f), []);
    expect(none.transactions[0]?.some((s) => s.id === '28')).toBe(false);
  });
});

describe('other coverage from the eligibility file (834 loop 2320)', () => {
  /** An 834 adding one subscriber of the fixture's group, with a 2320 loop naming the other payer. */
  const edi = (memberNumber: string, cob: string[]) => {
    const body = [
      'ST*834*0001*005010X220A1',
      'BGN*00*REF1*20260301*1200****2',
      'REF*38*GRPFIX',
      'N1*P5*Employer*FI*123456789',
      'N1*IN*OpenPBM*FI*987654321',
      'INS*Y*18*021*XN*A*E**FT',
      `REF*0F*${memberNumber}`,
      `NM1*IL*1*Quill*Morgan****ZZ*${memberNumber}`,
      'N3*5 Birch Rd',
      'N4*Chicago*IL*60614',
      'DMG*D8*19900220*M',
      'HD*021**PDG',
      'DTP*348*D8*20260101',
      ...cob,
    ];
    return `${[
      'ISA*00*          *00*          *ZZ*SENDER         *ZZ*OPENPBM        *260301*1200*^*00501*000007701*0*T*:',
      'GS*BE*SENDER*OPENPBM*20260301*1200*1*X*005010X220A1',
      ...body,
      `SE*${body.length + 1}*0001`,
      'GE*1*1',
      'IEA*1*000007701',
    ].join('~\n')}~`;
  };

  it('a 2320 loop (COB*P) makes the other payer primary: B1 rejects 41 naming it, E1 tells it', async () => {
    const loop = [
      'COB*P*RIV556677*1*88',
      'REF*6P*RIVGRP',
      'REF*ZZ*RIVPCN',
      'DTP*344*D8*20260101',
      'NM1*IN*2*Riverbend Health Rx*****PI*065432',
    ];
    const service = createEligibilityService(t.deps);
    const bad = await service.preview({ operator: 'ops' }, f.clientId, edi('X834COB0', [loop[0] as string]));
    expect(bad.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['NM109', 'DTP*344']));
    const applied = await service.apply({ operator: 'ops' }, f.clientId, edi('X834COB1', loop));
    expect(applied).toMatchObject({ applied: true, adds: 1 });
    const { rows } = await t.db.sql.query<{ id: string }>(
      `select m.id from members m join member_other_coverage o on o.member_id = m.id
       where o.source = 'eligibility_file' and o.bin = '065432'`,
    );
    const id = rows[0]?.id as string;
    const m: FixtureMember = {
      id,
      subscriberId: id,
      memberNumber: 'X834COB1',
      personCode: '001',
      dateOfBirth: '1990-02-20',
    };
    for (const via of ['http', 'tcp'] as const) {
      const claim = await w.send(via, 'B1', m, b1(nextRxNumber(), f.drugs.atorvastatin));
      expect([status(claim), rejects(claim)]).toEqual(['R', ['41']]);
      expect(['7C', 'MH', 'NU', 'MJ'].map((id) => fieldOf(claim, 0, '28', id)[0])).toEqual([
        '065432',
        'RIVPCN',
        'RIV556677',
        'RIVGRP',
      ]);
    }
    const e1 = await w.send('http', 'E1', m, []);
    expect(fieldOf(e1, 0, '28', '7C')).toEqual(['065432']);
  });
});
