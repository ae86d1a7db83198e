// The faults the cluster tests inject. Each signals only processes the cluster recorded (or their postmaster).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { type ClusterState, leader, query, recordProcess, startPatroni } from '../../cluster/cluster';
import { PG_NODES, type PgNode, paths } from '../../cluster/layout';
import { postgresUser, postmasterPid } from '../../cluster/processes';

const dataDir = (state: ClusterState, node: PgNode) => join(paths(state.dir).pg(node), 'data');

export function killApp(state: ClusterState, name: string): void {
  const pid = state.processes[name];
  if (!pid) throw new Error(`no ${name}`);
  process.kill(pid, 'SIGKILL');
}

/**
 * The leader's machine dies: kill -9 of its Patroni and its PostgreSQL together. (kill -9 of PostgreSQL alone
 * would only make the still-running Patroni restart it in place and keep the lock; that is the next fault.)
 */
export async function killLeader(state: ClusterState): Promise<PgNode> {
  const node = await leader();
  if (!node) throw new Error('no leader');
  const postmaster = postmasterPid(dataDir(state, node));
  process.kill(state.processes[node.name] as number, 'SIGKILL');
  if (postmaster) process.kill(postmaster, 'SIGKILL');
  return node;
}

/** Brings a killed node back: Patroni rejoins it as a standby (pg_rewind when it diverged). */
export function restartNode(state: ClusterState, node: PgNode): void {
  // A killed postmaster's children may linger a moment; Patroni copes with the stale pid file.
  recordProcess(state, startPatroni(node, state.dir));
}

/** pg_ctl stop -m immediate of one node's PostgreSQL (no checkpoint; crash recovery on restart). Patroni stays. */
export function stopPostgresImmediate(state: ClusterState, node: PgNode): void {
  const user = postgresUser();
  execFileSync('/usr/lib/postgresql/15/bin/pg_ctl', ['-D', dataDir(state, node), 'stop', '-m', 'immediate'], {
    ...(user ?? {}),
    stdio: 'ignore',
  });
}

/** Terminates every app connection on the leader, in the middle of whatever transaction each is running. */
export async function dropAppConnections(state: ClusterState): Promise<number> {
  const rows = await query<{ n: number }>(
    state.adminUrl,
    `select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity
      where usename = 'openpbm' and pid <> pg_backend_pid()) t`,
  );
  return rows[0]?.n ?? 0;
}

export const nodeNamed = (name: string) => PG_NODES.find((n) => n.name === name) as PgNode;
