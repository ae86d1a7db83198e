// The vault's own database (PGlite in its own data directory, or its own PostgreSQL database): sealed card
// records, the ledger of charges (one row per idempotency key) and an access log of every use of a card. The application's database never sees these tables.
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
create table if not exists vault_charges (
  idempotency_key text primary key,
  token text not null,
  amount_cents integer not null check (amount_cents > 0),
  reference text not null,
  status text not null check (status in ('pending', 'captured', 'declined')),
  processor_reference text,
  decline_code text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists vault_charges_reference_idx on vault_charges (reference)
`;

export interface CardRecord {
  token: string;
  sealed: string;
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
}

export type ChargeStatus = 'pending' | 'captured' | 'declined';

/** One charge in the vault's ledger. `pending`: sent to the processor, its answer not recorded yet. */
export interface ChargeRecord {
  idempotencyKey: string;
  token: string;
  amountCents: number;
  reference: string;
  status: ChargeStatus;
  processorReference: string | null;
  declineCode: string | null;
  updatedAt: Date;
}

export type ChargeResult =
  | { status: 'captured'; processorReference: string }
  | { status: 'declined'; declineCode: string };

export interface VaultStore {
  insert(record: CardRecord): Promise<void>;
  find(token: string): Promise<CardRecord | null>;
  remove(token: string): Promise<boolean>;
  logAccess(token: string, action: string, purpose: string | null, reference: string | null): Promise<void>;
  count(): Promise<number>;
  /** Claims the key with a pending row; `created` false when the key was already used (its row is returned). */
  startCharge(charge: {
    idempotencyKey: string;
    token: string;
    amountCents: number;
    reference: string;
  }): Promise<{ created: boolean; charge: ChargeRecord }>;
  /** Takes over a pending charge untouched since `before` (its caller died mid-call); false if another has it. */
  retakeCharge(idempotencyKey: string, before: Date): Promise<boolean>;
  finishCharge(idempotencyKey: string, result: ChargeResult): Promise<ChargeRecord>;
  findCharge(idempotencyKey: string): Promise<ChargeRecord | null>;
  close(): Promise<void>;
}

interface ChargeRow {
  idempotency_key: string;
  token: string;
  amount_cents: number;
  reference: string;
  status: ChargeStatus;
  processor_reference: string | null;
  decline_code: string | null;
  updated_at: Date | string;
}

const CHARGE_COLUMNS =
  'idempotency_key, token, amount_cents, reference, status, processor_reference, decline_code, updated_at';

function chargeOf(row: ChargeRow): ChargeRecord {
  return {
    idempotencyKey: row.idempotency_key,
    token: row.token,
    amountCents: row.amount_cents,
    reference: row.reference,
    status: row.status,
    processorReference: row.processor_reference,
    declineCode: row.decline_code,
    updatedAt: new Date(row.updated_at),
  };
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
  async function findCharge(key: string): Promise<ChargeRecord | null> {
    const { rows } = await q.query<ChargeRow>(
      `select ${CHARGE_COLUMNS} from vault_charges where idempotency_key = $1`,
      [key],
    );
    return rows[0] ? chargeOf(rows[0]) : null;
  }
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
    async startCharge(c) {
      const { rows } = await q.query<ChargeRow>(
        `insert into vault_charges (idempotency_key, token, amount_cents, reference, status)
         values ($1, $2, $3, $4, 'pending') on conflict (idempotency_key) do nothing returning ${CHARGE_COLUMNS}`,
        [c.idempotencyKey, c.token, c.amountCents, c.reference],
      );
      if (rows[0]) return { created: true, charge: chargeOf(rows[0]) };
      const existing = await findCharge(c.idempotencyKey);
      if (!existing) throw new Error('charge key vanished');
      return { created: false, charge: existing };
    },
    async retakeCharge(key, before) {
      const { rows } = await q.query(
        `update vault_charges set updated_at = now()
          where idempotency_key = $1 and status = 'pending' and updated_at < $2 returning idempotency_key`,
        [key, before.toISOString()],
      );
      return rows.length === 1;
    },
    async finishCharge(key, result) {
      const { rows } = await q.query<ChargeRow>(
        `update vault_charges set status = $2, processor_reference = $3, decline_code = $4, updated_at = now()
          where idempotency_key = $1 returning ${CHARGE_COLUMNS}`,
        [
          key,
          result.status,
          result.status === 'captured' ? result.processorReference : null,
          result.status === 'declined' ? result.declineCode : null,
        ],
      );
      if (!rows[0]) throw new Error('charge key vanished');
      return chargeOf(rows[0]);
    },
    findCharge,
    close: () => handle.close(),
  };
}
