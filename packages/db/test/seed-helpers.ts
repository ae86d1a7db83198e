// Shared by the seed tests: per-table checksums of what a seed wrote, comparable across databases.
import { createHash } from 'node:crypto';
import type { DatabaseHandle } from '../src/client';
import { decryptField, FIELD_CONTEXTS, type FieldKey } from '../src/field-crypto';

/** A fixed "today" so the tests do not depend on the date they run. */
export const TEST_AS_OF = '2026-03-15';

// Random by design, so left out of checksums: IVs of encrypted columns (their plaintext is compared instead),
// argon2 salts, and timestamps the database or the clock fills in.
const VOLATILE_COLUMNS = new Set(['created_at', 'updated_at', 'password_hash']);

const CONTEXT_BY_COLUMN: Record<string, string> = {
  'members.member_number_enc': FIELD_CONTEXTS.memberNumber,
  'members.date_of_birth_enc': FIELD_CONTEXTS.dateOfBirth,
  'members.address_line1_enc': FIELD_CONTEXTS.addressLine1,
  'members.address_line2_enc': FIELD_CONTEXTS.addressLine2,
  'orders.shipping_address_enc': FIELD_CONTEXTS.orderShippingAddress,
  'totp_factors.secret_enc': 'totp_factors.secret',
};

export async function publicTables(handle: DatabaseHandle): Promise<string[]> {
  const { rows } = await handle.sql.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
     order by table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** SHA-256 per non-empty table over every stable column, rows in primary-key order, encrypted values decrypted. */
export async function tableChecksums(handle: DatabaseHandle, key: FieldKey): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of await publicTables(handle)) {
    const { rows: columns } = await handle.sql.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema = 'public' and table_name = $1
       order by ordinal_position`,
      [table],
    );
    const names = columns.map((c) => c.column_name).filter((c) => !VOLATILE_COLUMNS.has(c));
    const list = names.map((c) => `"${c}"::text as "${c}"`).join(', ');
    const { rows } = await handle.sql.query<Record<string, string | null>>(
      `select ${list} from "${table}" order by ${names.map((c) => `"${c}"::text`).join(', ')}`,
    );
    if (rows.length === 0) continue;
    const hash = createHash('sha256');
    for (const row of rows) {
      for (const name of names) {
        const context = CONTEXT_BY_COLUMN[`${table}.${name}`];
        const value = row[name] ?? null;
        hash.update(`${name}=${value !== null && context ? decryptField(key, value, context) : value}\u001f`);
      }
      hash.update('\u001e');
    }
    sums[table] = `${rows.length}:${hash.digest('hex').slice(0, 16)}`;
  }
  return sums;
}
