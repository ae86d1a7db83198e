// SQL for Da Vinci PAS: the drug group of a submitted NDC, and a case by its number (for $inquire).
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';

const { drugProducts, priorAuthorizations } = schema;

export async function findDrugGroupOfNdc(db: Database, ndc: string): Promise<string | null> {
  const [row] = await db
    .select({ groupId: drugProducts.drugGroupId })
    .from(drugProducts)
    .where(eq(drugProducts.ndc, ndc));
  return row?.groupId ?? null;
}

export async function findCaseIdByNumber(db: Database, caseNumber: string): Promise<string | null> {
  const [row] = await db
    .select({ id: priorAuthorizations.id })
    .from(priorAuthorizations)
    .where(eq(priorAuthorizations.caseNumber, caseNumber));
  return row?.id ?? null;
}
