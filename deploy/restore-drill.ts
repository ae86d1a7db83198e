// `npm run restore-drill` (issue 17 item 6), against the running local cluster (`npm run cluster -- up`):
// 1. a base backup of the leader with pg_basebackup (through HAProxy, as the replication user), without WAL: the
//    restore must get its WAL from the archive, the way a real restore does;
// 2. the source's figures: claims per status, accumulator sums, audit rows; then pg_switch_wal() and a wait until
//    that segment is in the archive (the cluster archives every segment: archive_command in configs.ts);
// 3. the backup restored into a scratch PostgreSQL (port 17090, archive off) that replays the archive to its end
//    and is promoted;
// 4. audit:verify (the audit hash chain) on the restored copy, and its figures compared with the source's.
// Exit code 0 when the chain is intact and every figure matches. Writes bench/results/restore-drill.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '@openpbm/db';
import { query, REPO_ROOT, readState } from './cluster/cluster';
import { PG_BIN } from './cluster/configs';
import { HOST, PORTS, paths } from './cluster/layout';
import { postgresUser, waitFor } from './cluster/processes';
import { signedInUser } from './cluster/sessions';

const state = readState();
if (!state) {
  console.error('no cluster is up: run `npm run cluster -- up` first');
  process.exit(2);
}
const started = performance.now();
const p = paths(state.dir);
const user = postgresUser();
const asPostgres = {
  ...(user ?? {}),
  env: { ...process.env, PGPASSWORD: state.secrets.replicationPassword },
};
const base = join(p.drill, 'data');
rmSync(p.drill, { recursive: true, force: true });
mkdirSync(p.drill, { mode: 0o700 });
if (user) execFileSync('chown', [`${user.uid}:${user.gid}`, p.drill]);

const FIGURES = `select
  (select count(*) from claims)::int as claims,
  (select count(*) from claims where status = 'paid')::int as paid_claims,
  (select count(*) from claims where status = 'reversed')::int as reversed_claims,
  (select coalesce(sum(deductible_cents), 0) from accumulators)::bigint::text as accumulator_deductible_cents,
  (select coalesce(sum(oop_cents), 0) from accumulators)::bigint::text as accumulator_oop_cents,
  (select count(*) from audit_events)::int as audit_rows,
  (select count(*) from orders)::int as orders`;

// The audit chain must have links to check: a member reads their claims a few times (each read is audited).
{
  const db = await openDatabase({ url: state.adminUrl, poolSize: 1 });
  try {
    const { rows } = await db.sql.query<{ id: string }>(
      `select m.id from members m where not exists (select 1 from users u where u.member_id = m.id)
        order by m.id limit 1`,
    );
    const member = rows[0]?.id as string;
    const { cookie } = await signedInUser(db, state, 'member', { memberId: member });
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`http://${HOST}:${PORTS.http}/api/benefits/members/${member}/claims`, {
        headers: { cookie },
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`claims read through HAProxy: ${res.status}`);
    }
  } finally {
    await db.close();
  }
}

console.log('1. base backup (pg_basebackup -X none: the WAL comes from the archive)');
execFileSync(
  `${PG_BIN}/pg_basebackup`,
  ['-h', HOST, '-p', String(PORTS.primary), '-U', 'replicator', '-D', base, '-X', 'none', '-c', 'fast', '-w'],
  { ...asPostgres, stdio: 'inherit' },
);

console.log('2. the source figures, then the current WAL segment into the archive');
const [source] = await query(state.adminUrl, FIGURES);
const [switched] = await query<{ wal: string }>(
  state.adminUrl,
  'select pg_walfile_name(pg_switch_wal()) as wal',
);
await waitFor(
  `WAL segment ${switched?.wal} in the archive`,
  async () => {
    const [a] = await query<{ last: string | null }>(
      state.adminUrl,
      'select last_archived_wal as last from pg_stat_archiver',
    );
    return a?.last && a.last >= (switched?.wal ?? '') ? a.last : undefined;
  },
  120_000,
);

console.log('3. restore into a scratch PostgreSQL on port 17090: replay the archive, then promote');
writeFileSync(join(base, 'recovery.signal'), '');
if (user) execFileSync('chown', [`${user.uid}:${user.gid}`, join(base, 'recovery.signal')]);
// Command-line settings win over the Patroni-written postgresql.conf in the backup: its own port and socket, no
// archiving (the copy must never write into the cluster's archive), no synchronous standby to wait for.
const options = [
  `-c port=${PORTS.drill}`,
  `-c listen_addresses=${HOST}`,
  `-c unix_socket_directories=${p.drill}`,
  '-c archive_mode=off',
  '-c synchronous_standby_names=',
  '-c hot_standby=on',
  `-c restore_command='cp ${p.walArchive}/%f %p'`,
  '-c recovery_target_action=promote',
].join(' ');
const start = spawnSync(
  `${PG_BIN}/pg_ctl`,
  ['-D', base, '-l', join(p.drill, 'postgres.log'), '-o', options, '-w', '-t', '300', 'start'],
  { ...asPostgres, stdio: 'inherit' },
);
if (start.status !== 0) throw new Error('the restored PostgreSQL did not start; see drill/postgres.log');
const restoredUrl = `postgres://postgres:${state.secrets.superuserPassword}@${HOST}:${PORTS.drill}/openpbm`;
try {
  await waitFor(
    'the restore to finish replaying and be promoted',
    async () => {
      const [r] = await query<{ recovering: boolean }>(
        restoredUrl,
        'select pg_is_in_recovery() as recovering',
      );
      return r && !r.recovering;
    },
    300_000,
  );

  console.log('4. audit:verify on the restored copy, and the figures compared');
  const verify = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/privacy/audit-verify.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: restoredUrl, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  const auditMessage = verify.stdout.trim().split('\n').pop() ?? verify.stderr.trim();
  const [restored] = await query(restoredUrl, FIGURES);
  const differences = Object.keys(source ?? {}).filter((k) => String(source?.[k]) !== String(restored?.[k]));
  const report = {
    at: new Date().toISOString(),
    seconds: Math.round((performance.now() - started) / 1000),
    lastArchivedSegment: switched?.wal,
    auditVerify: { ok: verify.status === 0, message: auditMessage },
    source,
    restored,
    differences,
    ok: verify.status === 0 && differences.length === 0 && Number(source?.audit_rows) > 0,
  };
  mkdirSync(join(REPO_ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'bench/results/restore-drill.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
  console.log(report.ok ? 'RESTORE DRILL PASSED' : 'RESTORE DRILL FAILED');
  process.exitCode = report.ok ? 0 : 1;
} finally {
  spawnSync(`${PG_BIN}/pg_ctl`, ['-D', base, '-m', 'fast', '-w', 'stop'], { ...asPostgres, stdio: 'ignore' });
  rmSync(p.drill, { recursive: true, force: true });
}
process.exit(process.exitCode ?? 0);
