// The configuration files of the cluster's parts: Patroni (one per PostgreSQL node) and HAProxy.
import { APP_NODES, HOST, PG_NODES, type PgNode, PORTS } from './layout';

export const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface Secrets {
  superuserPassword: string;
  replicationPassword: string;
  appPassword: string;
}

/**
 * Patroni for one node. ttl 10 s / loop_wait 2 s: a dead leader's lock expires within 10 s, so the standby takes
 * over in about that time. synchronous_mode: a commit is acknowledged only once the synchronous standby has it,
 * so a failover never loses an acknowledged transaction. WAL is archived (cp into the shared archive directory)
 * for point-in-time restores (see deploy/restore-drill.ts).
 */
export function patroniYaml(node: PgNode, dir: string, archiveDir: string, s: Secrets): string {
  return `scope: openpbm
namespace: /openpbm/
name: ${node.name}
log:
  level: WARNING
restapi:
  listen: ${HOST}:${node.restPort}
  connect_address: ${HOST}:${node.restPort}
etcd3:
  hosts: ${HOST}:${PORTS.etcdClient}
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 2
    retry_timeout: 4
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: 'on'
        wal_log_hints: 'on'
        max_wal_senders: 10
        max_replication_slots: 10
        max_connections: 200
        archive_mode: 'on'
        archive_command: 'test ! -f ${archiveDir}/%f && cp %p ${archiveDir}/%f'
        archive_timeout: 60
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - auth-local: trust
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
postgresql:
  listen: ${HOST}:${node.pgPort}
  connect_address: ${HOST}:${node.pgPort}
  data_dir: ${dir}/data
  bin_dir: ${PG_BIN}
  pgpass: ${dir}/pgpass
  authentication:
    superuser:
      username: postgres
      password: '${s.superuserPassword}'
    replication:
      username: replicator
      password: '${s.replicationPassword}'
    rewind:
      username: postgres
      password: '${s.superuserPassword}'
  parameters:
    unix_socket_directories: '${dir}'
`;
}

/**
 * HAProxy: the app nodes reach PostgreSQL at PORTS.primary, which goes to the node whose Patroni REST API answers
 * 200 on /primary (the leader); on a change of leader the old sessions are shut so nobody writes to a demoted
 * node. HTTP and claims TCP go round robin to the app nodes that answer their checks.
 */
export function haproxyConfig(): string {
  const apps = (port: (a: (typeof APP_NODES)[number]) => number) =>
    APP_NODES.map((a) => `  server ${a.name} ${HOST}:${port(a)} check`).join('\n');
  return `global
  maxconn 2000
defaults
  log stdout format raw local0 warning
  timeout connect 2s
  timeout client 30m
  timeout server 30m
  timeout check 2s

listen postgres_primary
  mode tcp
  bind ${HOST}:${PORTS.primary}
  option httpchk GET /primary
  http-check expect status 200
  default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
${PG_NODES.map((n) => `  server ${n.name} ${HOST}:${n.pgPort} check port ${n.restPort}`).join('\n')}

listen http
  mode http
  bind ${HOST}:${PORTS.http}
  balance roundrobin
  option forwardfor
  option httpchk GET /ready
  http-check expect status 200
  timeout client 60s
  timeout server 60s
  default-server inter 1s fall 2 rise 2 on-marked-down shutdown-sessions
${apps((a) => a.httpPort)}

listen claims
  mode tcp
  bind ${HOST}:${PORTS.claims}
  balance roundrobin
  option httpchk GET /ready
  http-check expect status 200
  default-server inter 1s fall 2 rise 2 on-marked-down shutdown-sessions
${APP_NODES.map((a) => `  server ${a.name} ${HOST}:${a.claimsPort} check port ${a.httpPort}`).join('\n')}

listen stats
  mode http
  bind ${HOST}:${PORTS.haproxyStats}
  stats enable
  stats uri /
`;
}
