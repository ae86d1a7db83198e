// SQL of the public Drug Formulary API: plans and their formularies, and which drug groups a formulary lists
// (by a group entry or an entry for one of the group's packages). The entries themselves are read with the
// benefits formulary repo, the same reads the member coverage search uses.
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { containsPattern } from '../benefits/formulary-repo';

const { plans, formularies, formularyEntries, drugProducts, drugGroups } = schema;

export async function listPlans(db: Database, ids?: string[]) {
  return db
    .select({
      id: plans.id,
      code: plans.code,
      name: plans.name,
      status: plans.status,
      formularyId: plans.formularyId,
      updatedAt: plans.updatedAt,
    })
    .from(plans)
    .where(ids ? inArray(plans.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000']) : undefined)
    .orderBy(asc(plans.code));
}

export async function listFormularies(db: Database, ids?: string[]) {
  return db
    .select()
    .from(formularies)
    .where(
      ids ? inArray(formularies.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000']) : undefined,
    )
    .orderBy(asc(formularies.code));
}

/** Drug groups a formulary lists, optionally only those matching a name or holding one of these NDCs. */
export async function listedGroupIds(
  db: Database,
  formularyId: string,
  filters: { name?: string; ndcs?: string[]; groupIds?: string[] },
): Promise<string[]> {
  const listed = db
    .select({
      id: sql<string>`coalesce(${formularyEntries.drugGroupId}, ${drugProducts.drugGroupId})`.as(
        'listed_group_id',
      ),
    })
    .from(formularyEntries)
    .leftJoin(drugProducts, eq(drugProducts.ndc, formularyEntries.ndc))
    .where(eq(formularyEntries.formularyId, formularyId))
    .as('listed');
  const conditions = [];
  if (filters.name) {
    const pattern = containsPattern(filters.name);
    const productMatch = db
      .select({ id: drugProducts.drugGroupId })
      .from(drugProducts)
      .where(or(ilike(drugProducts.name, pattern), ilike(drugProducts.brandName, pattern)));
    conditions.push(or(ilike(drugGroups.name, pattern), inArray(drugGroups.id, productMatch)));
  }
  if (filters.ndcs) {
    const byNdc = db
      .select({ id: drugProducts.drugGroupId })
      .from(drugProducts)
      .where(inArray(drugProducts.ndc, filters.ndcs));
    conditions.push(inArray(drugGroups.id, byNdc));
  }
  if (filters.groupIds) conditions.push(inArray(drugGroups.id, filters.groupIds));
  const rows = await db
    .selectDistinct({ id: drugGroups.id, name: drugGroups.name })
    .from(drugGroups)
    .innerJoin(listed, eq(listed.id, drugGroups.id))
    .where(and(...conditions))
    .orderBy(asc(drugGroups.name), asc(drugGroups.id));
  return rows.map((r) => r.id);
}
