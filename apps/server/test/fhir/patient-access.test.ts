// Patient Access API over real SMART tokens: EOB amounts equal the stored claims and the portal's claims history
// to the cent; searches (_lastUpdated, service-date, type, identifier, _include, paging); every emitted resource
// validates against the FHIR R4 schema and its CARIN profile; a token reaches only its one patient (a parent may
// pick a child under 18, never an adult child); bad input answers OperationOutcome; every read is audited.
import { schema } from '@openpbm/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClaimAmounts, insertClaim } from '../benefits/member-world';
import { createSmartWorld, launch, registerTestApp, type SmartWorld } from './smart-world';
import { fhirProblems } from './validate-fhir';

// biome-ignore lint/suspicious/noExplicitAny: assertions read FHIR JSON loosely
type Json = Record<string, any>;
let w: SmartWorld;
let app: { clientId: string; redirectUri: string };
let token: string;
const claimIds: string[] = [];

const amountsFor = (i: number): ClaimAmounts => ({
  ingredientCostCents: 1_001 + i * 337,
  dispensingFeeCents: 150 + i,
  patientPayCents: 999 + i * 3,
  planPayCents: 152 + i * 335,
  appliedToDeductibleCents: i % 2 === 0 ? 999 + i * 3 : 0,
  appliedToOopCents: 999 + i * 3,
});

async function get(path: string, bearer = token): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${w.fhirBase}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
}

beforeAll(async () => {
  w = await createSmartWorld();
  app = await registerTestApp(w);
  const subscriber = w.f.members.subscriber.id;
  for (let i = 0; i < 6; i += 1) {
    claimIds.push(
      await insertClaim(w, {
        memberId: subscriber,
        subscriberId: subscriber,
        ndc: w.f.drugs.atorvastatin,
        drugGroupId: w.f.groups.atorvastatin,
        dateOfService: `2026-02-${String(10 + i).padStart(2, '0')}`,
        amounts: amountsFor(i),
        status: i === 5 ? 'reversed' : 'paid',
      }),
    );
  }
  // Another family's claim and the child's claim: never visible through the subscriber's own token.
  await insertClaim(w, {
    memberId: w.f.members.single.id,
    subscriberId: w.f.members.single.id,
    ndc: w.f.drugs.atorvastatin,
    drugGroupId: w.f.groups.atorvastatin,
    dateOfService: '2026-02-11',
    amounts: amountsFor(1),
  });
  await insertClaim(w, {
    memberId: w.child.id,
    subscriberId: subscriber,
    ndc: w.f.drugs.atorvastatin,
    drugGroupId: w.f.groups.atorvastatin,
    dateOfService: '2026-02-12',
    amounts: amountsFor(2),
  });
  token = (await launch(w, app)).access_token;
  fhirProblems({ resourceType: 'Basic', code: {} }); // compiles the R4 schema once (slow) outside the tests
}, 180_000);
afterAll(() => w?.t.close());

const amountOf = (adjudications: Json[], code: string) =>
  Math.round(
    (adjudications.find((a) => a.category.coding[0].code === code)?.amount.value ?? Number.NaN) * 100,
  );

describe('ExplanationOfBenefit amounts', () => {
  it('every adjudication amount equals the stored claim and the portal claims history to the cent', async () => {
    const { body } = await get(`/ExplanationOfBenefit?patient=${w.f.members.subscriber.id}&_count=50`);
    expect(body.total).toBe(6);
    const stored = await w.t.db.db
      .select()
      .from(schema.claims)
      .where(eq(schema.claims.memberId, w.f.members.subscriber.id));
    const portal = await w.t.app.inject({
      method: 'GET',
      url: `/api/benefits/members/${w.f.members.subscriber.id}/claims`,
      headers: await w.headersFor('subscriber'),
    });
    const portalClaims = new Map(
      (portal.json() as { claims: Json[] }).claims.map((c) => [c.claimId as string, c]),
    );
    for (const entry of body.entry as Json[]) {
      const eob = entry.resource;
      const claim = stored.find((c) => c.id === eob.id);
      const shown = portalClaims.get(eob.id);
      expect(claim && shown).toBeTruthy();
      if (!claim || !shown) continue;
      const item = eob.item[0].adjudication as Json[];
      expect(amountOf(item, 'submitted')).toBe(claim.ingredientCostCents + claim.dispensingFeeCents);
      expect(amountOf(item, 'submitted')).toBe(shown.totalCents);
      expect(amountOf(item, 'paidbypatient')).toBe(claim.patientPayCents);
      expect(amountOf(item, 'paidtoprovider')).toBe(claim.planPayCents);
      // A reversed claim: the EOB is cancelled with the claim's amounts; the portal says nothing is owed.
      const reversed = claim.status === 'reversed';
      expect(shown.youPaidCents).toBe(reversed ? 0 : amountOf(item, 'paidbypatient'));
      expect(shown.planPaidCents).toBe(reversed ? 0 : amountOf(item, 'benefit'));
      expect(amountOf(item, 'deductible')).toBe(claim.appliedToDeductibleCents);
      expect(amountOf(eob.total, 'paidbypatient')).toBe(claim.patientPayCents);
      expect(eob.status).toBe(claim.status === 'reversed' ? 'cancelled' : 'active');
      expect(eob.item[0].productOrService.coding[0].code).toBe(claim.ndc);
    }
  });
});

describe('searches', () => {
  it('filters by service-date, _lastUpdated, type and identifier, and pages with next links', async () => {
    const base = `/ExplanationOfBenefit?patient=${w.f.members.subscriber.id}`;
    expect((await get(`${base}&service-date=ge2026-02-13`)).body.total).toBe(3);
    expect((await get(`${base}&service-date=ge2026-02-11&service-date=le2026-02-12`)).body.total).toBe(2);
    expect((await get(`${base}&service-date=2026-02`)).body.total).toBe(6);
    expect((await get(`${base}&_lastUpdated=ge2020-01-01`)).body.total).toBe(6);
    expect((await get(`${base}&_lastUpdated=lt2020-01-01`)).body.total).toBe(0);
    expect(
      (await get(`${base}&type=http://terminology.hl7.org/CodeSystem/claim-type|pharmacy`)).body.total,
    ).toBe(6);
    expect((await get(`${base}&type=professional`)).body.total).toBe(0);
    expect(
      (await get(`${base}&identifier=urn:openpbm:claim-id|${claimIds[2]}`)).body.entry[0].resource.id,
    ).toBe(claimIds[2]);

    const seen: string[] = [];
    let next: string | undefined = `${base}&_count=4`;
    while (next) {
      const page = await get(next.replace(w.fhirBase, ''));
      seen.push(...(page.body.entry as Json[]).map((e) => e.resource.id));
      next = (page.body.link as Json[]).find((l) => l.relation === 'next')?.url;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it('_include brings the patient, pharmacy, payer, prescriber and coverage once each, and all of it validates', async () => {
    const { body } = await get(
      `/ExplanationOfBenefit?patient=${w.f.members.subscriber.id}&_include=ExplanationOfBenefit:*`,
    );
    const included = (body.entry as Json[])
      .filter((e) => e.search.mode === 'include')
      .map((e) => e.resource.resourceType);
    expect(included.sort()).toEqual(['Coverage', 'Organization', 'Organization', 'Patient', 'Practitioner']);
    expect(fhirProblems(body)).toEqual([]);
  });

  it('Patient, Coverage, Organization, Practitioner, metadata and errors validate against the R4 schema and profiles', async () => {
    const eob = (await get(`/ExplanationOfBenefit/${claimIds[0]}`)).body;
    const pharmacy = (await get(`/${eob.provider.reference}`)).body;
    const payer = (await get(`/${eob.insurer.reference}`)).body;
    const prescriber = (await get(`/${eob.careTeam[0].provider.reference}`)).body;
    const coverage = (await get(`/Coverage?patient=Patient/${w.f.members.subscriber.id}`)).body;
    const patient = (await get(`/Patient/${w.f.members.subscriber.id}`)).body;
    const metadata = (await fetch(`${w.fhirBase}/metadata`).then((r) => r.json())) as Json;
    const outcome = (await get('/Observation')).body;
    for (const resource of [eob, pharmacy, payer, prescriber, coverage, patient, metadata, outcome]) {
      expect(fhirProblems(resource)).toEqual([]);
    }
    expect(patient.identifier[0].value).toBe(w.f.members.subscriber.memberNumber);
    // The checks bite: a wrong code fails the schema, a missing required element fails the profile.
    expect(fhirProblems({ ...eob, status: 'paid' }).join()).toMatch(/ExplanationOfBenefit\/status/);
    expect(fhirProblems({ ...eob, insurer: undefined }).join()).toMatch(/insurer.reference is required/);
    expect(fhirProblems({ ...patient, meta: { ...patient.meta, profile: ['urn:unknown'] } }).join()).toMatch(
      /unknown profile/,
    );
    expect(patient.birthDate).toBe(w.f.members.subscriber.dateOfBirth);
  });
});

describe('a token reaches only its one patient', () => {
  it("another member's resources are 404 (read) or 403 (search) and the attempt is audited", async () => {
    const other = w.f.members.single.id;
    const read = await get(`/Patient/${other}`);
    expect(read.status).toBe(404);
    expect(read.body.resourceType).toBe('OperationOutcome');
    const otherClaim = await w.t.db.db
      .select({ id: schema.claims.id })
      .from(schema.claims)
      .where(eq(schema.claims.memberId, other));
    expect((await get(`/ExplanationOfBenefit/${otherClaim[0]?.id}`)).status).toBe(404);
    expect((await get(`/ExplanationOfBenefit?patient=${other}`)).status).toBe(403);
    expect((await get(`/Coverage?beneficiary=Patient/${w.child.id}`)).status).toBe(403);
    const denied = await w.t.db.db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'access_denied'), eq(schema.auditEvents.resourceId, other)));
    expect(denied).toHaveLength(1);
    expect(denied[0]?.actorUserId).toBe(w.users.subscriber);
  });

  it('every read is audited with the app and the member', async () => {
    const before = await w.t.db.db.select({ n: sql<number>`count(*)::int` }).from(schema.auditEvents);
    await get(`/Patient/${w.f.members.subscriber.id}`);
    const rows = await w.t.db.db
      .select()
      .from(schema.auditEvents)
      .where(
        and(eq(schema.auditEvents.resourceType, 'fhir_Patient'), eq(schema.auditEvents.action, 'viewed')),
      );
    const after = await w.t.db.db.select({ n: sql<number>`count(*)::int` }).from(schema.auditEvents);
    expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBe(1);
    expect(rows.at(-1)?.memberId).toBe(w.f.members.subscriber.id);
    expect(rows.at(-1)?.reason).toBe('member_app_access');
    expect(rows.at(-1)?.detail?.clientId).toBe(app.clientId);
  });

  it("a parent may pick their child's record (under 18) but not an adult child's", async () => {
    const childToken = await launch(w, { ...app, patientId: w.child.id });
    expect(childToken.patient).toBe(w.child.id);
    const own = await get(`/ExplanationOfBenefit?patient=${w.child.id}`, childToken.access_token);
    expect(own.body.total).toBe(1);
    expect((await get(`/Patient/${w.f.members.subscriber.id}`, childToken.access_token)).status).toBe(404);
    await expect(launch(w, { ...app, patientId: w.adultChild.id })).rejects.toThrow(/consent failed: 400/);
  });
});

describe('bad input and bad tokens', () => {
  it('unknown resource types and parameters answer OperationOutcome 404 / 400', async () => {
    const unknownType = await get('/Observation');
    expect(unknownType.status).toBe(404);
    expect(unknownType.body.resourceType).toBe('OperationOutcome');
    const unknownParam = await get('/ExplanationOfBenefit?provider=x');
    expect(unknownParam.status).toBe(400);
    expect(unknownParam.body.issue[0].expression).toEqual(['provider']);
    expect((await get('/ExplanationOfBenefit?service-date=yesterday')).status).toBe(400);
    expect((await get('/ExplanationOfBenefit?_include=Claim:patient')).status).toBe(400);
    expect(unknownType.headers.get('content-type')).toContain('application/fhir+json');
  });

  it('a missing, unknown or expired token gets 401', async () => {
    const none = await fetch(`${w.fhirBase}/Patient/${w.f.members.subscriber.id}`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await get(`/Patient/${w.f.members.subscriber.id}`, 'not-a-real-token')).status).toBe(401);
    const short = (await launch(w, app)).access_token;
    expect((await get(`/Patient/${w.f.members.subscriber.id}`, short)).status).toBe(200);
    await w.t.db.db
      .update(schema.oidcPayloads)
      .set({ payload: sql`jsonb_set(${schema.oidcPayloads.payload}, '{exp}', to_jsonb(1))` })
      .where(and(eq(schema.oidcPayloads.model, 'AccessToken'), eq(schema.oidcPayloads.id, short)));
    const expired = await get(`/Patient/${w.f.members.subscriber.id}`, short);
    expect(expired.status).toBe(401);
  });

  it('a token revoked at the revocation endpoint gets 401', async () => {
    const t = await launch(w, app);
    const revoke = await fetch(`${w.origin}/oauth/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: t.access_token, client_id: app.clientId }).toString(),
    });
    expect(revoke.status).toBe(200);
    expect((await get(`/Patient/${t.patient}`, t.access_token)).status).toBe(401);
  });
});
