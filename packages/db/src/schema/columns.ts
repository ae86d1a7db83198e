// Column helpers shared by every table, so ids, timestamps and money look the same everywhere.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  date,
  integer,
  timestamp,
  type UpdateDeleteAction,
  uuid,
} from 'drizzle-orm/pg-core';
import { newId } from '../ids';

/** UUIDv7 primary key, generated in the application (time-ordered, index-friendly). */
export const id = () =>
  uuid('id')
    .primaryKey()
    .$defaultFn(() => newId());

export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Calendar date without time (plan years, spans, dates of service) as 'YYYY-MM-DD'. */
export const localDate = (name: string) => date(name, { mode: 'string' });

/** Money in integer US cents. */
export const cents = (name: string) => integer(name);

/** A required foreign key (`uuid not null references …`): the column block most tables repeat. */
export const requiredRef = (
  name: string,
  target: () => AnyPgColumn,
  actions?: { onDelete?: UpdateDeleteAction; onUpdate?: UpdateDeleteAction },
) => uuid(name).notNull().references(target, actions);

export const createdAt = () => timestamptz('created_at').notNull().defaultNow();
export const updatedAt = () =>
  timestamptz('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** `column IN ('a', 'b')` for check constraints on text columns with a fixed set of values. */
export const oneOf = (column: AnyPgColumn, values: readonly string[]) =>
  sql`${column} in (${sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', '))})`;

/** `column >= 0` for every money and count column. */
export const nonNegative = (column: AnyPgColumn) => sql`${column} >= 0`;
