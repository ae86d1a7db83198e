// Da Vinci PAS contract against the prior-authorization engine: a prescriber (OpenPBM session) submits PAS request
// Bundles to Claim/$submit. Auto-approval from the member's own claims gives A1 / complete; without the step the
// case is pended (A4 / queued), sits in the clinicians' review queue, and Claim/$inquire follows it to the
// decision. Malformed Bundles answer an OperationOutcome naming the element; only prescribers may call.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureMember } from '../fixtures/benefits';
import { createPaWorld, giveMethotrexateHistory, type PaWorld } from '../prior-auth/pa-world';
import {
  pasBundle as bundleFor,
  claimResponseOf,
  inquiry as inquiryFor,
  type Json,
  post as postAs,
  reviewActionOf,
} from './pas-fixtures';
import { fhirProblems } from './validate-fhir';

let w: PaWorld;
beforeAll(async () => {
  w = await createPaWorld();
  // Compiles the R4 schema once (slow on a loaded machine), outside the tests' own time limits.
  fhirProblems({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] });
}, 120_000);
afterAll(async () => w?.t.close());

const post = (who: Parameters<typeof postAs>[1], op: '$submit' | '$inquire', body: unknown) =>
  postAs(w, who, op, body);
const pasBundle = (member: FixtureMember, o?: Parameters<typeof bundleFor>[2]) => bundleFor(w, member, o);

describe('Claim/$submit through the prior-authorization engine', () => {
  it('auto-approves from the member’s own claims: A1, complete, a valid PAS response', {
    timeout: 90_000,
  }, async () => {
    await giveMethotrexateHistory(w, w.f.members.subscriber);
    const res = await post('prescriber', '$submit', pasBundle(w.f.members.subscriber));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(fhirProblems(res.body)).toEqual([]);
    const cr = claimResponseOf(res.body);
    expect(cr).toMatchObject({ resourceType: 'ClaimResponse', use: 'preauthorization', outcome: 'complete' });
    expect(reviewActionOf(cr)).toBe('A1');
    expect(cr.preAuthRef).toMatch(/^PA26-/);
    expect(cr.preAuthPeriod).toMatchObject({ start: '2026-03-10' });
  });

  it('pends without the step: A4, queued, in the review queue; $inquire follows it to the decision', async () => {
    const res = await post('prescriber', '$submit', pasBundle(w.f.members.single, { stat: true }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const cr = claimResponseOf(res.body);
    expect(cr.outcome).toBe('queued');
    expect(reviewActionOf(cr)).toBe('A4');

    const queue = await w.call('reviewer', 'GET', '/api/prior-auth/review/queue');
    const item = queue.body.cases.find((c: { caseNumber: string }) => c.caseNumber === cr.preAuthRef);
    expect(item).toMatchObject({ status: 'pending', expedited: true });

    const inquiry = (caseNumber: string) => inquiryFor(w, w.f.members.single, caseNumber);
    const pended = await post('prescriber', '$inquire', inquiry(cr.preAuthRef));
    expect(pended.status).toBe(200);
    expect(fhirProblems(pended.body)).toEqual([]);
    expect(claimResponseOf(pended.body).outcome).toBe('queued');

    await w.call('reviewer', 'POST', `/api/prior-auth/review/cases/${item.id}/start`);
    const denied = await w.call('reviewer', 'POST', `/api/prior-auth/review/cases/${item.id}/deny`, {
      reason: 'The step therapy requirement is not met: no trial of methotrexate.',
      criteriaNotMet: ['step_dmard'],
    });
    expect(denied.status, JSON.stringify(denied.body)).toBeLessThan(300);
    const decided = await post('prescriber', '$inquire', inquiry(cr.preAuthRef));
    expect(claimResponseOf(decided.body).outcome).toBe('complete');
    expect(reviewActionOf(claimResponseOf(decided.body))).toBe('A3');

    const unknown = await post('prescriber', '$inquire', inquiry('PA26-ZZZZZZ'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.resourceType).toBe('OperationOutcome');
  });
});

describe('bad input and who may call', () => {
  const issue = (body: Json) => (body.issue as Array<{ expression?: string[]; diagnostics: string }>)[0];

  it('names the element that is wrong', async () => {
    const m = w.f.members.spouse;
    const cases: Array<[Json, string]> = [
      [{ resourceType: 'Claim' }, 'Bundle'],
      [{ ...pasBundle(m), identifier: undefined }, 'Bundle.identifier'],
      [pasBundle(m, { claim: { use: 'claim' } }), 'Bundle.entry[0].resource.use'],
      [pasBundle(m, { ndc: '123' }), 'Bundle.entry[0].resource.item[0].productOrService'],
      [pasBundle(m, { ndc: '00000000000' }), 'Bundle.entry[0].resource.item[0].productOrService'],
      [pasBundle(m, { claim: { diagnosis: [] } }), 'Bundle.entry[0].resource.diagnosis'],
      [pasBundle(m, { claim: { supportingInfo: [] } }), 'Bundle.entry[0].resource.supportingInfo'],
      [
        pasBundle(m, { claim: { patient: { reference: 'urn:uuid:nope' } } }),
        'Bundle.entry[0].resource.patient',
      ],
      [
        pasBundle(m, {
          claim: {
            diagnosis: [
              {
                sequence: 1,
                diagnosisCodeableConcept: {
                  coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'XX' }],
                },
              },
            ],
          },
        }),
        'Bundle.entry[0].resource.diagnosis',
      ],
    ];
    for (const [body, path] of cases) {
      const res = await post('prescriber', '$submit', body);
      expect(res.status, path).toBe(400);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(issue(res.body)?.expression, JSON.stringify(res.body)).toContain(path);
    }
  });

  it('a member that does not match is a 404 on Patient.identifier; no case is made', async () => {
    const stranger = { ...w.f.members.spouse, dateOfBirth: '1901-01-01' };
    const res = await post('prescriber', '$submit', pasBundle(stranger));
    expect(res.status).toBe(404);
    expect(issue(res.body)?.expression).toContain('Patient.identifier');
  });

  it('signed out is 401, a member is 403, both as OperationOutcome', async () => {
    const out = await post(null, '$submit', pasBundle(w.f.members.spouse));
    expect(out.status).toBe(401);
    expect(out.body.resourceType).toBe('OperationOutcome');
    const member = await post('subscriber', '$submit', pasBundle(w.f.members.spouse));
    expect(member.status).toBe(403);
  });
});
