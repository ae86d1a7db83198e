// THE rule every producer of de-identified data (aggregate reports, extracts, benchmarks, client-portal reports)
// applies: members who opted out of de-identified data are left out before anything is counted or extracted.
// Use one of:
//   - SQL: join the view `members_in_deidentified_data (member_id, client_id)`, or add
//     `deidentifiedDataAllowed(sql\`c.member_id\`)` (drizzle) / DEIDENTIFIED_ALLOWED_SQL('c.member_id') (raw SQL)
//     to the WHERE clause;
//   - in memory: `const out = await excludedFromDeidentified(db); rows.filter((r) => !out.has(r.memberId))`.
import { type Database, schema } from '@openpbm/db';
import { eq, type SQL, sql } from 'drizzle-orm';

/** Member ids that must not appear in (or be counted by) any de-identified output. */
export async function excludedFromDeidentified(db: Database): Promise<Set<string>> {
  const rows = await db
    .select({ memberId: schema.privacyChoices.memberId })
    .from(schema.privacyChoices)
    .where(eq(schema.privacyChoices.deidentifiedOptOut, true));
  return new Set(rows.map((r) => r.memberId));
}

/** A WHERE condition (drizzle): true when the member id may feed de-identified data. */
export const deidentifiedDataAllowed = (memberIdColumn: SQL | SQL.Aliased | unknown): SQL =>
  sql`not exists (select 1 from privacy_choices pc where pc.member_id = ${memberIdColumn} and pc.deidentified_opt_out)`;

/** The same condition as raw SQL text, for repos that write plain SQL (`column` is trusted code, not input). */
export const DEIDENTIFIED_ALLOWED_SQL = (column: string): string =>
  `not exists (select 1 from privacy_choices pc where pc.member_id = ${column} and pc.deidentified_opt_out)`;

/** Research uses: left out when the member opted out of research or of de-identified data (raw SQL text). */
export const RESEARCH_ALLOWED_SQL = (column: string): string =>
  `not exists (select 1 from privacy_choices pc where pc.member_id = ${column}
                 and (pc.deidentified_opt_out or pc.research_opt_out))`;
