// The vault's own database (PGlite in its own data directory, or its own PostgreSQL database): sealed card
// records and an access log of every detokenization. The application's database never sees these tables.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { CardBrand } from '@openpbm/domain';
import pg from 'pg';

const SCHEMA = `
create table if not exists vault_cards (
  token text primary key,
  sealed text not null,
  brand text not null,
  last4 text not null check (last4 ~ '^[0-9]{4}$'),
  exp_month smallint not null,
  exp_year smallint not null,
  created_at timestamptz not null default now()
);
create table if not exists vault_access_log (
  id bigserial primary key,
  token text not null,
  action text not null,
  purpose text,
  reference text,
  at timestamptz not null default now()
);
`;

export interface CardRecord {
  token: string;
  sealed: string;
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
}

export interface VaultStore {
  insert(record: CardRecord): Promise<void>;
  find(token: string): Promise<CardRecord | null>;
  remove(token: string): Promise<boolean>;
  logAccess(token: string, action: string, purpose: string | null, reference: string | null): Promise<void>;
  count(): Promise<number>;
  close(): Promise<void>;
}

interface Sql {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

async function connect(opts: { databaseUrl?: string; dataDir: string }): Promise<Sql> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 3 });
    pool.on('error', () => {});
    return { query: (text, params) => pool.query(text, params) as never, close: () => pool.end() };
  }
  let client: PGlite;
  if (opts.dataDir === 'memory://') client = new PGlite();
  else {
    const dir = resolve(opts.dataDir, 'db');
    mkdirSync(dir, { recursive: true });
    client = new PGlite(dir);
  }
  await client.waitReady;
  return { query: (text, params) => client.query(text, params) as never, close: () => client.close() };
}

export async function openVaultStore(opts: { databaseUrl?: string; dataDir: string }): Promise<VaultStore> {
  const handle = await connect(opts);
  for (const statement of SCHEMA.split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    await handle.query(statement);
  }
  const q = handle;
  return {
    async insert(r) {
      await q.query(
        'insert into vault_cards (token, sealed, brand, last4, exp_month, exp_year) values ($1, $2, $3, $4, $5, $6)',
        [r.token, r.sealed, r.brand, r.last4, r.expMonth, r.expYear],
      );
    },
    async find(token) {
      const { rows } = await q.query<{
        token: string;
        sealed: string;
        brand: CardBrand;
        last4: string;
        exp_month: number;
        exp_year: number;
      }>('select token, sealed, brand, last4, exp_month, exp_year from vault_cards where token = $1', [
        token,
      ]);
      const row = rows[0];
      return row
        ? {
            token: row.token,
            sealed: row.sealed,
            brand: row.brand,
            last4: row.last4,
            expMonth: row.exp_month,
            expYear: row.exp_year,
          }
        : null;
    },
    async remove(token) {
      const { rows } = await q.query('delete from vault_cards where token = $1 returning token', [token]);
      return rows.length > 0;
    },
    async logAccess(token, action, purpose, reference) {
      await q.query(
        'insert into vault_access_log (token, action, purpose, reference) values ($1, $2, $3, $4)',
        [token, action, purpose, reference],
      );
    },
    async count() {
      const { rows } = await q.query<{ n: number }>('select count(*)::int as n from vault_cards');
      return rows[0]?.n ?? 0;
    },
    close: () => handle.close(),
  };
}
