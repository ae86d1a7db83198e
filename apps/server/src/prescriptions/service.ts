// Member prescriptions: the list (self and the family members they may see) with filters and search, and one
// prescription with its fills. Every read is audited per member whose data was shown.
import { localDateInTimeZone } from '@openpbm/domain';
import type {
  PrescriptionDetail,
  PrescriptionSearchRequest,
  PrescriptionsResponse,
  prescriptionSearchRequest,
} from '@openpbm/shared/pharmacy';
import type { z } from 'zod';
import type { AppDeps } from '../app-deps';
import {
  type AccessibleMember,
  HIDDEN_ADULTS_NOTICE,
  loadFamilyView,
  requireMemberAccess,
} from '../family/access';
import type { Principal } from '../identity/principal';
import { notFound } from '../platform/problem';
import { auditByCaller } from '../privacy/audit';
import { toSummary } from './refill-view';
import * as repo from './repo';

export interface ReadContext {
  principal: Principal;
  ip: string | null;
}

export async function auditRead(
  deps: AppDeps,
  ctx: ReadContext,
  read: {
    resourceType: string;
    resourceId?: string | null;
    memberId: string;
    detail?: Record<string, unknown> | null;
  },
): Promise<void> {
  await auditByCaller(deps, ctx, {
    action: 'viewed',
    resourceType: read.resourceType,
    resourceId: read.resourceId ?? null,
    memberId: read.memberId,
    reason: ctx.principal.memberId === read.memberId ? 'member_request' : 'member_request_for_family',
    detail: read.detail ?? null,
  });
}

const memberView = ({ memberId, firstName, lastName, relationship, access }: AccessibleMember) => ({
  memberId,
  firstName,
  lastName,
  relationship,
  access,
});

export async function searchPrescriptions(
  deps: AppDeps,
  ctx: ReadContext,
  input: z.output<typeof prescriptionSearchRequest> | PrescriptionSearchRequest,
): Promise<PrescriptionsResponse> {
  const family = await loadFamilyView(deps, ctx.principal);
  const targets = input.memberId
    ? family.accessible.filter((m) => m.memberId === input.memberId)
    : family.accessible;
  if (input.memberId && targets.length === 0) throw notFound('No member with this id is available to you.');
  const accessOf = new Map(targets.map((m) => [m.memberId, m]));
  const rows = await repo.selectPrescriptionsOfMembers(deps.db.sql, [...accessOf.keys()]);
  const now = deps.now();
  const query = input.query?.trim().toLowerCase() ?? '';
  const status = input.status ?? 'current';
  const prescriptions = rows
    .map((row) => {
      const member = accessOf.get(row.member_id) as AccessibleMember;
      return toSummary(row, localDateInTimeZone(now, member.timeZone), member.access);
    })
    .filter((rx) => status === 'all' || (status === 'current' ? rx.current : !rx.current))
    .filter((rx) => !input.refillableOnly || rx.canRefill)
    .filter(
      (rx) =>
        !query ||
        rx.drugName.toLowerCase().includes(query) ||
        rx.rxNumber.includes(query) ||
        rx.prescriber.name.toLowerCase().includes(query),
    );
  for (const member of targets) {
    const count = prescriptions.filter((rx) => rx.memberId === member.memberId).length;
    await auditRead(deps, ctx, {
      resourceType: 'prescriptions',
      memberId: member.memberId,
      detail: { count },
    });
  }
  return {
    members: family.accessible.map(memberView),
    prescriptions,
    notice: family.hiddenAdults > 0 ? HIDDEN_ADULTS_NOTICE : null,
  };
}

export async function getPrescription(
  deps: AppDeps,
  ctx: ReadContext,
  id: string,
): Promise<PrescriptionDetail> {
  const [row] = await repo.selectPrescriptions(deps.db.sql, [id]);
  if (!row) throw notFound('No prescription with this id is available to you.');
  const member = await requireMemberAccess(deps, ctx.principal, row.member_id, 'view').catch(() => {
    throw notFound('No prescription with this id is available to you.');
  });
  const fills = await repo.selectFills(deps.db.sql, id);
  await auditRead(deps, ctx, { resourceType: 'prescription', resourceId: id, memberId: row.member_id });
  return {
    ...toSummary(row, localDateInTimeZone(deps.now(), member.timeZone), member.access),
    writtenDate: row.written_date,
    fills: fills.map((f) => ({
      date: f.date,
      source: f.source,
      pharmacyName: f.pharmacy_name,
      quantity: f.quantity_milli / 1000,
      daysSupply: f.days_supply,
      memberPaidCents: f.member_paid_cents,
      orderId: f.order_id,
    })),
  };
}
