// Clinical review through HTTP: the queue by deadline, the minimum-necessary case view, a request for
// information (clock stopped, prescriber notified by a pick-up link, clock restarted with the time left),
// approval with dates and quantity (then claims pay within them only), denial with reasons, the escalation job
// with a moved clock, and the reviewer's role boundaries.
import { schema } from '@openpbm/db';
import { loadConfig } from '@openpbm/shared/config';
import { priorAuthEscalation } from '@openpbm/worker/jobs/prior-auth-escalation';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseRow,
  createPaWorld,
  handleFor,
  METHOTREXATE_NDC,
  type PaWorld,
  submitAdalimumab,
  submitClaim,
  WORLD_NOW,
} from './pa-world';

let w: PaWorld;
const ids: Record<'single' | 'spouse' | 'exception' | 'subscriber', string> = {
  single: '',
  spouse: '',
  exception: '',
  subscriber: '',
};
const at = (ms: number) => new Date(WORLD_NOW.getTime() + ms);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const quietLog = { info() {}, warn() {}, error() {} };
const runJob = (now: Date) =>
  priorAuthEscalation.run({ db: w.t.db, config: loadConfig({ NODE_ENV: 'test' }), log: quietLog }, now);

beforeAll(async () => {
  w = await createPaWorld();
  // The single member has one short methotrexate fill (not enough) and an unrelated statin.
  await submitClaim(w, {
    member: w.f.members.single,
    ndc: METHOTREXATE_NDC,
    dateOfService: '2026-02-20',
    quantity: 30,
    daysSupply: 30,
  });
  await submitClaim(w, {
    member: w.f.members.single,
    ndc: w.f.drugs.atorvastatin,
    dateOfService: '2026-02-21',
    quantity: 30,
    daysSupply: 30,
  });
  ids.single = (await submitAdalimumab(w, w.f.members.single)).body.id;
  ids.spouse = (
    await submitAdalimumab(w, w.f.members.spouse, { expedited: true, expeditedReason: 'Severe flare' })
  ).body.id;
  w.t.setNow(at(60_000));
  const exception = await w.call('prescriber', 'POST', '/api/prior-auth/prescriber/cases', {
    type: 'formulary_exception',
    patientHandle: handleFor(w, w.f.members.subscriber),
    drugGroupId: w.f.groups.nexium,
    quantityMilli: 30_000,
    daysSupply: 30,
    answers: { diagnosisCodes: ['K21.9'], attestations: { medical_necessity: true } },
  });
  expect(exception.status, JSON.stringify(exception.body)).toBe(201);
  ids.exception = exception.body.id;
  w.t.setNow(WORLD_NOW);
});
afterAll(async () => w?.t.close());

describe('queue and case view', () => {
  it('lists open cases soonest deadline first, expedited before standard', async () => {
    const res = await w.call('reviewer', 'GET', '/api/prior-auth/review/queue');
    expect(res.status).toBe(200);
    expect(res.body.cases.map((c: { id: string }) => c.id)).toEqual([ids.spouse, ids.single, ids.exception]);
    expect(res.body.cases[0]).toMatchObject({
      expedited: true,
      overdue: false,
      escalated: false,
      assigned: false,
      mayDecide: true,
    });
    expect(JSON.stringify(res.body)).not.toContain('Alex');
  });

  it('shows the reviewer only what the decision needs', async () => {
    const res = await w.call('reviewer', 'GET', `/api/prior-auth/review/cases/${ids.single}`);
    expect(res.status).toBe(200);
    const single = w.f.members.single;
    expect(res.body.patient).toEqual({
      firstName: 'Alex',
      lastName: expect.any(String),
      ageYears: expect.any(Number),
      gender: 'U',
    });
    const text = JSON.stringify(res.body);
    for (const hidden of [
      single.memberNumber,
      single.dateOfBirth,
      'Elm St',
      'dateOfBirth',
      'memberNumber',
      'address',
    ]) {
      expect(text).not.toContain(hidden);
    }
    // Of the claims history: the prerequisite only, never the unrelated statin.
    expect(res.body.relevantClaims).toEqual([
      { drugName: 'methotrexate 2.5 mg oral tablet', fillDate: '2026-02-20', daysSupply: 30 },
    ]);
    expect(res.body.evaluation.find((r: { id: string }) => r.id === 'step_dmard')).toMatchObject({
      status: 'not_met',
      evidence: expect.stringContaining('30 days of therapy'),
    });
    const [audit] = await w.t.db.db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.resourceId, ids.single), eq(schema.auditEvents.action, 'viewed')));
    expect(audit).toMatchObject({ actorRole: 'clinical_reviewer', reason: 'payment', memberId: single.id });
  });
});

describe('request for information', () => {
  it('stops the clock, notifies the prescriber by pick-up link, and restarts with the time that was left', async () => {
    w.t.setNow(at(DAY));
    const asked = await w.call(
      'reviewer',
      'POST',
      `/api/prior-auth/review/cases/${ids.single}/request-info`,
      {
        question: 'Please send the dates and doses of the methotrexate trial and why it was stopped.',
      },
    );
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body).toMatchObject({ status: 'pending_info', clockPaused: true, assignedToMe: true });
    let row = await caseRow(w, ids.single);
    expect(row.clockRemainingSeconds).toBe(6 * 24 * 3600);
    expect(row.infoDueAt?.toISOString()).toBe(at(15 * DAY).toISOString());

    const [prescriberUser] = await w.t.db.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.id, w.users.prescriber));
    const mail = await w.t.mailbox.waitFor((m) => m.to.includes(prescriberUser?.email ?? ''));
    expect(mail.text).toContain('/messages/open#token=');
    expect(mail.text.toLowerCase()).not.toContain('adalimumab');
    expect(mail.text).not.toContain('methotrexate');
    const token = /#token=([\w-]+)/.exec(mail.text)?.[1] ?? '';
    expect((await w.call('otherPrescriber', 'POST', '/api/messages/pickup', { token })).status).toBe(404);
    const picked = await w.call('prescriber', 'POST', '/api/messages/pickup', { token });
    expect(picked.status).toBe(200);
    expect(picked.body.body).toContain('dates and doses of the methotrexate trial');
    expect(picked.body.portalPath).toBe(`/prescribers/prior-auth/${ids.single}`);

    const view = await w.call('prescriber', 'GET', `/api/prior-auth/prescriber/cases/${ids.single}`);
    expect(view.body.informationRequested).toContain('methotrexate trial');

    // Answered two days later: due = answer time + the 6 days that were left.
    w.t.setNow(at(3 * DAY));
    const answered = await w.call(
      'prescriber',
      'POST',
      `/api/prior-auth/prescriber/cases/${ids.single}/information`,
      {
        note: 'Methotrexate 15 mg weekly from 2025-06 to 2025-11 under the previous plan; stopped for liver enzymes.',
        answers: {
          diagnosisCodes: ['M05.79'],
          triedDrugs: [{ name: 'methotrexate', outcome: 'intolerant', lastTriedOn: '2025-11-15' }],
        },
      },
    );
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ status: 'in_review', clockPaused: false });
    expect(answered.body.dueAt).toBe(at(9 * DAY).toISOString());
    row = await caseRow(w, ids.single);
    expect(row.clockPausedAt).toBeNull();
    const review = await w.call('reviewer', 'GET', `/api/prior-auth/review/cases/${ids.single}`);
    expect(review.body.evaluation.find((r: { id: string }) => r.id === 'step_dmard').status).toBe(
      'unverified',
    );
    expect(review.body.events.map((e: { kind: string }) => e.kind)).toEqual([
      'submitted',
      'queued',
      'info_requested',
      'info_provided',
    ]);
  });
});

describe('decisions', () => {
  it('approves with an effective period and quantity; claims pay inside them and reject 75 outside', async () => {
    const bad = await w.call('reviewer', 'POST', `/api/prior-auth/review/cases/${ids.single}/approve`, {
      effectiveFrom: '2026-03-13',
      effectiveTo: '2026-03-01',
      quantityMilliPerFill: 800,
      daysSupplyPerFill: 28,
      reason: 'Methotrexate intolerance documented.',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('effectiveTo');
    expect(
      (
        await w.call('reviewer2', 'POST', `/api/prior-auth/review/cases/${ids.single}/approve`, {
          effectiveFrom: '2026-03-13',
          effectiveTo: '2026-09-12',
          quantityMilliPerFill: 800,
          daysSupplyPerFill: 28,
          reason: 'Not my case.',
        })
      ).status,
    ).toBe(409);

    const ok = await w.call('reviewer', 'POST', `/api/prior-auth/review/cases/${ids.single}/approve`, {
      effectiveFrom: '2026-03-13',
      effectiveTo: '2026-09-12',
      quantityMilliPerFill: 800,
      daysSupplyPerFill: 28,
      reason: 'Approved: methotrexate intolerance is documented.',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'approved',
      decision: { effectiveFrom: '2026-03-13', effectiveTo: '2026-09-12', approvedQuantityMilli: 800 },
    });
    expect(
      (
        await w.call('reviewer', 'POST', `/api/prior-auth/review/cases/${ids.single}/deny`, {
          reason: 'Changed my mind about it.',
          criteriaNotMet: ['x'],
        })
      ).status,
    ).toBe(409);

    const member = w.f.members.single;
    const claim = (dateOfService: string, quantity: number) =>
      submitClaim(w, { member, ndc: w.f.drugs.adalimumab, dateOfService, quantity, daysSupply: 28 });
    w.t.setNow(new Date('2026-03-12T15:00:00Z'));
    expect((await claim('2026-03-12', 0.8)).rejectCodes.map((r) => r.code)).toContain('75');
    w.t.setNow(new Date('2026-03-13T15:00:00Z'));
    expect((await claim('2026-03-13', 0.8)).status).toBe('paid');
    w.t.setNow(new Date('2026-04-10T15:00:00Z'));
    expect((await claim('2026-04-10', 1.6)).rejectCodes.map((r) => r.code)).toContain('75');
    expect((await claim('2026-04-10', 0.8)).status).toBe('paid');
    w.t.setNow(new Date('2026-09-13T15:00:00Z'));
    expect((await claim('2026-09-13', 0.8)).rejectCodes.map((r) => r.code)).toContain('75');
    w.t.setNow(WORLD_NOW);
  });

  it('denies with a plain-language reason and the criteria not met, which the member reads', async () => {
    w.t.setNow(at(HOUR));
    const missing = await w.call('reviewer', 'POST', `/api/prior-auth/review/cases/${ids.spouse}/deny`, {
      reason: 'The records show no trial of methotrexate.',
      criteriaNotMet: [],
    });
    expect(missing.status).toBe(400);
    const denied = await w.call('reviewer', 'POST', `/api/prior-auth/review/cases/${ids.spouse}/deny`, {
      reason: 'Your records do not show that you tried methotrexate first',
      criteriaNotMet: ['Tried a conventional DMARD for at least 90 days in the last year'],
    });
    expect(denied.status).toBe(200);
    expect(denied.body).toMatchObject({
      status: 'denied',
      decision: { criteriaNotMet: ['Tried a conventional DMARD for at least 90 days in the last year'] },
    });
    const seen = await w.call('spouse', 'GET', '/api/prior-auth/member/cases');
    expect(seen.status).toBe(200);
    expect(seen.body.cases[0]).toMatchObject({
      status: 'denied',
      statusLabel: 'Not approved',
      appealBy: '2026-09-06',
      summary:
        'Not approved. Your records do not show that you tried methotrexate first. You or your prescriber can appeal this decision until September 6, 2026.',
    });
    w.t.setNow(WORLD_NOW);
  });
});

describe('deadlines (escalation job with a moved clock)', () => {
  it('escalates an undecided case once its clock has run out, and only once', async () => {
    expect(await runJob(at(6 * DAY))).toEqual({ resumed: 0, escalated: 0 });
    let queue = await w.call('reviewer', 'GET', '/api/prior-auth/review/queue');
    expect(queue.body.cases.find((c: { id: string }) => c.id === ids.exception)).toMatchObject({
      overdue: false,
      escalated: false,
    });

    expect(await runJob(at(7 * DAY + 2 * 60_000))).toEqual({ resumed: 0, escalated: 1 });
    w.t.setNow(at(7 * DAY + 3 * 60_000));
    queue = await w.call('reviewer', 'GET', '/api/prior-auth/review/queue');
    expect(queue.body.cases.find((c: { id: string }) => c.id === ids.exception)).toMatchObject({
      overdue: true,
      escalated: true,
    });
    expect(await runJob(at(7 * DAY + 20 * 60_000))).toEqual({ resumed: 0, escalated: 0 });
    const events = await w.t.db.db
      .select()
      .from(schema.priorAuthEvents)
      .where(eq(schema.priorAuthEvents.caseId, ids.exception));
    expect(events.filter((e) => e.kind === 'escalated')).toHaveLength(1);
    w.t.setNow(WORLD_NOW);
  });

  it('a request for information nobody answers: after the window the clock restarts with the time left', async () => {
    w.t.setNow(at(HOUR));
    const created = await submitAdalimumab(w, w.f.members.subscriber, {
      expedited: true,
      expeditedReason: 'Flare',
    });
    ids.subscriber = created.body.id;
    w.t.setNow(at(2 * HOUR)); // 71 hours left
    await w.call('reviewer2', 'POST', `/api/prior-auth/review/cases/${ids.subscriber}/request-info`, {
      question: 'Chart notes, please.',
    });
    expect(await runJob(at(49 * HOUR))).toEqual({ resumed: 0, escalated: 0 });
    const resumedAt = at(50 * HOUR + 60_000); // past the 48-hour window
    expect((await runJob(resumedAt)).resumed).toBe(1);
    const row = await caseRow(w, ids.subscriber);
    expect(row.status).toBe('in_review');
    expect(row.dueAt.toISOString()).toBe(new Date(resumedAt.getTime() + 71 * HOUR).toISOString());
    w.t.setNow(WORLD_NOW);
  });
});

describe('reviewer boundaries', () => {
  it('only clinical reviewers reach the queue, cases and decisions', async () => {
    const url = `/api/prior-auth/review/cases/${ids.exception}`;
    expect((await w.call(null, 'GET', '/api/prior-auth/review/queue')).status).toBe(401);
    for (const user of ['prescriber', 'subscriber', 'pharmacy', 'admin'] as const) {
      expect((await w.call(user, 'GET', '/api/prior-auth/review/queue')).status).toBe(403);
      expect((await w.call(user, 'GET', url)).status).toBe(403);
      expect(
        (
          await w.call(user, 'POST', `${url}/approve`, {
            effectiveFrom: '2026-03-10',
            effectiveTo: '2026-04-10',
            quantityMilliPerFill: 1,
            daysSupplyPerFill: 1,
            reason: 'Trying it on.',
          })
        ).status,
      ).toBe(403);
    }
    expect(
      (await w.call('reviewer', 'GET', '/api/prior-auth/review/cases/00000000-0000-7000-8000-000000000000'))
        .status,
    ).toBe(404);
  });

  it('members see only their own (and their minor dependents’) cases', async () => {
    const other = await w.call(
      'single',
      'GET',
      `/api/prior-auth/member/cases?memberId=${w.f.members.spouse.id}`,
    );
    expect(other.status).toBe(404);
    expect((await w.call('prescriber', 'GET', '/api/prior-auth/member/cases')).status).toBe(403);
    const appeal = await w.call('single', 'POST', `/api/prior-auth/member/cases/${ids.spouse}/appeal`, {
      note: 'I want to appeal this one.',
    });
    expect(appeal.status).toBe(404);
  });
});
