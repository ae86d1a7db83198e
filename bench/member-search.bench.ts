// Customer-service member search at scale (issue 13): a scratch PostgreSQL database seeded with 100,000 members
// (MEMBER_SEARCH_BENCH_MEMBERS to change it); demo.support, who serves the demo employer, looks members up through
// the whole app (app.inject: session, guard, validation, audit row, decryption, masking) by member ID and by
// last name + date of birth. The baseline, in the same run on the same database, is the bare indexed look-up
// of one member by its member-ID blind index (one SQL statement, no app). Target: p95 under 100 ms.
import { type DatabaseHandle, openMigratedDatabase, schema } from '@openpbm/db';
import {
  decryptField,
  FIELD_CONTEXTS,
  fieldKeyFromConfig,
  memberNumberIndex,
} from '@openpbm/db/field-crypto';
import { seedDatabase } from '@openpbm/db/seed/index';
import { loadConfig } from '@openpbm/shared/config';
import { eq } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../apps/server/src/identity/cookies';
import { createSessionService } from '../apps/server/src/identity/session-service';
import { defineBenchmark } from './lib/benchmark';
import { result } from './lib/report';
import { createScratchDatabase } from './lib/scratch-db';

const MEMBERS = Number(process.env.MEMBER_SEARCH_BENCH_MEMBERS ?? 100_000);
const TARGETS = 40;
const ROUNDS = 3;

interface Target {
  memberNumber: string;
  lastName: string;
  dateOfBirth: string;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;

async function time(runs: Array<() => Promise<unknown>>): Promise<{ p50: number; p95: number }> {
  for (const run of runs.slice(0, 3)) await run();
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const run of runs) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/** Members of the clients demo.support serves, spread over the table. */
async function targetsOf(db: DatabaseHandle, config: ReturnType<typeof loadConfig>, supportUserId: string) {
  const key = fieldKeyFromConfig(config);
  const { rows } = await db.sql.query<{
    member_number_enc: string;
    last_name: string;
    date_of_birth_enc: string;
  }>(
    `select m.member_number_enc, m.last_name, m.date_of_birth_enc from members m
      where m.client_id in (select client_id from staff_client_assignments where user_id = $1)
      order by md5(m.id::text) limit $2`,
    [supportUserId, TARGETS],
  );
  return rows.map<Target>((r) => ({
    memberNumber: decryptField(key, r.member_number_enc, FIELD_CONTEXTS.memberNumber),
    lastName: r.last_name,
    dateOfBirth: decryptField(key, r.date_of_birth_enc, FIELD_CONTEXTS.dateOfBirth),
  }));
}

export default defineBenchmark({
  name: 'member-search',
  description: `customer-service member search (p95) through the app at ${MEMBERS.toLocaleString('en-US')} members on PostgreSQL, vs the bare indexed blind-index look-up in the same run`,
  timeoutSeconds: 3600,
  async run() {
    const scratch = await createScratchDatabase('openpbm_bench_cs');
    const db = await openMigratedDatabase({ url: scratch.url });
    try {
      await seedDatabase(db, { members: MEMBERS, inWorker: MEMBERS >= 1000 });
      const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
      const deps = {
        config,
        db,
        mailer: { send: async () => ({ messageId: 'none' }), close: () => {} },
        now: () => new Date(),
      };
      const app = await buildApp(deps, { webDist: '/nonexistent' });
      await app.ready();
      try {
        const [user] = await db.db
          .select({ id: schema.users.id })
          .from(schema.users)
          .where(eq(schema.users.username, 'demo.support'));
        if (!user) throw new Error('the seed made no demo.support');
        const { token } = await createSessionService(deps).issue(user.id, 'full', ['bench', 'totp'], {
          ip: '127.0.0.1',
          userAgent: 'bench',
        });
        const csrf = await app.inject({ method: 'GET', url: '/api/identity/csrf' });
        const headers = {
          cookie: `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf.cookies.find((c) => c.name === CSRF_COOKIE)?.value}`,
          [CSRF_HEADER]: (csrf.json() as { token: string }).token,
        };
        const targets = await targetsOf(db, config, user.id);
        let sent = 0;
        const search = (payload: object) => async () => {
          sent += 1;
          const res = await app.inject({
            method: 'POST',
            url: '/api/support/staff/member-search',
            headers,
            payload: { ...payload, reason: 'Benchmark look-up' },
            remoteAddress: `10.1.${Math.floor(sent / 50)}.${(sent % 50) + 1}`,
          });
          if (res.statusCode !== 200 && res.statusCode !== 422)
            throw new Error(`search: ${res.statusCode} ${res.body}`);
        };
        const key = fieldKeyFromConfig(config);
        const bare = await time(
          targets.map(
            (t) => () =>
              db.sql.query('select id from members where member_number_bidx = $1', [
                memberNumberIndex(key, t.memberNumber),
              ]),
          ),
        );
        const byId = await time(targets.map((t) => search({ memberNumber: t.memberNumber })));
        const byName = await time(
          targets.map((t) => search({ lastName: t.lastName, dateOfBirth: t.dateOfBirth })),
        );
        const details = (l: { p50: number; p95: number }) => ({
          members: MEMBERS,
          p50_ms: l.p50,
          p95_ms: l.p95,
          bare_p50_ms: bare.p50,
          bare_p95_ms: bare.p95,
        });
        return [
          result({
            benchmark: 'member-search-by-member-id',
            unit: 'ms p95',
            figure: byId.p95,
            baselineName: 'bare indexed look-up (SQL)',
            baseline: bare.p95,
            details: details(byId),
          }),
          result({
            benchmark: 'member-search-by-name-and-dob',
            unit: 'ms p95',
            figure: byName.p95,
            baselineName: 'bare indexed look-up (SQL)',
            baseline: bare.p95,
            details: details(byName),
          }),
        ];
      } finally {
        await app.close();
      }
    } finally {
      await db.close();
      await scratch.drop();
    }
  },
});
