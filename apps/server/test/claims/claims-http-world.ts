// SHARED SET-UP of the claims HTTP tests (claims-http, claims-rejects): the app, the benefits fixture, one signed-in
// user per fixture pharmacy, and submitting a B1 as raw D.0 or through the JSON form.
import { type NcpdpResponse, parseResponse } from '@openpbm/ncpdp';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ClaimResult } from '../../src/claims/schemas';
import { type BenefitsFixture, buildBenefitsFixture, type FixtureMember } from '../fixtures/benefits';
import { createTestApp, type TestApp } from '../harness';
import { signInAs } from '../sign-in';
import { type B1Options, claimBytes, claimRequest } from './claim-builders';

export let t: TestApp;
export let f: BenefitsFixture;
export const headersOf: Record<string, Record<string, string>> = {};

/** Call once at the top of a test file: a test app with the benefits fixture and a signed-in user per pharmacy. */
export function useClaimsHttp(): void {
  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-03-10T15:00:00Z') });
    f = await buildBenefitsFixture(t.db.db, { fieldKey: undefined });
    for (const key of ['retail', 'retail2', 'outOfNetwork', 'homeDelivery'] as const) {
      headersOf[key] = (await signInAs(t, f.pharmacyUsers[key])).headers;
    }
  });
  afterAll(async () => t?.close());
}

export type PharmacyKey = 'retail' | 'retail2' | 'outOfNetwork' | 'homeDelivery';

export async function submitRaw(o: B1Options = {}, as: PharmacyKey = 'retail'): Promise<NcpdpResponse> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/claims/ncpdp',
    headers: { ...headersOf[as], 'content-type': 'application/octet-stream' },
    payload: Buffer.from(claimBytes(f, { pharmacy: f.pharmacies[as], ...o })),
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/octet-stream');
  return parseResponse(res.rawPayload);
}

/** The same transaction through the JSON form. */
export function formOf(o: B1Options = {}, as: PharmacyKey = 'retail') {
  const r = claimRequest(f, { pharmacy: f.pharmacies[as], ...o });
  const c = r.transactions[0]?.claim;
  const p = r.transactions[0]?.pricing;
  return {
    transactionCode: r.header.transactionCode,
    bin: r.header.bin,
    processorControlNumber: r.header.processorControlNumber,
    groupId: r.insurance?.groupId ?? '',
    serviceProvider: { idQualifier: r.header.serviceProviderIdQualifier, id: r.header.serviceProviderId },
    dateOfService: r.header.dateOfService,
    cardholder: { id: r.insurance?.cardholderId ?? '', personCode: r.insurance?.personCode },
    ...(c
      ? {
          claim: {
            rxNumber: c.prescriptionServiceReferenceNumber,
            fillNumber: c.fillNumber,
            ndc: c.productServiceId,
            quantityDispensed: (c.quantityDispensed ?? 0) / 1000,
            daysSupply: c.daysSupply,
            prescriberNpi: f.prescriberNpi,
            ingredientCostSubmittedCents: p?.ingredientCostSubmitted,
            dispensingFeeSubmittedCents: p?.dispensingFeeSubmitted,
            usualAndCustomaryCents: p?.usualAndCustomary,
            ...(o.durOverride
              ? {
                  durOverrides: [
                    {
                      reasonForServiceCode: o.durOverride.reason,
                      professionalServiceCode: o.durOverride.professional,
                      resultOfServiceCode: o.durOverride.result,
                    },
                  ],
                }
              : {}),
          },
        }
      : {}),
  };
}

export async function submitJson(
  o: B1Options = {},
  as: PharmacyKey = 'retail',
  extraHeaders: Record<string, string> = {},
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/claims',
    headers: { ...headersOf[as], ...extraHeaders },
    payload: formOf(o, as),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ClaimResult;
}

export const codesOf = (r: ClaimResult) => r.rejectCodes.map((c) => c.code);
export const rawCodes = (r: NcpdpResponse) => (r.transactions[0]?.status?.rejects ?? []).map((x) => x.code);

export async function accumulators(member: FixtureMember) {
  const { rows } = await t.db.sql.query<{ scope: string; deductible_cents: number; oop_cents: number }>(
    `select scope, deductible_cents, oop_cents from accumulators
     where (scope = 'individual' and member_id = $1) or (scope = 'family' and member_id = $2) order by scope`,
    [member.id, member.subscriberId],
  );
  return Object.fromEntries(rows.map((r) => [r.scope, { deductible: r.deductible_cents, oop: r.oop_cents }]));
}
