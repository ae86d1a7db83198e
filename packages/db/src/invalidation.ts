// Cache invalidations over PostgreSQL LISTEN/NOTIFY on one channel (see migration 0009_cache_invalidation: the
// database's own triggers send them, so no code path can forget to).
//
// Exactness: PostgreSQL delivers a notification to the connection that committed it before that COMMIT's
// answer (its ReadyForQuery), and PGlite before the query's promise resolves. Every pooled connection of this
// process listens, so a change this process commits has cleared its caches before the writer's `await` returns:
// the very next request sees it. Other processes (other nodes) hear it through a dedicated listening connection
// milliseconds later. While that connection is down, `live` is false and caches must not answer; when it comes
// back, everything is dropped ('*'), since notifications sent meanwhile are lost.
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export const CACHE_CHANNEL = 'openpbm_cache';
/** The payload that drops every cached entry. */
export const DROP_ALL = '*';

export type InvalidationListener = (payload: string) => void;

export interface InvalidationBus {
  /** Calls `listener` with every payload; returns the unsubscribe function. */
  subscribe(listener: InvalidationListener): () => void;
  /** True while this process is sure to hear every change (caches answer only then). */
  readonly live: boolean;
  /** Counts every payload received: a cache fill started before a change must not store what it read. */
  readonly generation: number;
  close(): Promise<void>;
}

class Bus {
  listeners = new Set<InvalidationListener>();
  generation = 0;
  emit(payload: string): void {
    this.generation += 1;
    for (const listener of this.listeners) listener(payload);
  }
  subscribe(listener: InvalidationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** PGlite: one process, one connection; LISTEN on it delivers synchronously with the writing query. */
export async function pgliteInvalidationBus(client: PGlite): Promise<InvalidationBus> {
  const bus = new Bus();
  const unlisten = await client.listen(CACHE_CHANNEL, (payload) => bus.emit(payload));
  return {
    subscribe: (l) => bus.subscribe(l),
    live: true,
    get generation() {
      return bus.generation;
    },
    close: () => unlisten(),
  };
}

const RECONNECT_MS = 1000;

/**
 * PostgreSQL: every pool connection listens (exact for this process's own writes: pass `listeningClient(...)`
 * as the pool's Client), and one dedicated connection, opened at the first subscription, hears the other
 * processes' even while the pool is idle.
 */
export function postgresInvalidationBus(connectionString: string): {
  bus: InvalidationBus;
  listeningClient(base: typeof pg.Client): typeof pg.Client;
} {
  const bus = new Bus();
  const hear = (n: pg.Notification) => {
    if (n.channel === CACHE_CHANNEL) bus.emit(n.payload ?? DROP_ALL);
  };

  let listener: pg.Client | null = null;
  let live = false;
  let closed = false;
  let started = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const client = new pg.Client({ connectionString });
    listener = client;
    const lost = () => {
      if (listener !== client) return;
      listener = null;
      live = false;
      client.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect(), RECONNECT_MS);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', hear);
    try {
      await client.connect();
      await client.query(`listen ${CACHE_CHANNEL}`);
      if (listener !== client) return;
      // Whatever changed while nobody listened is unknown: start from nothing.
      bus.emit(DROP_ALL);
      live = true;
    } catch {
      lost();
    }
  };

  return {
    bus: {
      subscribe(l) {
        if (!started && !closed) {
          started = true;
          void connect();
        }
        return bus.subscribe(l);
      },
      get live() {
        return live;
      },
      get generation() {
        return bus.generation;
      },
      async close() {
        closed = true;
        live = false;
        clearTimeout(retry);
        const client = listener;
        listener = null;
        await client?.end().catch(() => {});
      },
    },
    /** A pool Client class whose connections LISTEN before the pool hands them out. */
    listeningClient: (base) =>
      class ListeningClient extends base {
        constructor(config?: string | pg.ClientConfig) {
          super(config);
          this.on('notification', hear);
          // A connection the server drops (failover, pg_terminate_backend) emits 'error' even while checked out
          // between queries, where pg-pool has no listener on it: unheard, that error would end the process. The
          // query in flight still fails, and the pool drops the broken client on release.
          this.on('error', () => {});
        }
        // pg's connect is overloaded (callback or promise); the pool uses the callback form.
        override connect(): Promise<pg.Client>;
        override connect(callback: (err: Error) => void): void;
        override connect(callback?: (err: Error) => void): Promise<pg.Client> | undefined {
          const ready = super.connect().then(async (client) => {
            await client.query(`listen ${CACHE_CHANNEL}`);
            return client;
          });
          if (!callback) return ready;
          const done = callback as (err: Error | null) => void;
          ready.then(
            () => done(null),
            (err: Error) => done(err),
          );
          return undefined;
        }
      },
  };
}
