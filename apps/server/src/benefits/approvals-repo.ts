// A member's approved prior authorizations for some drug groups, in the rules' shape (the price check shows
// "approval on file" and lets an approval lift a quantity limit, exactly as adjudication would).
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import type { PriorAuthApproval } from '@openpbm/domain';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';

const { priorAuthorizations: pa } = schema;

export async function findApprovedPriorAuths(
  db: Database,
  memberId: string,
  drugGroupIds: string[],
): Promise<PriorAuthApproval[]> {
  if (drugGroupIds.length === 0) return [];
  const rows = await db
    .select({
      id: pa.id,
      drugGroupId: pa.drugGroupId,
      effectiveFrom: pa.effectiveFrom,
      effectiveTo: pa.effectiveTo,
      approvedQuantityMilli: pa.approvedQuantityMilli,
      approvedDaysSupply: pa.approvedDaysSupply,
    })
    .from(pa)
    .where(
      and(
        eq(pa.memberId, memberId),
        inArray(pa.drugGroupId, drugGroupIds),
        eq(pa.status, 'approved'),
        isNotNull(pa.effectiveFrom),
        isNotNull(pa.effectiveTo),
      ),
    );
  return rows.map((row) => ({
    id: row.id,
    drugGroupId: row.drugGroupId,
    status: 'approved' as const,
    effectiveDate: row.effectiveFrom ?? '',
    expirationDate: row.effectiveTo ?? '',
    maxQuantityMilliPerFill: row.approvedQuantityMilli,
    maxDaysSupplyPerFill: row.approvedDaysSupply,
  }));
}
