// Real-time claims adjudication on PostgreSQL: B1 claims per second and latency through the real server process
// (raw D.0 over HTTP, signed-in pharmacy sessions), against pgbench TPC-B tps on the same server in the same run.
//
// Why autocannon against a child server process rather than in-process calls: the figure a pharmacy sees
// includes HTTP, the session lookup, D.0 parsing and encryption, and a load generator in the same event loop
// would steal the server's CPU unevenly. The database is a scratch one, migrated and seeded with the demo seed
// (BENCH_CLAIMS_MEMBERS members, default 10,000, with their claims history); every B1 is a new claim (unique Rx
// number) of a seeded member at an in-network retail pharmacy, for a covered drug that the member has no recent
// history in, so the claims go through the whole path and pay (the share that pays is printed).
import { randomBytes } from 'node:crypto';
import { newId, openMigratedDatabase } from '@openpbm/db';
import { decryptField, deriveFieldKey, FIELD_CONTEXTS } from '@openpbm/db/field-crypto';
import { seedDatabase } from '@openpbm/db/seed/index';
import { addDays } from '@openpbm/domain';
import { buildRequest } from '@openpbm/ncpdp';
import { loadConfig } from '@openpbm/shared/config';
import type autocannon from 'autocannon';
import { SESSION_COOKIE } from '../apps/server/src/identity/cookies';
import { createSessionService } from '../apps/server/src/identity/session-service';
import { measureHttp } from './lib/autocannon';
import { defineBenchmark } from './lib/benchmark';
import { startChildServer } from './lib/child-server';
import { runPgbench } from './lib/pgbench';
import { result } from './lib/report';
import { withScratchDatabase } from './lib/scratch-db';

const MEMBERS = Number(process.env.BENCH_CLAIMS_MEMBERS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CLAIMS_CONNECTIONS ?? 10);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 10);
const DURATION_SECONDS = Number(process.env.BENCH_CLAIMS_SECONDS ?? 10);
const AS_OF = new Date().toISOString().slice(0, 10);

interface WorkloadClaim {
  bin: string;
  pcn: string;
  group: string;
  memberNumber: string;
  personCode: string;
  dateOfBirth: string;
  ndc: string;
  pharmacyNpi: string;
  pharmacyId: string;
}

/** Rx numbers unique across runs of the same database. */
let rxCounter = 700_000_000;

function b1Bytes(c: WorkloadClaim): Buffer {
  rxCounter += 1;
  return Buffer.from(
    buildRequest({
      header: {
        bin: c.bin,
        transactionCode: 'B1',
        processorControlNumber: c.pcn,
        serviceProviderIdQualifier: '01',
        serviceProviderId: c.pharmacyNpi,
        dateOfService: AS_OF,
        softwareVendorCertificationId: 'BENCH',
      },
      insurance: { cardholderId: c.memberNumber, groupId: c.group, personCode: c.personCode },
      patient: { dateOfBirth: c.dateOfBirth },
      transactions: [
        {
          claim: {
            prescriptionServiceReferenceNumberQualifier: '1',
            prescriptionServiceReferenceNumber: String(rxCounter),
            productServiceIdQualifier: '03',
            productServiceId: c.ndc,
            quantityDispensed: 30_000,
            fillNumber: 0,
            daysSupply: 30,
          },
          pricing: {
            ingredientCostSubmitted: 250_000,
            dispensingFeeSubmitted: 200,
            usualAndCustomary: 300_000,
            grossAmountDue: 250_200,
            basisOfCostDetermination: '01',
          },
        },
      ],
    }),
  );
}

/**
 * Claims that should pay: per member, up to three covered drugs (tier with a retail 30-day cost share, no PA,
 * step therapy or quantity limit) in therapeutic classes the member has no fill of in the last 400 days and
 * whose ingredients interact with nothing the member took; at a retail in-network pharmacy of the member's plan.
 */
async function buildWorkload(
  sql: { query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }> },
  fieldKeyHex: string,
): Promise<WorkloadClaim[][]> {
  const key = deriveFieldKey(fieldKeyHex);
  const members = await sql.query<{
    id: string;
    number_enc: string;
    dob_enc: string;
    person_code: string;
    bin: string;
    pcn: string;
    rx_group: string;
    plan_id: string;
    classes: string[];
    ingredients: string[];
  }>(
    `select m.id, m.member_number_enc as number_enc, m.date_of_birth_enc as dob_enc, m.person_code,
       p.bin, p.pcn, p.rx_group, p.id as plan_id,
       coalesce((select array_agg(distinct g.therapeutic_class_id::text) from claims c join drug_groups g on g.id = c.drug_group_id
         where c.member_id = m.id and c.status = 'paid' and c.date_of_service >= $2::date), '{}') as classes,
       coalesce((select array_agg(distinct i) from claims c join drug_groups g on g.id = c.drug_group_id, unnest(g.ingredients) i
         where c.member_id = m.id and c.status = 'paid' and c.date_of_service >= $2::date), '{}') as ingredients
     from members m
     join eligibility_spans s on s.member_id = m.id and s.start_date <= $1::date and (s.end_date is null or s.end_date >= $1::date)
     join plans p on p.id = s.plan_id
     order by m.id`,
    [AS_OF, addDays(AS_OF, -400)],
  );
  const drugs = await sql.query<{ plan_id: string; ndc: string; class_id: string; ingredients: string[] }>(
    `select p.id as plan_id, d.ndc, g.therapeutic_class_id::text as class_id, g.ingredients
     from plans p
     join formulary_entries e on e.formulary_id = p.formulary_id and e.drug_group_id is not null
     join drug_groups g on g.id = e.drug_group_id
     join lateral (select d.ndc from drug_products d where d.drug_group_id = g.id
       and exists (select 1 from drug_prices x where x.ndc = d.ndc and x.effective_date <= $1::date)
       order by (d.source = 'generic') desc, d.ndc limit 1) d on true
     where not e.excluded and not e.requires_prior_auth and not e.requires_step_therapy and not e.has_quantity_limit
       and not g.specialty
       and exists (select 1 from plan_cost_shares c where c.plan_id = p.id and c.tier = e.tier and c.channel = 'retail_30')`,
    [AS_OF],
  );
  const pharmacies = await sql.query<{ plan_id: string; npi: string; id: string }>(
    `select p.id as plan_id, ph.npi, ph.id from plans p
     join network_pharmacies np on np.network_id = p.pharmacy_network_id
     join pharmacies ph on ph.id = np.pharmacy_id
     where ph.status = 'active' and not ph.home_delivery and not ph.specialty
       and np.effective_date <= $1::date and (np.termination_date is null or np.termination_date >= $1::date)`,
    [AS_OF],
  );
  const interacting = new Set(
    (
      await sql.query<{ a: string; b: string }>('select ingredient_a as a, ingredient_b as b from drug_interactions')
    ).rows.flatMap((r) => [`${r.a}|${r.b}`, `${r.b}|${r.a}`]),
  );
  const byPlan = <T extends { plan_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r.plan_id, [...(map.get(r.plan_id) ?? []), r]);
    return map;
  };
  const drugsByPlan = byPlan(drugs.rows);
  const pharmaciesByPlan = byPlan(pharmacies.rows);

  const rounds: WorkloadClaim[][] = [[], [], []];
  members.rows.forEach((m, index) => {
    const planPharmacies = pharmaciesByPlan.get(m.plan_id) ?? [];
    if (planPharmacies.length === 0) return;
    const classes = new Set(m.classes);
    const taken = new Set(m.ingredients);
    const conflicts = (ingredients: string[]) =>
      ingredients.some((i) => [...taken].some((t) => interacting.has(`${i}|${t}`)));
    const candidates = drugsByPlan.get(m.plan_id) ?? [];
    let round = 0;
    for (let k = 0; k < candidates.length && round < rounds.length; k++) {
      const drug = candidates[(index * 7 + k) % candidates.length];
      if (!drug || classes.has(drug.class_id) || conflicts(drug.ingredients)) continue;
      classes.add(drug.class_id);
      for (const i of drug.ingredients) taken.add(i);
      const pharmacy = planPharmacies[(index + round) % planPharmacies.length];
      if (!pharmacy) continue;
      rounds[round]?.push({
        bin: m.bin,
        pcn: m.pcn,
        group: m.rx_group,
        memberNumber: decryptField(key, m.number_enc, FIELD_CONTEXTS.memberNumber),
        personCode: m.person_code,
        dateOfBirth: decryptField(key, m.dob_enc, FIELD_CONTEXTS.dateOfBirth),
        ndc: drug.ndc,
        pharmacyNpi: pharmacy.npi,
        pharmacyId: pharmacy.id,
      });
      round += 1;
    }
  });
  return rounds;
}

export default defineBenchmark({
  name: 'claims-adjudication',
  description:
    'B1 claims/s through the real server (raw D.0 over HTTP, PostgreSQL, seeded) vs pgbench TPC-B tps on the same server',
  timeoutSeconds: 900,
  async run() {
    return withScratchDatabase(async (scratch) => {
      const fieldKeyHex = randomBytes(32).toString('hex');
      const appSecret = randomBytes(32).toString('hex');
      const db = await openMigratedDatabase({ url: scratch.url, poolSize: 4 });
      let server: Awaited<ReturnType<typeof startChildServer>> | undefined;
      try {
        const seedStarted = performance.now();
        const seeded = await seedDatabase(db, { members: MEMBERS, seed: 42, asOf: AS_OF, fieldKey: deriveFieldKey(fieldKeyHex) });
        const seedSeconds = (performance.now() - seedStarted) / 1000;
        await db.sql.query('analyze');
        const rounds = await buildWorkload(db.sql, fieldKeyHex);
        const workload = rounds.flat();
        if (workload.length === 0) throw new Error('the seed produced no claimable members');

        // One pharmacy_staff user and session per pharmacy the workload bills from.
        const env = {
          NODE_ENV: 'production',
          DATABASE_URL: scratch.url,
          FIELD_ENCRYPTION_KEY: fieldKeyHex,
          APP_SECRET: appSecret,
          SMTP_URL: 'smtp://127.0.0.1:9',
          VAULT_URL: 'http://127.0.0.1:9',
          VAULT_CALLER_SECRET: randomBytes(32).toString('hex'),
          CLAIMS_RATE_LIMIT_PER_MINUTE: '100000000',
          SESSION_IDLE_MINUTES: '120',
          LOG_LEVEL: 'silent',
          BENCH_POOL_SIZE: String(POOL_SIZE),
        };
        const config = loadConfig(env);
        const sessions = createSessionService({ db, config, now: () => new Date() });
        const cookieOf = new Map<string, string>();
        for (const pharmacyId of new Set(workload.map((c) => c.pharmacyId))) {
          const userId = newId();
          await db.sql.query(
            `insert into users (id, username, username_normalized, email, role, display_name, pharmacy_id)
             values ($1, $2, $2, $3, 'pharmacy_staff', 'Bench pharmacy', $4)`,
            [userId, `bench-${userId}`, `bench-${userId}@example.test`, pharmacyId],
          );
          const { token } = await sessions.issue(userId, 'full', ['bench'], { ip: '127.0.0.1', userAgent: 'bench' });
          cookieOf.set(pharmacyId, `${SESSION_COOKIE}=${token}`);
        }

        server = await startChildServer(new URL('./targets/claims-server.ts', import.meta.url).pathname, env);
        const csrfResponse = await fetch(`${server.origin}/api/identity/csrf`);
        const csrfCookie = (csrfResponse.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const { token: csrfToken } = (await csrfResponse.json()) as { token: string };

        let next = 0;
        const requests: autocannon.Request[] = [
          {
            method: 'POST',
            path: '/api/claims/ncpdp',
            setupRequest: (request) => {
              const claim = workload[next++ % workload.length] as WorkloadClaim;
              return {
                ...request,
                headers: {
                  'content-type': 'application/octet-stream',
                  cookie: `${cookieOf.get(claim.pharmacyId)}; ${csrfCookie}`,
                  'x-csrf-token': csrfToken,
                },
                body: b1Bytes(claim),
              };
            },
          },
        ];
        const stat = async () =>
          (
            await db.sql.query<{ commits: string }>(
              'select xact_commit::text as commits from pg_stat_database where datname = current_database()',
            )
          ).rows[0]?.commits ?? '0';
        const commitsBefore = Number(await stat());
        const startedAt = new Date();
        const load = await measureHttp(server.origin, {
          connections: CONNECTIONS,
          durationSeconds: DURATION_SECONDS,
          warmupSeconds: 2,
          requests,
        });
        const commitsAfter = Number(await stat());
        await server.stop();
        server = undefined;

        const outcome = await db.sql.query<{ status: string; codes: string; n: number }>(
          `select status, array_to_string(reject_codes, ',') as codes, count(*)::int as n from claims
           where received_at >= $1 and transaction_code = 'B1' group by 1, 2 order by n desc`,
          [startedAt],
        );
        const total = outcome.rows.reduce((s, r) => s + r.n, 0);
        const paid = outcome.rows.filter((r) => r.status === 'paid').reduce((s, r) => s + r.n, 0);
        const rejects = outcome.rows
          .filter((r) => r.status !== 'paid')
          .slice(0, 3)
          .map((r) => `${r.codes}:${r.n}`)
          .join(' ');

        // The baseline on the same server, in its own scratch database (pgbench -i replaces its tables).
        const pgbench = await withScratchDatabase((pgdb) => runPgbench(pgdb.url), 'openpbm_pgbench');
        return [
          result({
            benchmark: 'claims-adjudication',
            unit: 'claims/s',
            figure: load.requestsPerSecond,
            baselineName: `pgbench TPC-B, ${pgbench.clients} clients`,
            baseline: pgbench.tps,
            details: {
              p50Ms: load.latencyP50Ms,
              p99Ms: load.latencyP99Ms,
              meanMs: load.latencyMeanMs,
              connections: CONNECTIONS,
              pool: POOL_SIZE,
              claimsStored: total,
              paidPct: total ? (100 * paid) / total : 0,
              topRejects: rejects || 'none',
              dbCommitsPerClaim: total ? (commitsAfter - commitsBefore) / (total || 1) : 0,
              seededMembers: seeded.members,
              seededClaims: seeded.rows.claims ?? 0,
              seedSeconds,
              pgbenchLatencyMs: pgbench.latencyAvgMs,
            },
          }),
        ];
      } finally {
        await server?.stop();
        await db.close();
      }
    }, 'openpbm_claims');
  },
});
