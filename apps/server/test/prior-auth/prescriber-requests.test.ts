// Prescriber portal through HTTP: member look-up, questionnaire, submission with auto-approval proven by the
// member's own claims (and the B1 that then pays), attachments checked by magic bytes, and the prescriber's
// role boundaries (verified NPI, own cases only).
import { schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseRow,
  createPaWorld,
  giveMethotrexateHistory,
  handleFor,
  type PaWorld,
  submitAdalimumab,
  submitClaim,
  WORLD_NOW,
} from './pa-world';

let w: PaWorld;
const logLines: string[] = [];
beforeAll(async () => {
  // Every log line at debug level is kept, to prove documents and answers never reach the log.
  w = await createPaWorld({
    env: { LOG_LEVEL: 'debug' },
    logStream: { write: (line: string) => void logLines.push(line) },
  });
});
afterAll(async () => w?.t.close());

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 3)]);

describe('finding the member and the questionnaire', () => {
  it('looks the member up by member ID and date of birth, both must match', async () => {
    const m = w.f.members.single;
    const ok = await w.call('prescriber', 'POST', '/api/prior-auth/prescriber/members/lookup', {
      memberNumber: m.memberNumber.toLowerCase(),
      dateOfBirth: m.dateOfBirth,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ firstName: 'Alex', expiresAt: '2026-03-10T16:00:00.000Z' });
    // The answer names the patient by an opaque handle, never by the internal member id.
    expect(ok.body.memberId).toBeUndefined();
    expect(JSON.stringify(ok.body)).not.toContain(m.id);
    const questionnaire = await w.call('prescriber', 'POST', '/api/prior-auth/prescriber/questionnaire', {
      patientHandle: ok.body.patientHandle,
      drugGroupId: w.f.groups.adalimumab,
    });
    expect(questionnaire.status).toBe(200);
    const wrong = await w.call('prescriber', 'POST', '/api/prior-auth/prescriber/members/lookup', {
      memberNumber: m.memberNumber,
      dateOfBirth: '1900-01-01',
    });
    expect(wrong.status).toBe(404);
    const audits = await w.t.db.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.action, 'lookup_failed'));
    expect(audits.length).toBe(1);
  });

  it('shows the drug’s coverage and the questionnaire its criteria need', async () => {
    const res = await w.call('prescriber', 'POST', '/api/prior-auth/prescriber/questionnaire', {
      patientHandle: handleFor(w, w.f.members.single),
      drugGroupId: w.f.groups.adalimumab,
    });
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('prior_auth');
    expect(res.body.coverage).toMatchObject({
      status: 'covered',
      tier: 4,
      requiresPriorAuth: true,
      suggestedRequest: 'prior_auth',
    });
    expect(res.body.questionnaire.criteriaSetId).toBe('class:tnf_inhibitors');
    expect(res.body.questionnaire.questions.map((q: { kind: string }) => q.kind)).toEqual([
      'diagnosis_codes',
      'drugs_tried',
      'quantity',
      'notes',
    ]);
    const excluded = await w.call('prescriber', 'POST', '/api/prior-auth/prescriber/questionnaire', {
      patientHandle: handleFor(w, w.f.members.single),
      drugGroupId: w.f.groups.nexium,
    });
    expect(excluded.body.type).toBe('formulary_exception');
    expect(excluded.body.coverage.alternatives).toEqual([
      { drugGroupId: w.f.groups.omeprazole, name: 'omeprazole 20 mg oral capsule' },
    ]);
  });
});

describe('submission', () => {
  it('auto-approves when the member’s own claims prove the step, and the B1 then pays instead of 75', async () => {
    const member = w.f.members.subscriber;
    const before = await submitClaim(w, {
      member,
      ndc: w.f.drugs.adalimumab,
      dateOfService: '2026-03-10',
      quantity: 0.8,
      daysSupply: 28,
    });
    expect(before.status).toBe('rejected');
    expect(before.rejectCodes.map((r) => r.code)).toContain('75');

    await giveMethotrexateHistory(w, member);
    const res = await submitAdalimumab(w, member);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      status: 'approved',
      autoApproved: true,
      effectiveFrom: '2026-03-10',
      effectiveTo: '2027-03-09',
      approvedQuantityMilli: 800,
      approvedDaysSupply: 28,
    });
    expect(res.body.caseNumber).toMatch(/^PA26-[0-9A-Z]{6}$/);
    const step = res.body.evaluation.find((r: { id: string }) => r.id === 'step_dmard');
    expect(step).toMatchObject({ status: 'met', evidence: 'The plan’s claims show the required trial.' });
    // Minimum necessary: the prescriber learns that the step is met, not the member's fills or the member id.
    expect(JSON.stringify(res.body)).not.toMatch(/paid fill|days of therapy|years old/);
    expect(JSON.stringify(res.body)).not.toContain(member.id);
    expect(res.body.events.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'auto_approved']);

    const after = await submitClaim(w, {
      member,
      ndc: w.f.drugs.adalimumab,
      dateOfService: '2026-03-10',
      quantity: 0.8,
      daysSupply: 28,
    });
    expect(after.status, JSON.stringify(after)).toBe('paid');
  });

  it('without the step in the claims history the request waits for a clinician', async () => {
    const res = await submitAdalimumab(w, w.f.members.single, {
      expedited: true,
      expeditedReason: 'Flare; joint damage risk',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', autoApproved: false, expedited: true });
    expect(new Date(res.body.dueAt).getTime() - new Date(res.body.submittedAt).getTime()).toBe(
      72 * 3_600_000,
    );
    expect(res.body.evaluation.find((r: { id: string }) => r.id === 'step_dmard').status).toBe('not_met');
    const again = await submitAdalimumab(w, w.f.members.single);
    expect(again.status).toBe(409);
  });

  it('rejects bad input with field errors: expedited without a reason, diagnosis codes that are not ICD-10', async () => {
    const spouse = w.f.members.spouse;
    const noReason = await submitAdalimumab(w, spouse, { expedited: true });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: expect.stringContaining('expeditedReason') }),
      ]),
    );
    const badCode = await submitAdalimumab(w, spouse, {
      answers: { diagnosisCodes: ['rheumatoid'], triedDrugs: [] },
    });
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors[0].field).toBe('answers.diagnosisCodes.0');
  });

  it('refuses a PA for a drug that needs none, and a PA where an exception is needed', async () => {
    const none = await w.call('prescriber', 'POST', '/api/prior-auth/prescriber/cases', {
      type: 'prior_auth',
      patientHandle: handleFor(w, w.f.members.spouse),
      drugGroupId: w.f.groups.atorvastatin,
      quantityMilli: 30_000,
      daysSupply: 30,
      answers: { diagnosisCodes: ['E78.5'] },
    });
    expect(none.status).toBe(409);
    const excluded = await w.call('prescriber', 'POST', '/api/prior-auth/prescriber/cases', {
      type: 'prior_auth',
      patientHandle: handleFor(w, w.f.members.spouse),
      drugGroupId: w.f.groups.nexium,
      quantityMilli: 30_000,
      daysSupply: 30,
      answers: { diagnosisCodes: ['K21.9'] },
    });
    expect(excluded.status).toBe(409);
  });
});

describe('attachments', () => {
  let caseId: string;
  beforeAll(async () => {
    const res = await w.call('prescriber', 'POST', '/api/prior-auth/prescriber/cases', {
      type: 'formulary_exception',
      patientHandle: handleFor(w, w.f.members.spouse),
      drugGroupId: w.f.groups.nexium,
      quantityMilli: 30_000,
      daysSupply: 30,
      answers: { diagnosisCodes: ['K21.9'], attestations: { medical_necessity: true } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    caseId = res.body.id;
  });

  const upload = (fileName: string, content: Buffer, user: 'prescriber' | 'otherPrescriber' = 'prescriber') =>
    w.call(user, 'POST', `/api/prior-auth/prescriber/cases/${caseId}/attachments`, {
      fileName,
      contentBase64: content.toString('base64'),
    });

  it('accepts PDF, PNG and JPEG by their magic bytes, whatever the name says', async () => {
    const pdf = await upload('chart-notes.pdf', PDF);
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ contentType: 'application/pdf', sizeBytes: PDF.length });
    expect((await upload('scan.png', PNG)).body.contentType).toBe('image/png');
    // Named .pdf, but the bytes are a JPEG: stored as what it is.
    expect((await upload('labs.pdf', JPEG)).body.contentType).toBe('image/jpeg');
  });

  it('refuses other files, empty and oversized ones, and bad base64', async () => {
    const exe = await upload('notes.pdf', EXE);
    expect(exe.status).toBe(400);
    expect(exe.body.errors[0]).toEqual({ field: 'contentBase64', message: 'Attach a PDF, PNG or JPEG file' });
    const big = await upload('big.pdf', Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]));
    expect(big.status, JSON.stringify(big.body)).toBe(400);
    expect(big.body.errors[0].message).toBe('Attach files of at most 5 MB');
    expect(
      (
        await w.call('prescriber', 'POST', `/api/prior-auth/prescriber/cases/${caseId}/attachments`, {
          fileName: 'x.pdf',
          contentBase64: '%%%%',
        })
      ).status,
    ).toBe(400);
    expect((await upload('../etc/passwd', PDF)).status).toBe(400);
  });

  it('stores the bytes encrypted, and gives them back to the prescriber and reviewers only', async () => {
    const rows = await w.t.db.db
      .select()
      .from(schema.priorAuthAttachments)
      .where(eq(schema.priorAuthAttachments.caseId, caseId));
    const pdfRow = rows.find((r) => r.contentType === 'application/pdf');
    expect(pdfRow).toBeDefined();
    expect(pdfRow?.content.includes(Buffer.from('%PDF'))).toBe(false);
    const url = `/api/prior-auth/cases/${caseId}/attachments/${pdfRow?.id}`;
    for (const user of ['prescriber', 'reviewer'] as const) {
      const res = await w.t.app.inject({ method: 'GET', url, headers: await w.as(user) });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe('attachment; filename="chart-notes.pdf"');
      expect(Buffer.compare(res.rawPayload, PDF)).toBe(0);
    }
    expect((await w.call('otherPrescriber', 'GET', url)).status).toBe(404);
    expect((await w.call('spouse', 'GET', url)).status).toBe(403);
    expect((await upload('more.pdf', PDF, 'otherPrescriber')).status).toBe(404);
    const views = await w.t.db.db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.resourceType, 'prior_auth_attachment'));
    expect(
      views
        .filter((a) => a.action === 'viewed')
        .map((a) => a.actorRole)
        .sort(),
    ).toEqual(['clinical_reviewer', 'prescriber']);
  });

  it('never writes a document, its base64 or the answers to the log', async () => {
    const log = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(10);
    for (const secret of [PDF.toString('base64'), '%PDF', 'chart-notes', 'M05.79', 'K21.9', 'Active RA']) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('reaching a member only through a proven relationship', () => {
  const questionnaireUrl = '/api/prior-auth/prescriber/questionnaire';
  const casesUrl = '/api/prior-auth/prescriber/cases';
  const casesOf = async (memberId: string) =>
    w.t.db.db
      .select()
      .from(schema.priorAuthorizations)
      .where(eq(schema.priorAuthorizations.memberId, memberId));

  it('refuses a raw internal member id on the questionnaire and the submission', async () => {
    const member = w.f.members.spouse;
    const before = (await casesOf(member.id)).length;
    const questionnaire = await w.call('prescriber', 'POST', questionnaireUrl, {
      memberId: member.id,
      drugGroupId: w.f.groups.adalimumab,
    });
    expect(questionnaire.status).toBe(400);
    expect(questionnaire.body.errors.map((e: { field: string }) => e.field)).toContain('patientHandle');
    expect(JSON.stringify(questionnaire.body)).not.toContain('coverage');
    const submitted = await w.call('prescriber', 'POST', casesUrl, {
      type: 'formulary_exception',
      memberId: member.id,
      drugGroupId: w.f.groups.nexium,
      quantityMilli: 30_000,
      daysSupply: 30,
      answers: { diagnosisCodes: ['K21.9'] },
    });
    expect(submitted.status).toBe(400);
    expect(await casesOf(member.id)).toHaveLength(before);
  });

  it('answers one 404 for another prescriber’s, a forged and an expired handle (nothing to probe)', async () => {
    const member = w.f.members.spouse;
    const ask = (patientHandle: string) =>
      w.call('prescriber', 'POST', questionnaireUrl, { patientHandle, drugGroupId: w.f.groups.adalimumab });
    const own = handleFor(w, member);
    const theirs = await ask(handleFor(w, member, 'otherPrescriber'));
    const [v, keyId, iv, ciphertext, tag] = own.split('.');
    const flipped = `${ciphertext?.startsWith('A') ? 'B' : 'A'}${ciphertext?.slice(1)}`;
    const forged = await ask([v, keyId, iv, flipped, tag].join('.'));
    w.t.setNow(new Date(WORLD_NOW.getTime() + 61 * 60_000));
    const expired = await ask(own);
    w.t.setNow(WORLD_NOW);
    for (const res of [theirs, forged, expired]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual(theirs.body);
    }
    expect((await ask(own)).status).toBe(200);
  });

  it('cannot file a request with another prescriber’s handle: no case (so no notice to the member)', async () => {
    const member = w.f.members.subscriber;
    const before = (await casesOf(member.id)).length;
    const res = await w.call('prescriber', 'POST', casesUrl, {
      type: 'formulary_exception',
      patientHandle: handleFor(w, member, 'otherPrescriber'),
      drugGroupId: w.f.groups.nexium,
      quantityMilli: 30_000,
      daysSupply: 30,
      answers: { diagnosisCodes: ['K21.9'], attestations: { medical_necessity: true } },
    });
    expect(res.status).toBe(404);
    expect(await casesOf(member.id)).toHaveLength(before);
  });
});

describe('prescriber boundaries', () => {
  it('needs a verified NPI for everything; an admin records the verification', async () => {
    const res = await submitAdalimumab(w, w.f.members.single, {}, 'unverifiedPrescriber');
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('NPI has not been verified');
    expect((await w.call('unverifiedPrescriber', 'GET', '/api/prior-auth/prescriber/me')).body).toMatchObject(
      {
        npi: '1999999976',
        npiVerified: false,
      },
    );
    const verifyUrl = '/api/prior-auth/admin/npi-verifications';
    expect(
      (await w.call('reviewer', 'POST', verifyUrl, { npi: '1999999976', method: 'staff_review' })).status,
    ).toBe(403);
    expect(
      (await w.call('admin', 'POST', verifyUrl, { npi: '1999999999', method: 'staff_review' })).status,
    ).toBe(404);
    const verified = await w.call('admin', 'POST', verifyUrl, { npi: '1999999976', method: 'staff_review' });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ npi: '1999999976', revoked: false });
    expect(
      (await w.call('unverifiedPrescriber', 'GET', '/api/prior-auth/prescriber/me')).body.npiVerified,
    ).toBe(true);
    expect((await w.call('unverifiedPrescriber', 'GET', '/api/prior-auth/prescriber/cases')).status).toBe(
      200,
    );
    await w.call('admin', 'POST', `${verifyUrl}/revoke`, { npi: '1999999976' });
    expect((await w.call('unverifiedPrescriber', 'GET', '/api/prior-auth/prescriber/cases')).status).toBe(
      403,
    );
  });

  it('sees only their own cases; other roles and signed-out callers are refused', async () => {
    const mine = await w.call('prescriber', 'GET', '/api/prior-auth/prescriber/cases');
    expect(mine.body.cases.length).toBeGreaterThan(0);
    const someCase = mine.body.cases[0].id;
    expect(
      (await w.call('otherPrescriber', 'GET', `/api/prior-auth/prescriber/cases/${someCase}`)).status,
    ).toBe(404);
    expect((await w.call('otherPrescriber', 'GET', '/api/prior-auth/prescriber/cases')).body.cases).toEqual(
      [],
    );
    expect(
      (await w.call('otherPrescriber', 'POST', `/api/prior-auth/prescriber/cases/${someCase}/withdraw`))
        .status,
    ).toBe(404);
    expect((await w.call(null, 'GET', '/api/prior-auth/prescriber/cases')).status).toBe(401);
    for (const user of ['subscriber', 'reviewer', 'pharmacy', 'admin'] as const) {
      expect((await w.call(user, 'GET', '/api/prior-auth/prescriber/cases')).status).toBe(403);
    }
    const row = await caseRow(w, someCase);
    expect(row.requestedByUserId).toBe(w.users.prescriber);
  });
});
