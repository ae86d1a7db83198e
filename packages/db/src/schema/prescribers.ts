// Prescribers: the clinicians who write prescriptions and request prior authorizations.
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';

export const prescribers = pgTable(
  'prescribers',
  {
    id: id(),
    /** 10-digit NPI with a Luhn check digit (80840 prefix). */
    npi: text('npi').notNull(),
    /** DEA registration (2 letters + 7 digits), only for prescribers of controlled substances. */
    dea: text('dea'),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    /** Credential, e.g. "MD", "DO", "NP". */
    credential: text('credential').notNull(),
    specialty: text('specialty').notNull(),
    // A practice address is public business information, not member health data: kept in plain text.
    addressLine1: text('address_line1').notNull(),
    city: text('city').notNull(),
    state: text('state').notNull(),
    zip: text('zip').notNull(),
    phone: text('phone').notNull(),
    fax: text('fax'),
    email: text('email'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('prescribers_npi_uq').on(t.npi),
    uniqueIndex('prescribers_dea_uq').on(t.dea).where(sql`${t.dea} is not null`),
    index('prescribers_name_idx').on(t.lastName, t.firstName),
    check('prescribers_npi_ck', sql`${t.npi} ~ '^[0-9]{10}$'`),
    check('prescribers_dea_ck', sql`${t.dea} is null or ${t.dea} ~ '^[A-Z]{2}[0-9]{7}$'`),
  ],
);

export type Prescriber = typeof prescribers.$inferSelect;
