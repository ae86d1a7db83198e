// A database connection dropped while a transaction holds it (failover, pg_terminate_backend) fails that
// transaction and nothing else: the process keeps running and the next query gets a new connection (issue 17;
// before, the pool's listening client emitted an unheard 'error' and the app node died).
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../src/testing';

const postgres = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(!postgres)('a connection dropped mid-transaction', () => {
  it('fails that transaction only; the pool answers the next query', async () => {
    const handle = await createTestDatabase();
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const transaction = handle.db.transaction(async (tx) => {
        const result = await tx.execute(sql`select pg_backend_pid() as pid`);
        const pid = (result as unknown as { rows: Array<{ pid: number }> }).rows[0]?.pid;
        // Terminated between two statements of the transaction: the client is checked out, idle.
        await admin.query('select pg_terminate_backend($1)', [pid]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.execute(sql`select 1`);
      });
      await expect(transaction).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);
      const { rows } = await handle.sql.query<{ n: number }>('select 1 as n');
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await admin.end();
      await handle.close();
    }
  });
});
