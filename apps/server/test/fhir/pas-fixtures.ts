// PAS request Bundles and calls for the PAS tests (pas.test.ts, pas-replay.test.ts, pas-backend.test.ts).
import type { FixtureMember } from '../fixtures/benefits';
import type { PaWorld } from '../prior-auth/pa-world';

export type Json = Record<string, unknown>;

export function pasBundle(
  w: PaWorld,
  member: FixtureMember,
  o: { ndc?: string; stat?: boolean; claim?: Json } = {},
): Json {
  return {
    resourceType: 'Bundle',
    identifier: { system: 'urn:example:ehr', value: `tx-${member.memberNumber}-${Date.now()}` },
    type: 'collection',
    timestamp: '2026-03-10T15:00:00Z',
    entry: [
      {
        fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111',
        resource: {
          resourceType: 'Claim',
          status: 'active',
          type: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'pharmacy' }],
          },
          use: 'preauthorization',
          patient: { reference: 'urn:uuid:22222222-2222-4222-8222-222222222222' },
          created: '2026-03-10T15:00:00Z',
          insurer: { display: 'OpenPBM' },
          provider: { identifier: { system: 'http://hl7.org/fhir/sid/us-npi', value: w.f.prescriberNpi } },
          priority: { coding: [{ code: o.stat ? 'stat' : 'normal' }] },
          diagnosis: [
            {
              sequence: 1,
              diagnosisCodeableConcept: {
                coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M05.79' }],
              },
            },
          ],
          supportingInfo: [
            { sequence: 1, category: { coding: [{ code: 'days-supply' }] }, valueQuantity: { value: 28 } },
          ],
          insurance: [{ sequence: 1, focal: true, coverage: { display: 'Pharmacy coverage' } }],
          item: [
            {
              sequence: 1,
              productOrService: {
                coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: o.ndc ?? w.f.drugs.adalimumab }],
              },
              quantity: { value: 0.8 },
            },
          ],
          ...o.claim,
        },
      },
      {
        fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222',
        resource: {
          resourceType: 'Patient',
          identifier: [{ system: 'urn:openpbm:member-id', value: member.memberNumber }],
          birthDate: member.dateOfBirth,
        },
      },
    ],
  };
}

/** Calls a PAS operation as a signed-in user (session + CSRF), with other headers (a bearer token), or as no one. */
export async function post(
  w: PaWorld,
  who: 'prescriber' | 'otherPrescriber' | 'subscriber' | Record<string, string> | null,
  op: '$submit' | '$inquire',
  body: unknown,
) {
  const auth = who === null ? {} : typeof who === 'string' ? await w.as(who) : who;
  const res = await w.t.app.inject({
    method: 'POST',
    url: `/fhir/Claim/${op}`,
    headers: { ...auth, 'content-type': 'application/fhir+json' },
    payload: JSON.stringify(body),
  });
  return { status: res.statusCode, body: res.json() as Json & { entry?: Array<{ resource: Json }> } };
}
export const claimResponseOf = (body: { entry?: Array<{ resource: Json }> }) =>
  body.entry?.[0]?.resource as Json & { preAuthRef: string; outcome: string; item: unknown[] };
export const reviewActionOf = (cr: Json) => JSON.stringify(cr.item).match(/"code":"(A\d)"/)?.[1];

/** A $inquire Bundle for a case number (the preAuthRef of a $submit answer). */
export function inquiry(w: PaWorld, member: FixtureMember, caseNumber: string): Json {
  const bundle = pasBundle(w, member);
  const entries = bundle.entry as Array<{ resource: Json }>;
  entries[0] = { ...entries[0], resource: { ...entries[0]?.resource, identifier: [{ value: caseNumber }] } };
  return bundle;
}
