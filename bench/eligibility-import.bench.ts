// Eligibility file intake at scale (issue 10): a generated ASC X12 834 with ELIGIBILITY_BENCH_MEMBERS subscribers
// (default 100,000) applied to the demo employer (CL1001) on a scratch PostgreSQL database through the same
// service as the portal's upload and the CLI (parse with node-x12, validate every record, look members up by blind
// index, encrypt, insert members and spans, one chained audit row per member, all in one transaction). Baseline in
// the same run: a bare `COPY` of the same rows (member number, names, date of birth, address, start date) from a
// CSV file into a scratch table. Target: the 100,000-member file under 60 s.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMigratedDatabase } from '@openpbm/db';
import { seedDatabase } from '@openpbm/db/seed/index';
import { loadConfig } from '@openpbm/shared/config';
import { findClientByCode } from '../apps/server/src/clients/access-repo';
import { createEligibilityService } from '../apps/server/src/clients/eligibility-service';
import { defineBenchmark } from './lib/benchmark';
import { result } from './lib/report';
import { createScratchDatabase } from './lib/scratch-db';

const MEMBERS = Number(process.env.ELIGIBILITY_BENCH_MEMBERS ?? 100_000);
const LAST = ['Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Abara', 'Costa', 'Novak', 'Haddad'];
const FIRST = ['Imani', 'Soren', 'Lucie', 'Hiro', 'Ada', 'Tiago', 'Mila', 'Rami'];

interface Row {
  memberNumber: string;
  first: string;
  last: string;
  dob: string;
  address: string;
  zip: string;
}

function rowsOf(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    memberNumber: `BEN${String(i + 1).padStart(7, '0')}`,
    first: FIRST[i % FIRST.length] as string,
    last: LAST[(i * 7) % LAST.length] as string,
    dob: `19${String(50 + (i % 50)).padStart(2, '0')}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`,
    address: `${(i % 9000) + 1} Benchmark Ave`,
    zip: String(60601 + (i % 50)),
  }));
}

function edi834(rows: Row[], groupNumber: string): string {
  const body = ['ST*834*0001*005010X220A1', 'BGN*00*BENCH1*20260301*1200****2', `REF*38*${groupNumber}`];
  for (const r of rows)
    body.push(
      'INS*Y*18*021*XN*A*E**FT',
      `REF*0F*${r.memberNumber}`,
      `NM1*IL*1*${r.last}*${r.first}****ZZ*${r.memberNumber}`,
      `N3*${r.address}`,
      `N4*Chicago*IL*${r.zip}`,
      `DMG*D8*${r.dob}*F`,
      'DTP*348*D8*20260101',
    );
  const isa =
    'ISA*00*          *00*          *ZZ*BENCHSENDER    *ZZ*OPENPBM        *260301*1200*^*00501*000009999*0*T*:';
  return `${[isa, 'GS*BE*BENCHSENDER*OPENPBM*20260301*1200*1*X*005010X220A1', ...body, `SE*${body.length + 1}*0001`, 'GE*1*1', 'IEA*1*000009999'].join('~\n')}~`;
}

export default defineBenchmark({
  name: 'eligibility-import',
  description: `apply a ${MEMBERS.toLocaleString('en-US')}-member 834 through the eligibility service on PostgreSQL (records/s), vs a bare COPY of the same rows in the same run`,
  timeoutSeconds: 3600,
  async run() {
    const scratch = await createScratchDatabase('openpbm_bench_elig');
    const db = await openMigratedDatabase({ url: scratch.url });
    const dir = mkdtempSync(join(tmpdir(), 'openpbm-elig-'));
    try {
      await seedDatabase(db, { members: 200, inWorker: false });
      const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
      const deps = {
        config,
        db,
        mailer: { send: async () => ({ messageId: 'none' }), close: () => {} },
        now: () => new Date(),
      };
      const client = await findClientByCode(db.db, 'CL1001');
      if (!client) throw new Error('the seed made no CL1001');
      const { rows: groups } = await db.sql.query<{ group_number: string }>(
        `select group_number from groups where client_id = $1 and default_plan_id is not null order by group_number limit 1`,
        [client.id],
      );
      const groupNumber = groups[0]?.group_number;
      if (!groupNumber) throw new Error('CL1001 has no group with a plan');
      const rows = rowsOf(MEMBERS);
      const file = edi834(rows, groupNumber);

      // Baseline: COPY of the same rows from a CSV file the server reads.
      const csvPath = join(dir, 'rows.csv');
      writeFileSync(
        csvPath,
        rows
          .map((r) =>
            [r.memberNumber, r.first, r.last, r.dob, r.address, 'Chicago', 'IL', r.zip, '2026-01-01'].join(
              ',',
            ),
          )
          .join('\n'),
      );
      chmodSync(dir, 0o755);
      chmodSync(csvPath, 0o644);
      await db.sql.query(
        `create table bench_copy (member_number text, first_name text, last_name text, dob text, address text,
           city text, state text, zip text, start_date date)`,
      );
      const c0 = performance.now();
      await db.sql.query(`copy bench_copy from '${csvPath}' with (format csv)`);
      const copySeconds = (performance.now() - c0) / 1000;

      const service = createEligibilityService(deps);
      const a0 = performance.now();
      const applied = await service.apply({ operator: 'bench' }, client.id, file);
      const applySeconds = (performance.now() - a0) / 1000;
      if (!applied.applied || applied.errors.length > 0)
        throw new Error(
          `not applied: ${applied.errors
            .slice(0, 3)
            .map((e) => `${e.at} ${e.field} ${e.reason}`)
            .join('; ')}`,
        );
      return [
        result({
          benchmark: 'eligibility-import',
          unit: 'records/s',
          figure: MEMBERS / applySeconds,
          baselineName: 'bare COPY of the same rows',
          baseline: MEMBERS / copySeconds,
          details: {
            members: MEMBERS,
            apply_s: Number(applySeconds.toFixed(1)),
            copy_s: Number(copySeconds.toFixed(2)),
            file_mb: Number((Buffer.byteLength(file) / 1024 / 1024).toFixed(1)),
          },
        }),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.close();
      await scratch.drop();
    }
  },
});
