// SQL of a member's other coverage (coordination of benefits). Policy (who may, what is audited) is in
// other-coverage-service.ts.
import { type Database, schema } from '@openpbm/db';
import { asc, eq } from 'drizzle-orm';

export type OtherCoverageRow = typeof schema.memberOtherCoverage.$inferSelect;
export type NewOtherCoverage = typeof schema.memberOtherCoverage.$inferInsert;

export async function otherCoverageOf(db: Database, memberId: string): Promise<OtherCoverageRow[]> {
  return db
    .select()
    .from(schema.memberOtherCoverage)
    .where(eq(schema.memberOtherCoverage.memberId, memberId))
    .orderBy(asc(schema.memberOtherCoverage.coverageType), asc(schema.memberOtherCoverage.effectiveDate));
}

export async function insertOtherCoverage(db: Database, row: NewOtherCoverage): Promise<OtherCoverageRow> {
  const [inserted] = await db.insert(schema.memberOtherCoverage).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}
