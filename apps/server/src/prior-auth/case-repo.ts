// SQL of prior authorization cases (prior_authorizations): insert, read with the drug's name, guarded updates,
// lists per prescriber / member / review queue, and the chain of cases an appeal appeals.
import { randomInt } from 'node:crypto';
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import type { PriorAuthStatus } from '@openpbm/db/schema/prior-auth';
import { OPEN_STATUSES } from '@openpbm/domain';
import { and, asc, desc, eq, getTableColumns, gte, inArray, lte, or, sql } from 'drizzle-orm';
import { InvariantBroken } from '../platform/internal-errors';

const { priorAuthorizations: pa, drugGroups } = schema;

export type CaseRow = typeof pa.$inferSelect;
export type NewCase = Omit<typeof pa.$inferInsert, 'id' | 'caseNumber'>;
export type CaseWithDrug = CaseRow & { drugName: string };

/** Open cases (the one rule in packages/domain). */
export const OPEN: PriorAuthStatus[] = [...OPEN_STATUSES];

// Crockford base32 without I, L, O, U: readable over the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX = { prior_auth: 'PA', formulary_exception: 'FX', appeal: 'AP' } as const;

/** "PA26-7F3K9Q": type, year, 6 random characters (the seed's PA00000001 numbers never collide with it). */
export function newCaseNumber(type: keyof typeof PREFIX, at: Date): string {
  let random = '';
  for (let i = 0; i < 6; i += 1) random += ALPHABET[randomInt(ALPHABET.length)];
  return `${PREFIX[type]}${String(at.getUTCFullYear()).slice(2)}-${random}`;
}

export async function insertCase(db: Database, row: NewCase): Promise<CaseRow> {
  const [inserted] = await db
    .insert(pa)
    .values({ ...row, caseNumber: newCaseNumber(row.type, row.submittedAt) })
    .returning();
  if (!inserted) throw new InvariantBroken('prior authorization insert returned nothing');
  return inserted;
}

const withDrug = { ...getTableColumns(pa), drugName: drugGroups.name };

export async function findCase(db: Database, id: string): Promise<CaseWithDrug | null> {
  const [row] = await db
    .select(withDrug)
    .from(pa)
    .innerJoin(drugGroups, eq(drugGroups.id, pa.drugGroupId))
    .where(eq(pa.id, id));
  return row ?? null;
}

/** Row lock for a decision: concurrent reviewers and the escalation job wait for each other. */
export async function lockCase(db: Database, id: string): Promise<CaseRow | null> {
  const [row] = await db.select().from(pa).where(eq(pa.id, id)).for('update');
  return row ?? null;
}

export async function updateCase(
  db: Database,
  id: string,
  patch: Partial<typeof pa.$inferInsert>,
): Promise<CaseRow> {
  const [row] = await db.update(pa).set(patch).where(eq(pa.id, id)).returning();
  if (!row) throw new InvariantBroken('prior authorization update found no row');
  return row;
}

export async function listCasesOfPrescriber(db: Database, prescriberId: string, limit = 200) {
  const rows = await db
    .select(withDrug)
    .from(pa)
    .innerJoin(drugGroups, eq(drugGroups.id, pa.drugGroupId))
    .where(eq(pa.prescriberId, prescriberId))
    .orderBy(desc(pa.submittedAt))
    .limit(limit);
  return rows;
}

export async function listCasesOfMember(db: Database, memberId: string) {
  const rows = await db
    .select(withDrug)
    .from(pa)
    .innerJoin(drugGroups, eq(drugGroups.id, pa.drugGroupId))
    .where(eq(pa.memberId, memberId))
    .orderBy(desc(pa.submittedAt));
  return rows;
}

/** Open cases for the review queue (sorted by the service, whose deadline depends on the clock state). */
export async function listOpenCases(db: Database, limit = 500) {
  const rows = await db
    .select(withDrug)
    .from(pa)
    .innerJoin(drugGroups, eq(drugGroups.id, pa.drugGroupId))
    .where(inArray(pa.status, OPEN))
    .orderBy(asc(pa.dueAt))
    .limit(limit);
  return rows;
}

/** An open case of the same member, drug and type (one at a time), or null. */
export async function findOpenCase(
  db: Pick<Database, 'select'>,
  of: { memberId: string; drugGroupId: string; type: CaseRow['type'] },
): Promise<{ caseNumber: string } | null> {
  const [open] = await db
    .select({ caseNumber: pa.caseNumber })
    .from(pa)
    .where(
      and(
        eq(pa.memberId, of.memberId),
        eq(pa.drugGroupId, of.drugGroupId),
        eq(pa.type, of.type),
        inArray(pa.status, OPEN),
      ),
    )
    .limit(1);
  return open ?? null;
}

/**
 * The case a pharmacy's P1/P4 reuses: for the member and drug, one approved in force on the date of service
 * (approvals first) or one still open; null when there is none.
 */
export async function findCaseForPharmacy(
  db: Database,
  of: { memberId: string; drugGroupId: string; dateOfService: string },
): Promise<CaseRow | null> {
  const [row] = await db
    .select()
    .from(pa)
    .where(
      and(
        eq(pa.memberId, of.memberId),
        eq(pa.drugGroupId, of.drugGroupId),
        or(
          and(
            eq(pa.status, 'approved'),
            lte(pa.effectiveFrom, of.dateOfService),
            gte(pa.effectiveTo, of.dateOfService),
          ),
          inArray(pa.status, OPEN),
        ),
      ),
    )
    .orderBy(sql`(${pa.status} = 'approved') desc`, desc(pa.submittedAt))
    .limit(1);
  return row ?? null;
}

/** A P3 inquiry's case: by its number when the pharmacy gives one, else the member's latest for the drug. */
export async function findCaseForInquiry(
  db: Database,
  of: { memberId: string; caseNumber: string | null; drugGroupId: string | null },
): Promise<CaseRow | null> {
  const match = of.caseNumber
    ? eq(pa.caseNumber, of.caseNumber)
    : of.drugGroupId
      ? eq(pa.drugGroupId, of.drugGroupId)
      : null;
  if (!match) return null;
  const [row] = await db
    .select()
    .from(pa)
    .where(and(eq(pa.memberId, of.memberId), match))
    .orderBy(desc(pa.submittedAt))
    .limit(1);
  return row ?? null;
}

/** The appeal filed against a case, if any (one per case). */
export async function findAppealOf(db: Database, parentId: string): Promise<CaseRow | null> {
  const [row] = await db
    .select()
    .from(pa)
    .where(and(eq(pa.parentId, parentId), eq(pa.type, 'appeal')))
    .limit(1);
  return row ?? null;
}

export async function findCasesByIds(db: Database, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: pa.id, caseNumber: pa.caseNumber }).from(pa).where(inArray(pa.id, ids));
}

/** Who decided each earlier case in an appeal's chain (parent, grandparent, ...). */
export async function chainDeciders(db: Database, caseId: string): Promise<Array<string | null>> {
  const deciders: Array<string | null> = [];
  const [start] = await db.select({ parentId: pa.parentId }).from(pa).where(eq(pa.id, caseId));
  let parentId = start?.parentId ?? null;
  // Chains are short (a case and its appeal); the bound only guards against a corrupt cycle.
  for (let depth = 0; parentId && depth < 10; depth += 1) {
    const [parent] = await db
      .select({ parentId: pa.parentId, reviewerUserId: pa.reviewerUserId })
      .from(pa)
      .where(eq(pa.id, parentId));
    if (!parent) break;
    deciders.push(parent.reviewerUserId);
    parentId = parent.parentId;
  }
  return deciders;
}
