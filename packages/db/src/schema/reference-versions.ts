// One version number per part of the claims reference data (plan, formulary, drug, pharmacy). Statement-level
// triggers on the reference tables bump it in the writing transaction and NOTIFY (migration
// 0026_reference_versions), so an in-process cache can tell exactly whether what it holds is still current.
import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

export const referenceVersions = pgTable('reference_versions', {
  /** 'plan' | 'formulary' | 'drug' | 'pharmacy' */
  part: text('part').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(1),
});
