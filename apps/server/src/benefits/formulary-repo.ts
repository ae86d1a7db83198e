// Formulary reads for the coverage search and the price check: drug groups by name, their packages, and a
// formulary's entries for them. SQL only; which entry wins and how it is shown is decided in the services.
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';

const { drugGroups, drugProducts, formularyEntries, formularies, therapeuticClasses } = schema;

export type DrugGroupRow = Pick<
  typeof drugGroups.$inferSelect,
  'id' | 'name' | 'strength' | 'dosageForm' | 'therapeuticClassId' | 'specialty' | 'maintenance'
>;
export type DrugProductRow = Pick<
  typeof drugProducts.$inferSelect,
  'ndc' | 'name' | 'brandName' | 'source' | 'unit' | 'drugGroupId' | 'obsoleteDate'
>;
export type FormularyEntryRow = typeof formularyEntries.$inferSelect;

const groupColumns = {
  id: drugGroups.id,
  name: drugGroups.name,
  strength: drugGroups.strength,
  dosageForm: drugGroups.dosageForm,
  therapeuticClassId: drugGroups.therapeuticClassId,
  specialty: drugGroups.specialty,
  maintenance: drugGroups.maintenance,
};
const productColumns = {
  ndc: drugProducts.ndc,
  name: drugProducts.name,
  brandName: drugProducts.brandName,
  source: drugProducts.source,
  unit: drugProducts.unit,
  drugGroupId: drugProducts.drugGroupId,
  obsoleteDate: drugProducts.obsoleteDate,
};

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `%text%` for ILIKE with the user's own % and _ taken literally. */
export const containsPattern = (text: string): string => `%${escapeLike(text)}%`;

/**
 * Drug groups whose name, or one of whose packages' label or brand name, contains the text. Names that start
 * with the text come first. Obsolete packages still match (a member may search an old name).
 */
export async function searchDrugGroups(db: Database, text: string, limit: number): Promise<DrugGroupRow[]> {
  const pattern = containsPattern(text);
  const productMatch = db
    .select({ id: drugProducts.drugGroupId })
    .from(drugProducts)
    .where(or(ilike(drugProducts.name, pattern), ilike(drugProducts.brandName, pattern)));
  return db
    .select(groupColumns)
    .from(drugGroups)
    .where(or(ilike(drugGroups.name, pattern), inArray(drugGroups.id, productMatch)))
    .orderBy(sql`(${drugGroups.name} ilike ${`${escapeLike(text)}%`}) desc`, asc(drugGroups.name))
    .limit(limit);
}

export async function findDrugGroups(db: Database, ids: string[]): Promise<DrugGroupRow[]> {
  if (ids.length === 0) return [];
  return db.select(groupColumns).from(drugGroups).where(inArray(drugGroups.id, ids));
}

/** Other groups of a therapeutic class (therapeutic alternatives), by name. */
export async function findGroupsInClass(db: Database, therapeuticClassId: string): Promise<DrugGroupRow[]> {
  return db
    .select(groupColumns)
    .from(drugGroups)
    .where(eq(drugGroups.therapeuticClassId, therapeuticClassId))
    .orderBy(asc(drugGroups.name));
}

export async function findProductsOfGroups(db: Database, groupIds: string[]): Promise<DrugProductRow[]> {
  if (groupIds.length === 0) return [];
  return db
    .select(productColumns)
    .from(drugProducts)
    .where(inArray(drugProducts.drugGroupId, groupIds))
    .orderBy(asc(drugProducts.source), asc(drugProducts.name), asc(drugProducts.ndc));
}

/** A formulary's entries for these groups: group-level entries and NDC entries of the groups' packages. */
export async function findFormularyEntries(
  db: Database,
  formularyId: string,
  groupIds: string[],
): Promise<FormularyEntryRow[]> {
  if (groupIds.length === 0) return [];
  const ndcsOfGroups = db
    .select({ ndc: drugProducts.ndc })
    .from(drugProducts)
    .where(inArray(drugProducts.drugGroupId, groupIds));
  return db
    .select()
    .from(formularyEntries)
    .where(
      and(
        eq(formularyEntries.formularyId, formularyId),
        or(inArray(formularyEntries.drugGroupId, groupIds), inArray(formularyEntries.ndc, ndcsOfGroups)),
      ),
    );
}

export async function findFormularyName(db: Database, formularyId: string): Promise<string | null> {
  const [row] = await db
    .select({ name: formularies.name })
    .from(formularies)
    .where(eq(formularies.id, formularyId));
  return row?.name ?? null;
}

export async function findTherapeuticClassName(db: Database, id: string): Promise<string | null> {
  const [row] = await db
    .select({ name: therapeuticClasses.name })
    .from(therapeuticClasses)
    .where(eq(therapeuticClasses.id, id));
  return row?.name ?? null;
}
