// SQL for activation and registration: a member who has no account yet. Nobody is signed in, so these are
// system reads (the name says so): the member found by member-number blind index, their coverage in force, and
// the member account created for them. Policy (what must match, throttling, auditing) lives in the services.
import { type Database, type DatabaseHandle, schema } from '@openpbm/db';
import { and, eq, gte, isNull, lte, or } from 'drizzle-orm';

const { members, eligibilitySpans, users } = schema;

export type NewMemberUser = Omit<typeof users.$inferInsert, 'role'>;

export function systemEnrolmentRepo(db: DatabaseHandle) {
  return {
    async memberByNumberIndex(memberNumberBidx: string) {
      const [row] = await db.db
        .select()
        .from(members)
        .where(eq(members.memberNumberBidx, memberNumberBidx))
        .limit(1);
      return row ?? null;
    },
    async member(id: string) {
      const [row] = await db.db.select().from(members).where(eq(members.id, id));
      return row ?? null;
    },
    /** Whether an active eligibility span covers `day` (a local date). */
    async coveredOn(memberId: string, day: string): Promise<boolean> {
      const [span] = await db.db
        .select({ id: eligibilitySpans.id })
        .from(eligibilitySpans)
        .where(
          and(
            eq(eligibilitySpans.memberId, memberId),
            eq(eligibilitySpans.status, 'active'),
            lte(eligibilitySpans.startDate, day),
            or(isNull(eligibilitySpans.endDate), gte(eligibilitySpans.endDate, day)),
          ),
        )
        .limit(1);
      return Boolean(span);
    },
    /** A member account; null when the username is taken (the unique index decides, not a prior read). */
    async insertMemberUser(tx: Pick<Database, 'insert'>, values: NewMemberUser) {
      const [user] = await tx
        .insert(users)
        .values({ ...values, role: 'member' })
        .onConflictDoNothing()
        .returning({ id: users.id });
      return user ?? null;
    },
  };
}
