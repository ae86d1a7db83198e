// @fastify/rate-limit's counters in PostgreSQL (rate_limit_counters) instead of each process's memory, so two app
// nodes behind a load balancer enforce one limit, not one each. One fixed window per (route, client key): the
// first request opens it, later ones count up, the first after its end starts a new one; one atomic upsert per
// request, timed by the database's clock so nodes with drifting clocks agree. Keys are stored as an HMAC (the
// client key is usually an IP address). Expired windows are swept at most once a minute per process. The table is
// unlogged (migration 0030): the write makes no WAL, so a limited request (a claim over HTTP) never waits on a flush.
//
// Embedded PGlite is one process by construction, so it keeps the plugin's in-memory store (no extra write on
// its single connection); `rateLimitStoreFor` chooses.

import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { DatabaseHandle } from '@openpbm/db';
import { appHmac } from '../identity/secrets';

type Incr = FastifyRateLimitStore['incr'];
type Callback = Parameters<Incr>[1];

const SWEEP_EVERY_MS = 60_000;

const INCREMENT = `
  insert into rate_limit_counters as c (key, count, window_ends_at)
  values ($1, 1, now() + make_interval(secs => $2::float8 / 1000))
  on conflict (key) do update set
    count = case when c.window_ends_at <= now() then 1 else c.count + 1 end,
    window_ends_at = case when c.window_ends_at <= now() then excluded.window_ends_at else c.window_ends_at end
  returning count, greatest(0, ceil(extract(epoch from (window_ends_at - now())) * 1000))::int as ttl_ms`;

const READ = `
  select count, greatest(0, ceil(extract(epoch from (window_ends_at - now())) * 1000))::int as ttl_ms
  from rate_limit_counters where key = $1 and window_ends_at > now()`;

interface Row {
  count: number;
  ttl_ms: number;
}

export class DatabaseRateLimitStore implements FastifyRateLimitStore {
  private lastSweepMs = 0;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly appSecret: string,
    private readonly prefix = '',
  ) {}

  private keyOf(key: string): string {
    return appHmac(this.appSecret, 'rate-limit', `${this.prefix}|${key}`);
  }

  incr(key: string, callback: Callback, timeWindow: number): void {
    this.sweepNowAndThen();
    this.handle.sql.query<Row>(INCREMENT, [this.keyOf(key), timeWindow]).then(
      ({ rows: [row] }) =>
        callback(null, { current: Number(row?.count ?? 1), ttl: Number(row?.ttl_ms ?? 0) }),
      (err: Error) => callback(err),
    );
  }

  /** The plugin's non-mutating peek (`{ increment: false }`). */
  read(key: string, callback: Callback): void {
    this.handle.sql.query<Row>(READ, [this.keyOf(key)]).then(
      ({ rows: [row] }) =>
        callback(
          null,
          row ? { current: Number(row.count), ttl: Number(row.ttl_ms) } : { current: 0, ttl: 0 },
        ),
      (err: Error) => callback(err),
    );
  }

  /** Per-route counters: the route's method and URL become part of the key, like the plugin's Redis store. */
  child(options: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
    // At run time the plugin passes its merged route parameters, which carry the route as `routeInfo`.
    const { routeInfo } = options as unknown as { routeInfo?: { method?: unknown; url?: string } };
    const route = `${String(routeInfo?.method ?? '')} ${routeInfo?.url ?? ''}`;
    return new DatabaseRateLimitStore(this.handle, this.appSecret, `${this.prefix}${route}`);
  }

  private sweepNowAndThen(): void {
    const nowMs = Date.now();
    if (nowMs - this.lastSweepMs < SWEEP_EVERY_MS) return;
    this.lastSweepMs = nowMs;
    // Not awaited: a failed sweep only leaves expired rows for the next one.
    this.handle.sql
      .query(`delete from rate_limit_counters where window_ends_at < now() - interval '1 minute'`)
      .catch(() => {});
  }
}

/** The plugin's `store` option: the shared table on PostgreSQL, the plugin's own memory store on PGlite. */
export function rateLimitStoreFor(
  handle: DatabaseHandle,
  appSecret: string,
): { store?: FastifyRateLimitStoreCtor } {
  if (handle.kind !== 'postgres') return {};
  return {
    store: class extends DatabaseRateLimitStore {
      constructor() {
        super(handle, appSecret);
      }
    },
  };
}
