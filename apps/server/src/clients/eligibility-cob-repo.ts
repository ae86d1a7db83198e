// SQL of the other coverage an eligibility file brings (834 loop 2320): a member whose record carries it gets
// the file's rows in place of what earlier files gave; rows customer service recorded stay.
import { type Database, schema } from '@openpbm/db';
import { pgArrayLiteral } from '@openpbm/db/pg-array';
import { sql } from 'drizzle-orm';

type Writer = Pick<Database, 'insert' | 'execute'>;
export type NewFileOtherCoverage = Omit<typeof schema.memberOtherCoverage.$inferInsert, 'source'>;

export async function replaceFileOtherCoverage(
  tx: Writer,
  memberIds: string[],
  rows: NewFileOtherCoverage[],
): Promise<void> {
  if (memberIds.length === 0) return;
  await tx.execute(
    sql`delete from member_other_coverage where source = 'eligibility_file'
      and member_id = any(${pgArrayLiteral(memberIds)}::uuid[])`,
  );
  if (rows.length > 0)
    await tx
      .insert(schema.memberOtherCoverage)
      .values(rows.map((r) => ({ ...r, source: 'eligibility_file' as const })));
}
