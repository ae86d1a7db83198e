// FHIR Patient Access reads (issue 14): a member with 500 pharmacy claims has connected an app through the real
// SMART standalone launch (PKCE, consent, token); the app reads with its bearer token. Measured through the whole
// app (app.inject: token look-up in oidc-provider's store, grant check, scope, audit row, FHIR mapping):
// an ExplanationOfBenefit search of 50 results and a Patient read. Baseline, in the same run on the same data:
// the portal's own claims-history read of that member (signed-in session, the whole plan year: 500 claims).
// FHIR_BENCH_CLAIMS changes the claim count; TEST_DATABASE_URL runs it on PostgreSQL (default: PGlite).
import { insertClaim } from '../apps/server/test/benefits/member-world';
import { createSmartWorld, launch, registerTestApp } from '../apps/server/test/fhir/smart-world';
import { defineBenchmark } from './lib/benchmark';
import { result } from './lib/report';

const CLAIMS = Number(process.env.FHIR_BENCH_CLAIMS ?? 500);
const RUNS = Number(process.env.FHIR_BENCH_RUNS ?? 200);
const WARMUP = 10;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;

/** Interleaves the readers (each sees the same machine state), then each one's p50 and p95. */
async function timeInterleaved(readers: Record<string, () => Promise<void>>) {
  const names = Object.keys(readers);
  for (let i = 0; i < WARMUP; i++) for (const name of names) await readers[name]?.();
  const times = new Map(names.map((n) => [n, [] as number[]]));
  for (let i = 0; i < RUNS; i++) {
    for (const name of names) {
      const t0 = performance.now();
      await readers[name]?.();
      times.get(name)?.push(performance.now() - t0);
    }
  }
  return new Map(
    [...times].map(([name, list]) => {
      list.sort((a, b) => a - b);
      return [name, { p50: percentile(list, 0.5), p95: percentile(list, 0.95) }];
    }),
  );
}

export default defineBenchmark({
  name: 'fhir-read',
  description: `FHIR EOB search (_count=50) and Patient read with a bearer token, member with ${CLAIMS} claims, vs the portal's claims-history read in the same run`,
  timeoutSeconds: 1800,
  async run() {
    const w = await createSmartWorld();
    try {
      const subscriber = w.f.members.subscriber.id;
      const amounts = {
        ingredientCostCents: 1234,
        dispensingFeeCents: 150,
        patientPayCents: 1000,
        planPayCents: 384,
        appliedToDeductibleCents: 0,
        appliedToOopCents: 0,
      };
      for (let i = 0; i < CLAIMS; i++) {
        // Spread over the plan year so far (the world's today is 2026-03-10).
        const day = new Date(Date.UTC(2026, 0, 1 + (i % 68)));
        await insertClaim(w, {
          memberId: subscriber,
          subscriberId: subscriber,
          ndc: w.f.drugs.atorvastatin,
          drugGroupId: w.f.groups.atorvastatin,
          dateOfService: day.toISOString().slice(0, 10),
          amounts,
        });
      }
      const app = await registerTestApp(w);
      const token = await launch(w, app);
      const bearer = { authorization: `Bearer ${token.access_token}` };
      const portalHeaders = await w.headersFor('subscriber');
      const get = async (url: string, headers: Record<string, string>, check?: (body: string) => void) => {
        const res = await w.t.app.inject({ method: 'GET', url, headers });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        check?.(res.body);
      };
      let eobEntries = 0;
      let portalClaims = 0;
      const timings = await timeInterleaved({
        eob: () =>
          get(`/fhir/ExplanationOfBenefit?patient=${subscriber}&_count=50`, bearer, (body) => {
            eobEntries = (JSON.parse(body) as { entry: unknown[] }).entry.length;
          }),
        patient: () => get(`/fhir/Patient/${subscriber}`, bearer),
        portal: () =>
          get(`/api/benefits/members/${subscriber}/claims`, portalHeaders, (body) => {
            portalClaims = (JSON.parse(body) as { claims: unknown[] }).claims.length;
          }),
      });
      const portal = timings.get('portal') ?? { p50: Number.NaN, p95: Number.NaN };
      const line = (benchmark: string, name: string) => {
        const t = timings.get(name) ?? { p50: Number.NaN, p95: Number.NaN };
        return result({
          benchmark,
          unit: 'ms p95',
          figure: t.p95,
          baselineName: `portal claims history (${portalClaims} claims)`,
          baseline: portal.p95,
          details: {
            claims: CLAIMS,
            runs: RUNS,
            p50_ms: t.p50,
            p95_ms: t.p95,
            portal_p50_ms: portal.p50,
            portal_p95_ms: portal.p95,
            ...(name === 'eob' ? { entries: eobEntries } : {}),
            database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite',
          },
        });
      };
      return [line('fhir-eob-search-50', 'eob'), line('fhir-patient-read', 'patient')];
    } finally {
      await w.t.close();
    }
  },
});
