// P1-P4 prior authorization written byte by byte from the D.0 layouts (wire-d0.ts, not the codec), through the
// prior-authorization engine: a P1 approved from the member's own claims pays with the case number in AM26; a
// P4 pends in the review queue; P3 answers the case's status; P2 reverses the P1's billing. HTTP and TCP.
import { schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type FixtureMember } from '../fixtures/benefits';
import { createPaWorld, giveMethotrexateHistory, type PaWorld } from '../prior-auth/pa-world';
import { nextRxNumber } from './claim-builders';
import { fieldOf, segment, type WireResponse } from './wire-d0';
import { pricing, rejects, status } from './wire-segments';
import { claimSegment, prescriber, startWireWorld, type WireWorld } from './wire-world';

let pa: PaWorld;
let w: WireWorld;

beforeAll(async () => {
  pa = await createPaWorld();
  w = await startWireWorld(pa.t, pa.f);
});
afterAll(async () => {
  await w?.close();
  await pa?.t.close();
});

/** Adalimumab 0.8 mL for 28 days; AM12 498-PA 1 (initial), period, 498-PD basis; AM13 diagnosis M05.79. */
const adalimumab = (rx: string, o: { pa?: string[]; withPa?: boolean } = {}) => [
  claimSegment({ rx, id: pa.f.drugs.adalimumab, milli: 800, days: 28 }),
  prescriber(pa.f),
  pricing,
  ...(o.withPa === false ? [] : [segment('12', 'PA1', 'PB20260310', 'PC20270309', 'PDPR', ...(o.pa ?? []))]),
  segment('13', 'VE1', 'WE02', 'DOM0579'),
];

/** AM26 Response Prior Authorization. */
const paAnswer = (r: WireResponse) =>
  Object.fromEntries(['PR', 'PS', 'PT', 'RA', 'PY'].map((id) => [id, fieldOf(r, 0, '26', id)[0]]));

async function casesOf(m: FixtureMember) {
  return pa.t.db.db
    .select({
      caseNumber: schema.priorAuthorizations.caseNumber,
      status: schema.priorAuthorizations.status,
      autoApproved: schema.priorAuthorizations.autoApproved,
    })
    .from(schema.priorAuthorizations)
    .where(eq(schema.priorAuthorizations.memberId, m.id));
}

async function claimRows(rx: string) {
  const { rows } = await pa.t.db.sql.query<{ transaction_code: string; status: string }>(
    `select transaction_code, status from claims where service_provider_id = $1 and rx_number = $2
     order by transaction_code, status`,
    [pa.f.pharmacies.retail.npi, rx],
  );
  return rows.map((r) => `${r.transaction_code} ${r.status}`);
}

describe('P1 PA request and billing', () => {
  it.each([
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ] as const)(
    'approved from the member’s own claims, pays with the PA number; P2 reverses it (%s)',
    async (_, via) => {
      const m = await addMember(pa.t.db.db, pa.f);
      await giveMethotrexateHistory(pa, m);
      const rx = nextRxNumber();
      const paid = await w.send(via, 'P1', m, adalimumab(rx));
      expect([paid.version, paid.code, paid.count, paid.status]).toEqual(['D0', 'P1', '1', 'A']);
      expect([status(paid), rejects(paid)]).toEqual(['P', []]);
      expect(fieldOf(paid, 0, '21', 'F3')[0]).toMatch(/^[0-9A-F]{20}$/);
      expect(fieldOf(paid, 0, '23', 'F9')[0]).toMatch(/^\d{7}[{A-I]$/);
      const [opened] = await casesOf(m);
      expect(opened).toMatchObject({ status: 'approved', autoApproved: true });
      // 498-PY the case number; approved 2026-03-10 for 12 months, 0.8 mL per fill (9(7)v999).
      expect(paAnswer(paid)).toEqual({
        PR: '20260310',
        PS: '20260310',
        PT: '20270309',
        RA: '0000000800',
        PY: opened?.caseNumber,
      });

      const again = await w.send(via, 'P1', m, adalimumab(rx));
      expect(status(again)).toBe('D');
      expect(fieldOf(again, 0, '21', 'F3')).toEqual(fieldOf(paid, 0, '21', 'F3'));
      expect(paAnswer(again).PY).toBe(opened?.caseNumber);
      expect(await casesOf(m)).toHaveLength(1);

      const reversal = await w.send(via, 'P2', m, adalimumab(rx).slice(0, 1));
      expect([reversal.code, reversal.status, status(reversal)]).toEqual(['P2', 'A', 'A']);
      expect(await claimRows(rx)).toEqual(['B1 reversed', 'B2 reversed']);
      // The reversal undoes the billing, not the approval.
      expect((await casesOf(m))[0]?.status).toBe('approved');
    },
  );

  it('without the step in the claims history it pends (F) and bills nothing; AM12 missing is PR', async () => {
    const m = await addMember(pa.t.db.db, pa.f);
    const rx = nextRxNumber();
    const pended = await w.send('http', 'P1', m, adalimumab(rx));
    expect([status(pended), rejects(pended)]).toEqual(['F', []]);
    expect(fieldOf(pended, 0, '23', 'F9')).toEqual([]);
    expect(paAnswer(pended).PY).toMatch(/^PA26-[0-9A-Z]{6}$/);
    expect(await claimRows(rx)).toEqual([]);
    const noSegment = await w.send('tcp', 'P1', m, adalimumab(nextRxNumber(), { withPa: false }));
    expect([status(noSegment), rejects(noSegment)]).toEqual(['R', ['PR']]);
  });
});

describe('P4 request only and P3 inquiry', () => {
  it.each([
    ['HTTP', 'http'],
    ['TCP', 'tcp'],
  ] as const)('P4 pends a case in the review queue; P3 follows it to approval (%s)', async (_, via) => {
    const m = await addMember(pa.t.db.db, pa.f);
    const rx = nextRxNumber();
    const request = await w.send(via, 'P4', m, adalimumab(rx));
    expect([request.code, request.status, status(request)]).toEqual(['P4', 'A', 'F']);
    expect(fieldOf(request, 0, '21', 'FQ').join(' ')).toContain('pended for clinical review');
    const caseNumber = paAnswer(request).PY;
    expect(caseNumber).toMatch(/^PA26-[0-9A-Z]{6}$/);
    expect(await claimRows(rx)).toEqual([]);

    const queue = await pa.call('reviewer', 'GET', '/api/prior-auth/review/queue');
    const queued = queue.body.cases.find((c: { caseNumber: string }) => c.caseNumber === caseNumber);
    expect(queued).toMatchObject({ status: 'pending', type: 'prior_auth' });

    const inquiry = (extra: string[] = []) =>
      w.send(via, 'P3', m, [
        claimSegment({ rx, id: pa.f.drugs.adalimumab, milli: 800, days: 28 }),
        segment('12', 'PA1', ...extra),
      ]);
    const pending = await inquiry([`PY${caseNumber}`]);
    expect([pending.code, status(pending), paAnswer(pending).PY]).toEqual(['P3', 'F', caseNumber]);

    expect(
      (await pa.call('reviewer', 'POST', `/api/prior-auth/review/cases/${queued.id}/start`)).status,
    ).toBe(200);
    const approved = await pa.call('reviewer', 'POST', `/api/prior-auth/review/cases/${queued.id}/approve`, {
      effectiveFrom: '2026-03-10',
      effectiveTo: '2026-09-09',
      quantityMilliPerFill: 800,
      daysSupplyPerFill: 28,
      reason: 'Methotrexate intolerance documented.',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    // Without a number, P3 finds the member's case for the drug.
    const answer = await inquiry();
    expect([status(answer), rejects(answer)]).toEqual(['A', []]);
    expect(paAnswer(answer)).toMatchObject({
      PS: '20260310',
      PT: '20260909',
      RA: '0000000800',
      PY: caseNumber,
    });

    const unknown = await inquiry(['PYPA26-ZZZZZZ']);
    expect([status(unknown), rejects(unknown)]).toEqual(['R', ['3X']]);
  });
});
