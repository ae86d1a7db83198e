// SQL of marketing selections: who may get a marketing e-mail (covered today, an e-mail address on file), and
// who of them opted out of marketing. Policy (adults only, the message) is in marketing-service.ts.
import { type Database, schema } from '@openpbm/db';
import { and, eq, isNotNull, sql } from 'drizzle-orm';

const { members, privacyChoices } = schema;

export async function marketingCandidates(db: Database, today: string, clientId: string | null) {
  return db
    .select({
      memberId: members.id,
      firstName: members.firstName,
      email: members.email,
      dateOfBirthEnc: members.dateOfBirthEnc,
      optedOut: sql<boolean>`coalesce(${privacyChoices.marketingOptOut}, false)`,
    })
    .from(members)
    .leftJoin(privacyChoices, eq(privacyChoices.memberId, members.id))
    .where(
      and(
        isNotNull(members.email),
        clientId ? eq(members.clientId, clientId) : undefined,
        sql`exists (select 1 from eligibility_spans s where s.member_id = ${members.id} and s.status = 'active'
                      and s.start_date <= ${today} and (s.end_date is null or s.end_date >= ${today}))`,
      ),
    )
    .orderBy(members.id);
}
