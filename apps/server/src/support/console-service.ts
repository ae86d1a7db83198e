// The staff console: member search (member ID by its blind index, or last name + date of birth) inside the
// agent's clients, the 360° view with identifying fields masked, and revealing one field with a reason.
// Every look-up, view and reveal writes an audit row with the agent's reason.
import {
  decryptField,
  FIELD_CONTEXTS,
  fieldKeyFromConfig,
  memberNumberIndex,
} from '@openpbm/db/field-crypto';
import type { Member } from '@openpbm/db/schema/members';
import type { MemberSearchRequest } from '@openpbm/shared/support';
import type { AppDeps } from '../app-deps';
import { addressOnFile } from '../orders/address';
import { notFound, ProblemError } from '../platform/problem';
import { auditByCaller } from '../privacy/audit';
import { listAssistedActions } from './assist-repo';
import * as repo from './console-repo';
import { requireServedMember, type StaffContext } from './scope';

export const MAX_SEARCH_MATCHES = 20;
/** Last-name candidates read before the date of birth narrows them (a common name inside one client). */
const MAX_CANDIDATES = 5000;

const tooMany = () =>
  new ProblemError(
    422,
    'too-many-matches',
    'More than 20 people match',
    'Add the first name, or search by member ID.',
    [{ field: 'firstName', message: 'Add the first name to narrow the search' }],
  );

export const maskTail = (value: string, keep = 4) =>
  value.length <= keep ? '•'.repeat(value.length) : `${'•'.repeat(value.length - keep)}${value.slice(-keep)}`;

export async function searchMembers(deps: AppDeps, ctx: StaffContext, input: MemberSearchRequest) {
  const key = fieldKeyFromConfig(deps.config);
  const agent = ctx.principal.userId;
  let rows: repo.SearchRow[] = [];
  let matchCount: number;
  if (input.memberNumber) {
    rows = await repo.byMemberNumberIndex(deps.db.sql, memberNumberIndex(key, input.memberNumber), agent);
    matchCount = rows.length;
  } else {
    const candidates = await repo.candidatesByLastName(
      deps.db.sql,
      input.lastName as string,
      input.firstName ?? null,
      agent,
      MAX_CANDIDATES + 1,
    );
    if (candidates.length > MAX_CANDIDATES) throw tooMany();
    const matches = candidates.filter(
      (r) => decryptField(key, r.date_of_birth_enc, FIELD_CONTEXTS.dateOfBirth) === input.dateOfBirth,
    );
    matchCount = matches.length;
    // More than 20 is refused below (after the audit row), so their names are never read.
    if (matchCount <= MAX_SEARCH_MATCHES)
      rows = await repo.byIds(
        deps.db.sql,
        matches.map((r) => r.id),
      );
  }
  const by = input.memberNumber ? 'member_number' : 'name_and_date_of_birth';
  const now = deps.now();
  await auditByCaller(
    deps,
    ctx,
    {
      action: 'searched',
      resourceType: 'member_search',
      reason: input.reason ?? null,
      detail: { by, matches: matchCount },
    },
    now,
  );
  if (matchCount > MAX_SEARCH_MATCHES) throw tooMany();
  return {
    members: rows.map((r) => ({
      memberId: r.id,
      name: `${r.first_name} ${r.last_name}`,
      memberNumberMasked: maskTail(decryptField(key, r.member_number_enc, FIELD_CONTEXTS.memberNumber)),
      city: r.city,
      state: r.state,
      restricted: r.restricted,
    })),
  };
}

function audit(
  deps: AppDeps,
  ctx: StaffContext,
  memberId: string,
  action: string,
  resourceType: string,
  reason: string,
  detail?: Record<string, unknown>,
) {
  return auditByCaller(deps, ctx, {
    action,
    resourceType,
    resourceId: memberId,
    memberId,
    reason,
    detail: detail ?? null,
  });
}

function maskedIdentity(deps: AppDeps, member: Member) {
  const key = fieldKeyFromConfig(deps.config);
  const number = decryptField(key, member.memberNumberEnc, FIELD_CONTEXTS.memberNumber);
  return {
    memberNumber: maskTail(number),
    dateOfBirth: '••••-••-••',
    address: `•••, ${member.city}, ${member.state} ${member.zip}`,
    email: member.email ? `${member.email.slice(0, 1)}•••@•••` : null,
    phone: member.phone ? maskTail(member.phone.replace(/\D/g, '')) : null,
  };
}

/** The 360° view of one member the agent serves (identifying fields masked). */
export async function memberOverview(deps: AppDeps, ctx: StaffContext, memberId: string) {
  const member = await requireServedMember(deps, ctx, memberId);
  const sql = deps.db.sql;
  const [coverage, prescriptions, orders, claims, priorAuths, cases, account, assisted] = await Promise.all([
    repo.coverageOf(sql, memberId),
    repo.prescriptionsOf(sql, memberId),
    repo.ordersOf(sql, memberId),
    repo.claimsOf(sql, memberId),
    repo.priorAuthsOf(sql, memberId),
    repo.casesOf(sql, memberId),
    repo.accountOf(sql, memberId),
    listAssistedActions(deps.db.db, memberId),
  ]);
  const [preferences, signIns] = account
    ? await Promise.all([repo.preferencesOf(sql, account.id), repo.recentSignInsOf(sql, account.id)])
    : [[], []];
  await audit(deps, ctx, memberId, 'viewed', 'member_overview', 'member_request');
  const current = coverage[0] ?? null;
  return {
    memberId,
    name: `${member.firstName} ${member.lastName}`,
    masked: maskedIdentity(deps, member),
    coverage: coverage.map((c) => ({
      planName: c.plan_name,
      groupName: c.group_name,
      groupNumber: c.group_number,
      startDate: c.start_date,
      endDate: c.end_date,
      status: c.status,
      coverageLevel: c.coverage_level,
    })),
    idCard: current
      ? {
          bin: current.bin,
          pcn: current.pcn,
          rxGroup: current.rx_group,
          phone: current.customer_service_phone,
        }
      : null,
    prescriptions: prescriptions.map((p) => ({
      id: p.id,
      rxNumber: p.rx_number,
      drugName: p.drug_name,
      status: p.status,
      refillsRemaining: p.refills_remaining,
      lastFillDate: p.last_fill_date,
      autoRefill: p.auto_refill,
    })),
    orders: orders.map((o) => ({
      id: o.id,
      orderNumber: o.order_number,
      status: o.status,
      carrier: o.carrier,
      trackingNumber: o.tracking_number,
      createdAt: o.created_at.toISOString(),
    })),
    claims: claims.map((c) => ({
      id: c.id,
      dateOfService: c.date_of_service,
      rxNumber: c.rx_number,
      drugName: c.drug_name,
      status: c.status,
      patientPayCents: c.patient_pay_cents,
    })),
    priorAuths: priorAuths.map((p) => ({
      id: p.id,
      caseNumber: p.case_number,
      type: p.type,
      status: p.status,
      drugName: p.drug_name,
      submittedAt: p.submitted_at.toISOString(),
    })),
    cases: cases.map((c) => ({
      id: c.id,
      caseNumber: c.case_number,
      category: c.category,
      status: c.status,
      subject: c.subject,
      dueAt: c.due_at.toISOString(),
    })),
    account: account
      ? {
          status: account.status,
          emailVerified: account.email_verified_at !== null,
          alertPreferences: preferences,
          recentSignIns: signIns.map((s) => ({ at: s.at.toISOString(), result: s.result, method: s.method })),
        }
      : null,
    assistedActions: assisted.map((a) => ({ action: a.action, at: a.createdAt.toISOString() })),
  };
}

/** One identifying field in clear, for a stated reason (audited with the field name, never the value). */
export async function revealField(
  deps: AppDeps,
  ctx: StaffContext,
  memberId: string,
  field: 'memberNumber' | 'dateOfBirth' | 'address' | 'email' | 'phone',
  reason: string,
): Promise<{ field: string; value: string | null }> {
  const member = await requireServedMember(deps, ctx, memberId);
  const key = fieldKeyFromConfig(deps.config);
  let value: string | null;
  if (field === 'memberNumber')
    value = decryptField(key, member.memberNumberEnc, FIELD_CONTEXTS.memberNumber);
  else if (field === 'dateOfBirth')
    value = decryptField(key, member.dateOfBirthEnc, FIELD_CONTEXTS.dateOfBirth);
  else if (field === 'address') {
    const a = addressOnFile(deps.config, member);
    value = [a.line1, a.line2, `${a.city}, ${a.state} ${a.zip}`].filter(Boolean).join(', ');
  } else value = member[field] ?? null;
  if (!member) throw notFound();
  await audit(deps, ctx, memberId, 'revealed', 'member_field', reason, { field });
  return { field, value };
}
