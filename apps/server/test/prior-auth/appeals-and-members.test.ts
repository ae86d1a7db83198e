// Appeals (decided by another reviewer), formulary exceptions through the same workflow, the member's status
// page, pick-up-link notifications, and the audit trail of views and decisions.
import { schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/privacy/audit';
import {
  createPaWorld,
  handleFor,
  type PaWorld,
  submitAdalimumab,
  submitClaim,
  type UserKey,
  WORLD_NOW,
} from './pa-world';

let w: PaWorld;
beforeAll(async () => {
  w = await createPaWorld();
});
afterAll(async () => w?.t.close());

const HOUR = 3_600_000;
const at = (ms: number) => new Date(WORLD_NOW.getTime() + ms);

async function emailOf(user: UserKey): Promise<string> {
  const [row] = await w.t.db.db
    .select({ email: schema.users.email })
    .from(schema.users)
    .where(eq(schema.users.id, w.users[user]));
  return row?.email ?? '';
}

const deny = (user: UserKey, id: string, reason: string) =>
  w.call(user, 'POST', `/api/prior-auth/review/cases/${id}/deny`, {
    reason,
    criteriaNotMet: ['Step therapy'],
  });

describe('a member appeals a denial; another reviewer decides', () => {
  let deniedId = '';
  let appealId = '';

  it('the member is told by a pick-up link and reads the plain-language reason', async () => {
    const created = await submitAdalimumab(w, w.f.members.subscriber);
    expect(created.status).toBe(201);
    deniedId = created.body.id;
    w.t.setNow(at(HOUR));
    expect(
      (await deny('reviewer', deniedId, 'Your records do not show that you tried methotrexate first')).status,
    ).toBe(200);

    const email = await emailOf('subscriber');
    await w.t.mailbox.waitFor(() => w.t.mailbox.to(email).length >= 2);
    const mails = w.t.mailbox.to(email).reverse();
    expect(mails.length).toBe(2); // received, then decided
    for (const mail of mails) {
      expect(mail.subject).toBe('You have a new secure message from OpenPBM');
      expect(mail.text.toLowerCase()).not.toMatch(/adalimumab|humira|methotrexate|denied|not approved/);
    }
    const token = /#token=([\w-]+)/.exec(mails[1]?.text ?? '')?.[1] ?? ''; // the decision
    expect((await w.call('spouse', 'POST', '/api/messages/pickup', { token })).status).toBe(404);
    const message = await w.call('subscriber', 'POST', '/api/messages/pickup', { token });
    expect(message.status).toBe(200);
    expect(message.body.body).toContain(
      'Not approved. Your records do not show that you tried methotrexate first.',
    );
    expect(message.body.portalPath).toBe('/members/prior-auth');

    const list = await w.call('subscriber', 'GET', '/api/prior-auth/member/cases');
    expect(list.body.cases[0]).toMatchObject({
      id: deniedId,
      typeLabel: 'Prior authorization',
      status: 'denied',
      appealBy: '2026-09-06',
    });
  });

  it('the member appeals once, with new information', async () => {
    w.t.setNow(at(2 * HOUR));
    const short = await w.call('subscriber', 'POST', `/api/prior-auth/member/cases/${deniedId}/appeal`, {
      note: 'please',
    });
    expect(short.status).toBe(400);
    const appeal = await w.call('subscriber', 'POST', `/api/prior-auth/member/cases/${deniedId}/appeal`, {
      note: 'I took methotrexate for six months under my previous employer’s plan and it damaged my liver.',
    });
    expect(appeal.status, JSON.stringify(appeal.body)).toBe(201);
    expect(appeal.body).toMatchObject({
      type: 'appeal',
      status: 'pending',
      parentCaseNumber: expect.stringMatching(/^PA26-/),
    });
    expect(appeal.body.caseNumber).toMatch(/^AP26-/);
    appealId = appeal.body.id;
    expect(
      (
        await w.call('subscriber', 'POST', `/api/prior-auth/member/cases/${deniedId}/appeal`, {
          note: 'Second appeal of the same thing.',
        })
      ).status,
    ).toBe(409);
    // The prescriber hears that the patient appealed.
    const inbox = await w.call('prescriber', 'GET', '/api/messages');
    expect(inbox.body.messages.map((m: { subject: string }) => m.subject)).toContain(
      `Your patient appealed the decision on request ${(await w.call('subscriber', 'GET', '/api/prior-auth/member/cases')).body.cases.find((c: { id: string }) => c.id === deniedId).caseNumber}`,
    );
  });

  it('the reviewer who denied may not decide the appeal; a different one approves it and the claim pays', async () => {
    const queue = await w.call('reviewer', 'GET', '/api/prior-auth/review/queue');
    expect(queue.body.cases.find((c: { id: string }) => c.id === appealId)).toMatchObject({
      type: 'appeal',
      mayDecide: false,
    });
    expect((await w.call('reviewer', 'POST', `/api/prior-auth/review/cases/${appealId}/start`)).status).toBe(
      403,
    );
    const approveBody = {
      effectiveFrom: '2026-03-10',
      effectiveTo: '2027-03-09',
      quantityMilliPerFill: 800,
      daysSupplyPerFill: 28,
      reason: 'Approved on appeal: methotrexate intolerance is documented.',
    };
    expect(
      (await w.call('reviewer', 'POST', `/api/prior-auth/review/cases/${appealId}/approve`, approveBody))
        .status,
    ).toBe(403);

    const view = await w.call('reviewer2', 'GET', `/api/prior-auth/review/cases/${appealId}`);
    expect(view.body).toMatchObject({
      mayDecide: true,
      appealOf: { id: deniedId, criteriaNotMet: ['Step therapy'] },
    });
    expect(view.body.events[0]).toMatchObject({
      kind: 'submitted',
      actorRole: 'member',
      note: expect.stringContaining('six months'),
    });
    const approved = await w.call(
      'reviewer2',
      'POST',
      `/api/prior-auth/review/cases/${appealId}/approve`,
      approveBody,
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    const list = await w.call('subscriber', 'GET', '/api/prior-auth/member/cases');
    const appealView = list.body.cases.find((c: { id: string }) => c.id === appealId);
    expect(appealView).toMatchObject({
      typeLabel: 'Appeal',
      status: 'approved',
      summary:
        'Approved. Your plan covers adalimumab 40 mg/0.4 mL injection from March 10, 2026 through March 9, 2027.',
    });
    // Once appealed, the denial offers no second appeal.
    expect(list.body.cases.find((c: { id: string }) => c.id === deniedId).appealBy).toBeNull();

    const claim = await submitClaim(w, {
      member: w.f.members.subscriber,
      ndc: w.f.drugs.adalimumab,
      dateOfService: '2026-03-10',
      quantity: 0.8,
      daysSupply: 28,
    });
    expect(claim.status, JSON.stringify(claim)).toBe('paid');
  });

  it('every view and decision is in the audit chain, and the chain is intact', async () => {
    const rows = await w.t.db.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.resourceId, appealId));
    const actions = rows.map((r) => `${r.actorRole}:${r.action}`);
    expect(actions).toEqual(
      expect.arrayContaining(['clinical_reviewer:viewed', 'clinical_reviewer:approved', 'member:created']),
    );
    for (const row of rows) expect(row.memberId).toBe(w.f.members.subscriber.id);
    expect(await verifyAuditChain(w.t.db.db)).toBeNull();
  });
});

describe('formulary exceptions go through the same workflow and clocks', () => {
  it('a non-formulary drug: queued for a clinician, approved, shown to the member', async () => {
    w.t.setNow(WORLD_NOW);
    const created = await w.call('prescriber', 'POST', '/api/prior-auth/prescriber/cases', {
      type: 'formulary_exception',
      patientHandle: handleFor(w, w.f.members.single),
      drugGroupId: w.f.groups.eliquis,
      quantityMilli: 60_000,
      daysSupply: 30,
      answers: { diagnosisCodes: ['I48.91'], attestations: { medical_necessity: true } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      type: 'formulary_exception',
      status: 'pending',
      autoApproved: false,
    });
    expect(created.body.caseNumber).toMatch(/^FX26-/);
    expect(new Date(created.body.dueAt).getTime() - new Date(created.body.submittedAt).getTime()).toBe(
      7 * 24 * HOUR,
    );
    const approved = await w.call(
      'reviewer',
      'POST',
      `/api/prior-auth/review/cases/${created.body.id}/approve`,
      {
        effectiveFrom: '2026-03-10',
        effectiveTo: '2026-12-31',
        quantityMilliPerFill: 60_000,
        daysSupplyPerFill: 30,
        reason: 'Approved: the formulary anticoagulant is not suitable.',
      },
    );
    expect(approved.status).toBe(200);
    const list = await w.call('single', 'GET', '/api/prior-auth/member/cases');
    expect(list.body.cases[0]).toMatchObject({
      typeLabel: 'Formulary exception',
      status: 'approved',
      effectiveTo: '2026-12-31',
    });
  });

  it('a tier exception must ask for a lower tier than the drug has', async () => {
    const body = {
      type: 'formulary_exception',
      patientHandle: handleFor(w, w.f.members.single),
      drugGroupId: w.f.groups.sumatriptan,
      quantityMilli: 9_000,
      daysSupply: 30,
      answers: { diagnosisCodes: ['G43.909'], attestations: { medical_necessity: true } },
    };
    expect(
      (await w.call('prescriber', 'POST', '/api/prior-auth/prescriber/cases', { ...body, requestedTier: 2 }))
        .status,
    ).toBe(409);
    const ok = await w.call('prescriber', 'POST', '/api/prior-auth/prescriber/cases', {
      ...body,
      requestedTier: 1,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const review = await w.call('reviewer', 'GET', `/api/prior-auth/review/cases/${ok.body.id}`);
    expect(review.body).toMatchObject({
      requestedTier: 1,
      criteriaTitle: 'Tier exception',
      drug: { tier: 2 },
    });
  });

  it('the prescriber appeals a denied exception with new answers; the denying reviewer may not decide it', async () => {
    const created = await w.call('prescriber', 'POST', '/api/prior-auth/prescriber/cases', {
      type: 'formulary_exception',
      patientHandle: handleFor(w, w.f.members.spouse),
      drugGroupId: w.f.groups.nexium,
      quantityMilli: 30_000,
      daysSupply: 30,
      answers: { diagnosisCodes: ['K21.9'] },
    });
    expect((await deny('reviewer2', created.body.id, 'Omeprazole has not been tried yet')).status).toBe(200);
    const appeal = await w.call(
      'prescriber',
      'POST',
      `/api/prior-auth/prescriber/cases/${created.body.id}/appeal`,
      {
        note: 'Omeprazole caused C. difficile colitis in 2024 (chart note attached).',
        answers: {
          diagnosisCodes: ['K21.9'],
          triedDrugs: [{ name: 'omeprazole', outcome: 'intolerant' }],
          attestations: { medical_necessity: true },
        },
      },
    );
    expect(appeal.status, JSON.stringify(appeal.body)).toBe(201);
    expect(appeal.body).toMatchObject({ type: 'appeal', parentId: created.body.id, status: 'pending' });
    const pdf = Buffer.from('%PDF-1.4\nchart note\n%%EOF');
    expect(
      (
        await w.call('prescriber', 'POST', `/api/prior-auth/prescriber/cases/${appeal.body.id}/attachments`, {
          fileName: 'note.pdf',
          contentBase64: pdf.toString('base64'),
        })
      ).status,
    ).toBe(201);
    expect((await deny('reviewer2', appeal.body.id, 'Still not convinced, sorry.')).status).toBe(403);
    const view = await w.call('reviewer', 'GET', `/api/prior-auth/review/cases/${appeal.body.id}`);
    expect(view.body.attachments).toHaveLength(1);
    expect(view.body.evaluation.find((r: { id: string }) => r.id === 'alternatives_tried').status).toBe(
      'unverified',
    );
    expect(
      (await deny('reviewer', appeal.body.id, 'The chart note does not document the colitis.')).status,
    ).toBe(200);
    // An appeal decision is final here: no further appeal through the portal.
    const prescriberView = await w.call(
      'prescriber',
      'GET',
      `/api/prior-auth/prescriber/cases/${appeal.body.id}`,
    );
    expect(prescriberView.body.canAppeal).toBe(false);
    expect(
      (
        await w.call('prescriber', 'POST', `/api/prior-auth/prescriber/cases/${appeal.body.id}/appeal`, {
          note: 'Appealing the appeal decision now.',
        })
      ).status,
    ).toBe(409);
  });

  it('a denial can no longer be appealed after 180 days', async () => {
    const created = await submitAdalimumab(w, w.f.members.single, {
      expedited: true,
      expeditedReason: 'Flare',
    });
    expect((await deny('reviewer', created.body.id, 'Nothing documents a methotrexate trial.')).status).toBe(
      200,
    );
    w.t.setNow(new Date(WORLD_NOW.getTime() + 181 * 24 * HOUR));
    const late = await w.call('single', 'POST', `/api/prior-auth/member/cases/${created.body.id}/appeal`, {
      note: 'Appealing much too late now.',
    });
    expect(late.status).toBe(409);
    const list = await w.call('single', 'GET', '/api/prior-auth/member/cases');
    expect(list.body.cases.find((c: { id: string }) => c.id === created.body.id).appealBy).toBeNull();
    w.t.setNow(WORLD_NOW);
  });

  it('the prescriber can withdraw an open request', async () => {
    const created = await w.call('prescriber', 'POST', '/api/prior-auth/prescriber/cases', {
      type: 'prior_auth',
      patientHandle: handleFor(w, w.f.members.spouse),
      drugGroupId: w.f.groups.sumatriptan,
      quantityMilli: 18_000,
      daysSupply: 30,
      answers: { diagnosisCodes: ['G43.909'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const withdrawn = await w.call(
      'prescriber',
      'POST',
      `/api/prior-auth/prescriber/cases/${created.body.id}/withdraw`,
    );
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(
      (await w.call('prescriber', 'POST', `/api/prior-auth/prescriber/cases/${created.body.id}/withdraw`))
        .status,
    ).toBe(409);
  });
});
