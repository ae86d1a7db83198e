// The digital member ID card: who is covered, the plan and the claim routing (BIN/PCN/RxGroup) a pharmacy needs,
// and the customer-service phone. One card per family member the signed-in member may see, for the coverage in
// force today. Every card read is audited.
import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { localDateInTimeZone } from '@openpbm/domain';
import type { IdCard } from '@openpbm/shared/id-card';
import type { AppDeps } from '../app-deps';
import { listAccessibleMembers, requireMemberAccess } from '../family/access';
import { auditRead, type ReadContext } from '../prescriptions/service';
import { idCardRepo } from './repo';

/** Every card the member may see, or the one asked for (someone else's member id is 404, like every route). */
export async function idCards(deps: AppDeps, ctx: ReadContext, memberId?: string): Promise<IdCard[]> {
  const members = memberId
    ? [await requireMemberAccess(deps, ctx.principal, memberId, 'view')]
    : await listAccessibleMembers(deps, ctx.principal);
  if (members.length === 0) return [];
  const scope = {
    kind: 'family' as const,
    userId: ctx.principal.userId,
    memberIds: members.map((m) => m.memberId),
  };
  const rows = await idCardRepo(deps.db, scope).coverageRows();
  const key = fieldKeyFromConfig(deps.config);
  const now = deps.now();
  const cards: IdCard[] = [];
  for (const member of members) {
    const today = localDateInTimeZone(now, member.timeZone);
    const row = rows.find(
      (r) => r.member_id === member.memberId && r.start_date <= today && (!r.end_date || r.end_date >= today),
    );
    if (!row) continue;
    await auditRead(deps, ctx, { resourceType: 'id_card', memberId: member.memberId });
    cards.push({
      memberId: row.member_id,
      memberName: `${row.first_name} ${row.last_name}`,
      memberNumber: decryptField(key, row.member_number_enc, FIELD_CONTEXTS.memberNumber),
      personCode: row.person_code,
      groupNumber: row.group_number,
      groupName: row.group_name,
      sponsorName: row.client_name,
      planName: row.plan_name,
      bin: row.bin,
      pcn: row.pcn,
      rxGroup: row.rx_group,
      customerServicePhone: row.customer_service_phone,
      coverageStart: row.start_date,
      coverageEnd: row.end_date,
      issuedAt: now.toISOString(),
    });
  }
  return cards;
}
