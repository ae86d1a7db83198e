// The local high-availability cluster (issue 17): one etcd, two PostgreSQL nodes under Patroni (streaming
// replication, synchronous_mode), HAProxy in front of PostgreSQL (the Patroni leader) and of the app nodes
// (HTTP and claims TCP, round robin), the card vault, an SMTP sink and two OpenPBM app nodes. Everything on
// loopback ports 17000-17099 with its data under clusterDir(); `down` stops every recorded process and deletes it.
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openMigratedDatabase } from '@openpbm/db';
import { deriveFieldKey } from '@openpbm/db/field-crypto';
import { seedDatabase } from '@openpbm/db/seed/index';
import pg from 'pg';
import { haproxyConfig, patroniYaml, type Secrets } from './configs';
import { APP_NODES, type AppNode, clusterDir, HOST, PG_NODES, type PgNode, PORTS, paths } from './layout';
import {
  alive,
  httpStatus,
  postgresUser,
  postmasterPid,
  type Started,
  startProcess,
  stopGroup,
  waitFor,
} from './processes';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Pharmacy {
  id: string;
  npi: string;
  secret: string;
}

export interface ClusterState {
  dir: string;
  secrets: Secrets;
  fieldKeyHex: string;
  /** The app's database, through HAProxy's primary port. */
  databaseUrl: string;
  /** Superuser, through HAProxy's primary port (the fault tests read what was stored). */
  adminUrl: string;
  vaultDatabaseUrl: string;
  vaultCallerSecret: string;
  appSecret: string;
  /** Seals the client-certificate CA keys (issue 11); one for all nodes, or a node cannot open the CA. */
  caKeyHex: string;
  pharmacies: Pharmacy[];
  processes: Record<string, number>;
}

export function readState(dir = clusterDir()): ClusterState | undefined {
  const file = paths(dir).state;
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ClusterState) : undefined;
}

/** Records a process the cluster started (so `down` stops it), and saves the state. */
export function recordProcess(state: ClusterState, started: Started): void {
  state.processes[started.name] = started.pid;
  writeState(state);
}

function writeState(state: ClusterState): void {
  writeFileSync(paths(state.dir).state, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export interface UpOptions {
  dir?: string;
  members?: number;
  pharmacies?: number;
  log?: (line: string) => void;
}

export async function clusterUp(options: UpOptions = {}): Promise<ClusterState> {
  const dir = options.dir ?? clusterDir();
  const log = options.log ?? ((line: string) => console.log(line));
  const existing = readState(dir);
  if (existing && Object.values(existing.processes).some(alive))
    throw new Error(`a cluster is already up in ${dir} (npm run cluster -- down)`);
  rmSync(dir, { recursive: true, force: true });
  const p = paths(dir);
  const pgUser = postgresUser();
  for (const d of [dir, p.logs, p.etcd, p.walArchive, ...PG_NODES.map(p.pg)]) {
    mkdirSync(d, { recursive: true, mode: 0o700 });
    if (pgUser && d !== dir) chownSync(d, pgUser.uid, pgUser.gid);
  }
  if (pgUser) chownSync(dir, 0, pgUser.gid);
  writeFileSync(join(dir, '.keep'), '', { mode: 0o600 });
  const secrets: Secrets = { superuserPassword: hex(16), replicationPassword: hex(16), appPassword: hex(16) };
  const state: ClusterState = {
    dir,
    secrets,
    fieldKeyHex: hex(32),
    databaseUrl: `postgres://openpbm:${secrets.appPassword}@${HOST}:${PORTS.primary}/openpbm`,
    adminUrl: `postgres://postgres:${secrets.superuserPassword}@${HOST}:${PORTS.primary}/openpbm`,
    vaultDatabaseUrl: `postgres://openpbm:${secrets.appPassword}@${HOST}:${PORTS.primary}/openpbm_vault`,
    vaultCallerSecret: hex(32),
    appSecret: hex(32),
    caKeyHex: hex(32),
    pharmacies: [],
    processes: {},
  };
  const record = (s: Started) => {
    state.processes[s.name] = s.pid;
    writeState(state);
  };
  writeState(state);
  // The directory itself must be enterable by the postgres user.
  if (pgUser) chownSync(dir, pgUser.uid, pgUser.gid);

  log('etcd…');
  record(
    startProcess(
      'etcd',
      'etcd',
      [
        '--name=etcd1',
        `--data-dir=${p.etcd}`,
        `--listen-client-urls=http://${HOST}:${PORTS.etcdClient}`,
        `--advertise-client-urls=http://${HOST}:${PORTS.etcdClient}`,
        `--listen-peer-urls=http://${HOST}:${PORTS.etcdPeer}`,
        `--initial-advertise-peer-urls=http://${HOST}:${PORTS.etcdPeer}`,
        `--initial-cluster=etcd1=http://${HOST}:${PORTS.etcdPeer}`,
        '--log-level=warn',
      ],
      { logs: p.logs, ...(pgUser ? { user: pgUser } : {}) },
    ),
  );
  await waitFor('etcd', async () => (await httpStatus(`http://${HOST}:${PORTS.etcdClient}/health`)) === 200);

  for (const node of PG_NODES) {
    writeFileSync(join(p.pg(node), 'patroni.yml'), patroniYaml(node, p.pg(node), p.walArchive, secrets), {
      mode: 0o600,
    });
    if (pgUser) chownSync(join(p.pg(node), 'patroni.yml'), pgUser.uid, pgUser.gid);
  }
  log('PostgreSQL pg1 (Patroni bootstraps the leader)…');
  record(startPatroni(PG_NODES[0] as PgNode, dir));
  await waitFor('pg1 to lead', async () => (await patroniRole(PG_NODES[0] as PgNode)) === 'primary', 120_000);
  log('PostgreSQL pg2 (Patroni clones the standby)…');
  record(startPatroni(PG_NODES[1] as PgNode, dir));
  await waitFor('a synchronous standby', async () => (await syncStandby()) !== undefined, 180_000);

  writeFileSync(p.haproxyConfig, haproxyConfig());
  record(startProcess('haproxy', 'haproxy', ['-f', p.haproxyConfig, '-db'], { logs: p.logs }));
  const superuser = `postgres://postgres:${secrets.superuserPassword}@${HOST}:${PORTS.primary}/postgres`;
  // HAProxy counts a server up until its first checks fail: wait until only the leader is up behind it.
  await waitFor('HAProxy to send PostgreSQL connections to the leader only', async () => {
    const up = await haproxyUp('postgres_primary');
    return up.length === 1 && up[0] === (await leader())?.name;
  });
  await query(superuser, `create role openpbm login password '${secrets.appPassword}'`);
  await query(superuser, 'create database openpbm owner openpbm');
  await query(superuser, 'create database openpbm_vault owner openpbm');

  log(`migrating and seeding ${options.members ?? 300} members…`);
  const db = await openMigratedDatabase({ url: state.databaseUrl, poolSize: 4 });
  try {
    const asOf = new Date().toISOString().slice(0, 10);
    await seedDatabase(db, {
      members: options.members ?? 300,
      seed: 42,
      asOf,
      fieldKey: deriveFieldKey(state.fieldKeyHex),
    });
    state.pharmacies = (await pharmaciesInEveryNetwork(db.sql, asOf, options.pharmacies ?? 6)).map((r) => ({
      ...r,
      secret: hex(24),
    }));
  } finally {
    await db.close();
  }
  writeState(state);

  log('mail sink, vault, app nodes…');
  record(
    startProcess('mail-sink', process.execPath, ['--import', 'tsx', 'deploy/cluster/mail-sink.ts'], {
      logs: p.logs,
      cwd: REPO_ROOT,
      env: { ...process.env, MAIL_SINK_PORT: String(PORTS.mailSink) },
    }),
  );
  record(
    startProcess('vault', process.execPath, ['--import', 'tsx', 'apps/vault/src/main.ts'], {
      logs: p.logs,
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        VAULT_HOST: HOST,
        VAULT_PORT: String(PORTS.vault),
        VAULT_DATABASE_URL: state.vaultDatabaseUrl,
        VAULT_ENCRYPTION_KEY: hex(32),
        VAULT_CALLER_SECRET: state.vaultCallerSecret,
      },
    }),
  );
  // Every vault request is signed: an unsigned one answered (401) means it listens.
  await waitFor(
    'the vault',
    async () => (await httpStatus(`http://${HOST}:${PORTS.vault}/health`)) !== undefined,
  );
  // One after the other: the first start creates what every node shares (job queues, the client-certificate CA).
  for (const app of APP_NODES) {
    startAppNode(state, app);
    await waitFor(
      `${app.name} to be ready`,
      async () => (await httpStatus(`http://${HOST}:${app.httpPort}/ready`)) === 200,
      180_000,
    );
  }
  await waitFor('HAProxy to send HTTP to the app nodes', async () => {
    return (await httpStatus(`http://${HOST}:${PORTS.http}/ready`)) === 200;
  });
  return state;
}

/** Starts (or restarts, after a kill) one app node; its pid is recorded under its name. */
export function startAppNode(state: ClusterState, app: AppNode): Started {
  const started = startProcess(app.name, process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    logs: paths(state.dir).logs,
    cwd: REPO_ROOT,
    env: { ...process.env, ...appEnv(state, app) },
  });
  recordProcess(state, started);
  return started;
}

export function appEnv(state: ClusterState, app: AppNode): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST,
    PORT: String(app.httpPort),
    PUBLIC_URL: `http://${HOST}:${PORTS.http}`,
    TRUST_PROXY: 'true',
    DATABASE_URL: state.databaseUrl,
    FIELD_ENCRYPTION_KEY: state.fieldKeyHex,
    APP_SECRET: state.appSecret,
    CA_KEY_ENCRYPTION_KEY: state.caKeyHex,
    SMTP_URL: `smtp://${HOST}:${PORTS.mailSink}`,
    VAULT_URL: `http://${HOST}:${PORTS.vault}`,
    VAULT_CALLER_SECRET: state.vaultCallerSecret,
    SEED_DEMO: 'false',
    CLAIMS_TCP_ENABLED: 'true',
    CLAIMS_TCP_HOST: HOST,
    CLAIMS_TCP_PORT: String(app.claimsPort),
    CLAIMS_TCP_SECRETS: state.pharmacies.map((ph) => `${ph.npi}=${ph.secret}`).join(','),
    CLIENT_TLS_PORT: String(app.mtlsPort),
    LOG_LEVEL: 'warn',
  };
}

export function startPatroni(node: PgNode, dir: string): Started {
  const pgUser = postgresUser();
  return startProcess(node.name, '/usr/bin/patroni', [join(paths(dir).pg(node), 'patroni.yml')], {
    logs: paths(dir).logs,
    ...(pgUser ? { user: pgUser } : {}),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: paths(dir).pg(node), LANG: 'C.UTF-8' },
  });
}

/** 'primary', 'replica' or undefined (Patroni's REST API does not answer, or the node is neither). */
export async function patroniRole(node: PgNode): Promise<'primary' | 'replica' | undefined> {
  if ((await httpStatus(`http://${HOST}:${node.restPort}/primary`)) === 200) return 'primary';
  if ((await httpStatus(`http://${HOST}:${node.restPort}/replica`)) === 200) return 'replica';
  return undefined;
}

export async function leader(): Promise<PgNode | undefined> {
  for (const node of PG_NODES) if ((await patroniRole(node)) === 'primary') return node;
  return undefined;
}

/** The name of the synchronous standby, from any node's view of the cluster. */
export async function syncStandby(): Promise<string | undefined> {
  for (const node of PG_NODES) {
    try {
      const res = await fetch(`http://${HOST}:${node.restPort}/cluster`, {
        signal: AbortSignal.timeout(2000),
      });
      const body = (await res.json()) as { members: Array<{ name: string; role: string; state: string }> };
      const sync = body.members.find(
        (m) => m.role === 'sync_standby' && ['running', 'streaming'].includes(m.state),
      );
      if (sync) return sync.name;
    } catch {}
  }
  return undefined;
}

export async function clusterDown(dir = clusterDir()): Promise<void> {
  const state = readState(dir);
  if (state) {
    // App nodes and the vault first (they hold connections), then HAProxy, Patroni (stops PostgreSQL), etcd.
    const order = [
      ...APP_NODES.map((a) => a.name),
      'vault',
      'mail-sink',
      'haproxy',
      ...PG_NODES.map((n) => n.name),
      'etcd',
    ];
    for (const name of order) {
      const pid = state.processes[name];
      if (pid && alive(pid)) await stopGroup(pid, name.startsWith('pg') ? 20_000 : 10_000);
    }
    // A postmaster whose Patroni was killed outlives it.
    for (const node of PG_NODES) {
      const pid = postmasterPid(join(paths(dir).pg(node), 'data'));
      if (pid) await stopGroup(pid, 10_000);
    }
    const drill = postmasterPid(join(paths(dir).drill, 'data'));
    if (drill) await stopGroup(drill, 10_000);
  }
  // Anything still running from this directory (a process started but not recorded) must not outlive it.
  for (const pid of processesUsing(dir)) await stopGroup(pid, 5_000);
  rmSync(dir, { recursive: true, force: true });
}

/** Processes whose command line names a path inside `dir` (the cluster's own: the directory is its alone). */
function processesUsing(dir: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (
        readFileSync(`/proc/${pid}/cmdline`, 'utf8')
          .split('\0')
          .some((arg) => arg.includes(`${dir}/`))
      )
        found.push(pid);
    } catch {}
  }
  return found;
}

export async function clusterStatus(dir = clusterDir()): Promise<string[]> {
  const state = readState(dir);
  if (!state) return [`no cluster in ${dir}`];
  const lines = [`cluster in ${dir}`];
  for (const [name, pid] of Object.entries(state.processes)) {
    const node = PG_NODES.find((n) => n.name === name);
    const role = node ? ` ${(await patroniRole(node)) ?? 'down'}` : '';
    lines.push(
      `  ${name.padEnd(10)} pid ${String(pid).padEnd(8)} ${alive(pid) ? 'running' : 'stopped'}${role}`,
    );
  }
  lines.push(`  synchronous standby: ${(await syncStandby()) ?? 'none'}`);
  lines.push(
    `  HTTP   http://${HOST}:${PORTS.http} (HAProxy, round robin; stats http://${HOST}:${PORTS.haproxyStats}/)`,
  );
  lines.push(`  claims tcp://${HOST}:${PORTS.claims} (HAProxy, round robin)`);
  lines.push(`  PostgreSQL leader ${HOST}:${PORTS.primary} (HAProxy, Patroni /primary check)`);
  return lines;
}

/** The servers HAProxy counts as up in one of its proxies (from its stats page as CSV). */
export async function haproxyUp(proxy: string): Promise<string[]> {
  const res = await fetch(`http://${HOST}:${PORTS.haproxyStats}/;csv`, { signal: AbortSignal.timeout(2000) });
  return (await res.text())
    .split('\n')
    .map((line) => line.split(','))
    .filter((f) => f[0] === proxy && f[1] !== 'FRONTEND' && f[1] !== 'BACKEND' && f[17]?.startsWith('UP'))
    .map((f) => f[1] as string);
}

export async function query<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

async function pharmaciesInEveryNetwork(
  sql: { query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }> },
  asOf: string,
  count: number,
) {
  const { rows } = await sql.query<{ id: string; npi: string }>(
    `select ph.id, ph.npi from pharmacies ph
     where ph.status = 'active' and not ph.home_delivery and not ph.specialty
       and not exists (select 1 from plans p where not exists (
         select 1 from network_pharmacies np where np.network_id = p.pharmacy_network_id and np.pharmacy_id = ph.id
           and np.effective_date <= $1::date and (np.termination_date is null or np.termination_date >= $1::date)))
     order by ph.npi limit $2`,
    [asOf, count],
  );
  return rows;
}
