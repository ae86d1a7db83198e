// Public Drug Formulary API (PDex US Drug Formulary 2.0.1) against the member coverage search: for every starter
// drug, the FHIR answer (listed or not, tier, PA, step therapy, quantity limit) is the coverage search's answer.
// No sign-in needed; every resource validates against the R4 schema and its profile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemberWorld, type MemberWorld } from '../benefits/member-world';
import { fhirProblems } from './validate-fhir';

// biome-ignore lint/suspicious/noExplicitAny: assertions read FHIR JSON loosely
type Json = Record<string, any>;
let w: MemberWorld;
const USDF = 'http://hl7.org/fhir/us/davinci-drug-formulary/StructureDefinition/';
const TIERS: Record<string, number> = {
  generic: 1,
  'preferred-brand': 2,
  'non-preferred-brand': 3,
  specialty: 4,
};

beforeAll(async () => {
  w = await createMemberWorld();
  fhirProblems({ resourceType: 'Basic', code: {} }); // compiles the R4 schema once (slow) outside the tests
}, 120_000);
afterAll(() => w?.t.close());

const fhir = async (url: string): Promise<{ status: number; body: Json }> => {
  const res = await w.t.app.inject({ method: 'GET', url: `/fhir${url}` });
  return { status: res.statusCode, body: res.json() as Json };
};
const extension = (item: Json, name: string): Json =>
  (item.extension as Json[]).find((e) => e.url === `${USDF}${name}`) ?? {};

describe('Drug Formulary API', () => {
  it('is public and lists the plan and its formulary', async () => {
    const plans = await fhir('/InsurancePlan?type=payer-plan');
    expect(plans.status).toBe(200);
    const plan = (plans.body.entry as Json[]).find((e) => e.resource.id === w.f.planId)?.resource;
    expect(plan.coverage[0].extension[0].valueReference.reference).toBe(`InsurancePlan/${w.f.formularyId}`);
    const formulary = await fhir(`/InsurancePlan/${w.f.formularyId}`);
    expect(formulary.body.type[0].coding[0].code).toBe('formulary');
    expect(fhirProblems(plans.body)).toEqual([]);
    expect(fhirProblems(formulary.body)).toEqual([]);
  });

  it('answers like the member coverage search for every starter drug', async () => {
    const headers = await w.headersFor('subscriber');
    const all = await fhir(
      `/Basic?formulary=InsurancePlan/${w.f.formularyId}&_count=100&_include=Basic:subject`,
    );
    expect(fhirProblems(all.body)).toEqual([]);
    const items = new Map(
      (all.body.entry as Json[])
        .filter((e) => e.search.mode === 'match')
        .map((e) => [e.resource.subject.reference.replace('MedicationKnowledge/', ''), e.resource]),
    );
    for (const [key, groupId] of Object.entries(w.f.groups)) {
      const search = await w.t.app.inject({
        method: 'POST',
        url: '/api/benefits/formulary/search',
        headers,
        payload: { query: key },
      });
      const result = (search.json() as { results: Json[] }).results.find(
        (r) => r.drugGroupId === groupId,
      ) as Json;
      expect(result, key).toBeTruthy();
      const item = items.get(groupId) as Json;
      if (result?.status !== 'covered') {
        expect(item, `${key} is ${result?.status}: not a formulary item`).toBeUndefined();
        continue;
      }
      expect(item, key).toBeTruthy();
      expect(
        TIERS[extension(item, 'usdf-DrugTierID-extension').valueCodeableConcept.coding[0].code],
        key,
      ).toBe(result.tier);
      expect(extension(item, 'usdf-PriorAuthorization-extension').valueBoolean, key).toBe(
        result.requiresPriorAuth,
      );
      expect(extension(item, 'usdf-StepTherapyLimit-extension').valueBoolean, key).toBe(
        result.requiresStepTherapy,
      );
      expect(extension(item, 'usdf-QuantityLimit-extension').valueBoolean, key).toBe(
        result.quantityLimit !== null,
      );
      if (result.quantityLimit) {
        const rolling = extension(item, 'usdf-QuantityLimitDetail-extension').extension[0].valueTiming.repeat;
        expect(rolling.count, key).toBe(result.quantityLimit.quantity);
        expect(rolling.period, key).toBe(result.quantityLimit.days);
      }
    }
  });

  it('searches drugs by NDC code, name and tier', async () => {
    const ndc = w.f.drugs.atorvastatin;
    const byCode = await fhir(`/MedicationKnowledge?code=http://hl7.org/fhir/sid/ndc|${ndc}`);
    expect(byCode.body.entry.map((e: Json) => e.resource.id)).toEqual([w.f.groups.atorvastatin]);
    const byName = await fhir('/MedicationKnowledge?drug-name=atorva');
    expect(byName.body.entry.map((e: Json) => e.resource.id)).toContain(w.f.groups.atorvastatin);
    expect(fhirProblems(byName.body)).toEqual([]);
    const generics = await fhir(`/Basic?formulary=InsurancePlan/${w.f.formularyId}&drug-tier=generic`);
    expect(generics.body.total).toBeGreaterThan(0);
    for (const e of generics.body.entry as Json[]) {
      expect(extension(e.resource, 'usdf-DrugTierID-extension').valueCodeableConcept.coding[0].code).toBe(
        'generic',
      );
    }
    const item = (generics.body.entry as Json[])[0]?.resource as Json;
    expect((await fhir(`/Basic/${item.id}`)).body).toEqual(item);
  });

  it('bad input answers OperationOutcome', async () => {
    expect((await fhir('/Basic')).status).toBe(400);
    expect((await fhir(`/Basic?formulary=InsurancePlan/${w.f.formularyId}&drug-tier=gold`)).status).toBe(400);
    expect((await fhir('/MedicationKnowledge?color=blue')).body.issue[0].expression).toEqual(['color']);
    expect((await fhir('/InsurancePlan/nope')).status).toBe(404);
  });
});
