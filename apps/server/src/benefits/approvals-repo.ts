// A member's approved prior authorizations and formulary exceptions for some drug groups, in the rules' shape
// (the price check shows "approval on file", lets an approval lift a quantity limit and an exception cover a
// drug or lower its tier, exactly as adjudication would).
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import type { PriorAuthApproval } from '@openpbm/domain';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

const { priorAuthorizations: pa } = schema;
const parent = alias(pa, 'parent');

export async function findApprovedPriorAuths(
  db: Database,
  memberId: string,
  drugGroupIds: string[],
): Promise<PriorAuthApproval[]> {
  if (drugGroupIds.length === 0) return [];
  const rows = await db
    .select({
      id: pa.id,
      type: pa.type,
      parentType: parent.type,
      requestedTier: pa.requestedTier,
      drugGroupId: pa.drugGroupId,
      effectiveFrom: pa.effectiveFrom,
      effectiveTo: pa.effectiveTo,
      approvedQuantityMilli: pa.approvedQuantityMilli,
      approvedDaysSupply: pa.approvedDaysSupply,
    })
    .from(pa)
    .leftJoin(parent, eq(parent.id, pa.parentId))
    .where(
      and(
        eq(pa.memberId, memberId),
        inArray(pa.drugGroupId, drugGroupIds),
        eq(pa.status, 'approved'),
        isNotNull(pa.effectiveFrom),
        isNotNull(pa.effectiveTo),
      ),
    );
  return rows.map((row) => {
    // An approved appeal grants what the case it appealed asked for.
    const exception = (row.parentType ?? row.type) === 'formulary_exception';
    return {
      id: row.id,
      drugGroupId: row.drugGroupId,
      status: 'approved' as const,
      effectiveDate: row.effectiveFrom ?? '',
      expirationDate: row.effectiveTo ?? '',
      maxQuantityMilliPerFill: row.approvedQuantityMilli,
      maxDaysSupplyPerFill: row.approvedDaysSupply,
      kind: exception ? ('formulary_exception' as const) : ('prior_auth' as const),
      grantedTier: exception ? (row.requestedTier ?? null) : null,
    };
  });
}
