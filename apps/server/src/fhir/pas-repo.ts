// SQL for Da Vinci PAS: the drug group of a submitted NDC, a case by its number (for $inquire), and replays.
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import { and, eq, inArray, lt } from 'drizzle-orm';

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

// Replays of PAS submissions live in the platform's idempotency table, under the submitter's own scope, one row
// per submitter identifier (Bundle.identifier and Claim.identifier).
const { idempotencyKeys: keys } = schema;

export async function forgetSubmissionsBefore(db: Database, scope: string, ids: string[], before: Date) {
  await db.delete(keys).where(and(eq(keys.scope, scope), inArray(keys.key, ids), lt(keys.createdAt, before)));
}

export function findSubmissions(db: Database, scope: string, ids: string[]) {
  return db
    .select()
    .from(keys)
    .where(and(eq(keys.scope, scope), inArray(keys.key, ids)));
}

/** Claims the identifiers for a first submission; returns those this call inserted (a racing twin gets fewer). */
export async function claimSubmission(db: Database, scope: string, ids: string[], hash: string, now: Date) {
  const rows = await db
    .insert(keys)
    .values(ids.map((key) => ({ scope, key, requestHash: hash, createdAt: now })))
    .onConflictDoNothing()
    .returning({ key: keys.key });
  return rows.map((r) => r.key);
}

export async function releaseSubmission(db: Database, scope: string, ids: string[]) {
  if (ids.length) await db.delete(keys).where(and(eq(keys.scope, scope), inArray(keys.key, ids)));
}

export async function storeSubmissionAnswer(db: Database, scope: string, ids: string[], answer: unknown) {
  await db
    .update(keys)
    .set({ responseStatus: 200, responseBody: answer })
    .where(and(eq(keys.scope, scope), inArray(keys.key, ids)));
}
