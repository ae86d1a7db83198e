// Sees every statement the application sends, at the driver: Drizzle, raw `sql.query`, named statements and
// transactions alike. Tests use it to check the plans of the queries the app really issues (no hand-kept list).
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** `connection` tells concurrent connections apart (e.g. to follow each one's BEGIN … COMMIT). */
export type QueryObserver = (text: string, params: readonly unknown[], connection: object) => void;

/** The statement and values of any pg `query(...)` call: `(text, values)` or `({ text, values, name }, values)`. */
function statementOf(args: unknown[]): { text: string; params: readonly unknown[] } | null {
  const [first, second] = args;
  const config =
    typeof first === 'string' ? { text: first } : (first as { text?: string; values?: unknown[] });
  if (typeof config?.text !== 'string') return null;
  const params = Array.isArray(second) ? second : (config as { values?: unknown[] }).values;
  return { text: config.text, params: params ?? [] };
}

/** A pg Client class (the Pool's `Client` option) that reports each statement before sending it. */
export function observedPgClient(observe: QueryObserver): typeof pg.Client {
  return class ObservedClient extends pg.Client {
    // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this forwards all of them.
    override query(...args: any[]): any {
      const statement = statementOf(args);
      if (statement) observe(statement.text, statement.params, this);
      // biome-ignore lint/suspicious/noExplicitAny: see above.
      return (super.query as (...a: any[]) => any)(...args);
    }
  };
}

/** Wraps a PGlite instance's query, exec and transaction (whose `tx.query` bypasses the instance's). */
export function observePglite(client: PGlite, observe: QueryObserver): void {
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = ((text: string, params?: unknown[], options?: never) => {
    observe(text, params ?? [], client);
    return query(text, params, options);
  }) as PGlite['query'];
  client.exec = ((text: string, options?: never) => {
    observe(text, [], client);
    return exec(text, options);
  }) as PGlite['exec'];
  client.transaction = ((fn: Parameters<PGlite['transaction']>[0]) =>
    transaction((tx) => {
      const txQuery = tx.query.bind(tx);
      tx.query = ((text: string, params?: unknown[], options?: never) => {
        observe(text, params ?? [], client);
        return txQuery(text, params, options);
      }) as typeof tx.query;
      return fn(tx);
    })) as PGlite['transaction'];
}
