// Where every part of the local cluster listens and keeps its files. Loopback only, ports 17000-17099.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HOST = '127.0.0.1';

export const PORTS = {
  etcdClient: 17000,
  etcdPeer: 17001,
  /** HAProxy: PostgreSQL connections, sent to whichever node Patroni's REST API calls primary. */
  primary: 17030,
  /** HAProxy: the app nodes' HTTP, round robin. */
  http: 17040,
  /** HAProxy: the app nodes' claims TCP listeners (pharmacy switches), round robin. */
  claims: 17041,
  haproxyStats: 17042,
  vault: 17070,
  mailSink: 17075,
  /** The restore drill's scratch PostgreSQL. */
  drill: 17090,
} as const;

export interface PgNode {
  name: string;
  /** Patroni REST API: /primary answers 200 only on the leader. */
  restPort: number;
  pgPort: number;
}

export const PG_NODES: PgNode[] = [
  { name: 'pg1', restPort: 17010, pgPort: 17011 },
  { name: 'pg2', restPort: 17020, pgPort: 17021 },
];

export interface AppNode {
  name: string;
  httpPort: number;
  claimsPort: number;
  mtlsPort: number;
}

export const APP_NODES: AppNode[] = [
  { name: 'app1', httpPort: 17050, claimsPort: 17051, mtlsPort: 17052 },
  { name: 'app2', httpPort: 17060, claimsPort: 17061, mtlsPort: 17062 },
];

/** CLUSTER_DIR, else one fixed directory under the system temp dir (so `down` and `status` find it). */
export function clusterDir(env: Record<string, string | undefined> = process.env): string {
  return env.CLUSTER_DIR ?? join(tmpdir(), 'openpbm-cluster');
}

export const paths = (dir: string) => ({
  state: join(dir, 'state.json'),
  logs: join(dir, 'logs'),
  etcd: join(dir, 'etcd'),
  pg: (node: PgNode) => join(dir, node.name),
  walArchive: join(dir, 'wal-archive'),
  haproxyConfig: join(dir, 'haproxy.cfg'),
  drill: join(dir, 'drill'),
});
