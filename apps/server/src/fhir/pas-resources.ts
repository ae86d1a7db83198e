// Da Vinci PAS 2.1.0 response Bundle: one ClaimResponse for a prior-authorization case. The decision is in
// outcome (complete / queued) and each item's reviewAction (X12 306: A1 certified, A3 not certified, A4 pended).
import { randomUUID } from 'node:crypto';
import type { PrescriberCase } from '@openpbm/shared/prior-auth';
import { MEMBER_ID_SYSTEM } from './pas-bundle';

export const PAS = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/';
export const PAS_CLAIM_RESPONSE = `${PAS}profile-claimresponse|2.1.0`;
export const PAS_RESPONSE_BUNDLE = `${PAS}profile-pas-response-bundle|2.1.0`;
const X12_306 = 'https://codesystem.x12.org/005010/306';
export const CASE_SYSTEM = 'urn:openpbm:prior-authorization';

const reviewActionOf = (status: string) =>
  status === 'approved'
    ? { code: 'A1', display: 'Certified in total' }
    : status === 'denied'
      ? { code: 'A3', display: 'Not Certified' }
      : { code: 'A4', display: 'Pended' };

const DECIDED = new Set(['approved', 'denied', 'withdrawn']);

export function pasResponseBundle(
  view: PrescriberCase,
  request: { bundleIdentifier: string; memberNumber: string | null },
  now: Date,
) {
  const action = reviewActionOf(view.status);
  const claimResponse = {
    resourceType: 'ClaimResponse' as const,
    id: view.id,
    meta: { profile: [PAS_CLAIM_RESPONSE], lastUpdated: now.toISOString() },
    identifier: [{ system: CASE_SYSTEM, value: view.caseNumber }],
    status: 'active',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'pharmacy' }] },
    use: 'preauthorization',
    patient: request.memberNumber
      ? { identifier: { system: MEMBER_ID_SYSTEM, value: request.memberNumber } }
      : { display: `${view.member.firstName} ${view.member.lastName}` },
    created: view.submittedAt,
    insurer: { display: 'OpenPBM' },
    request: { identifier: { value: request.bundleIdentifier } },
    outcome: DECIDED.has(view.status) ? 'complete' : 'queued',
    disposition: view.decisionReason ?? `The request is ${view.status.replace(/_/g, ' ')}.`,
    preAuthRef: view.caseNumber,
    ...(view.status === 'approved' && view.effectiveFrom
      ? {
          preAuthPeriod: {
            start: view.effectiveFrom,
            ...(view.effectiveTo ? { end: view.effectiveTo } : {}),
          },
        }
      : {}),
    item: [
      {
        itemSequence: 1,
        adjudication: [
          {
            extension: [
              {
                url: `${PAS}extension-reviewAction`,
                extension: [
                  {
                    url: 'code',
                    valueCodeableConcept: { coding: [{ system: X12_306, ...action }] },
                  },
                  ...(DECIDED.has(view.status) ? [] : [{ url: 'number', valueString: view.caseNumber }]),
                ],
              },
            ],
            category: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'submitted' }],
            },
          },
        ],
      },
    ],
  };
  return {
    resourceType: 'Bundle' as const,
    meta: { profile: [PAS_RESPONSE_BUNDLE] },
    identifier: { value: request.bundleIdentifier },
    type: 'collection' as const,
    timestamp: now.toISOString(),
    entry: [{ fullUrl: `urn:uuid:${randomUUID()}`, resource: claimResponse }],
  };
}
