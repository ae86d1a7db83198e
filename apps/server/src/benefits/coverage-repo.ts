// The plan a member is covered by on a date (their eligibility span), with the plan's formulary and limits.
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import { and, desc, eq, gte, isNull, lte, or } from 'drizzle-orm';

const { eligibilitySpans, plans } = schema;

export interface CoverageOnDate {
  planId: string;
  planName: string;
  formularyId: string;
  coverageLevel: 'individual' | 'family';
}

/** The span covering `date` (end date inclusive); the latest-starting one if spans overlap. */
export async function findCoverageOnDate(
  db: Database,
  memberId: string,
  date: string,
): Promise<CoverageOnDate | null> {
  const [row] = await db
    .select({
      planId: plans.id,
      planName: plans.name,
      formularyId: plans.formularyId,
      coverageLevel: eligibilitySpans.coverageLevel,
    })
    .from(eligibilitySpans)
    .innerJoin(plans, eq(plans.id, eligibilitySpans.planId))
    .where(
      and(
        eq(eligibilitySpans.memberId, memberId),
        lte(eligibilitySpans.startDate, date),
        or(isNull(eligibilitySpans.endDate), gte(eligibilitySpans.endDate, date)),
      ),
    )
    .orderBy(desc(eligibilitySpans.startDate))
    .limit(1);
  return row ?? null;
}
