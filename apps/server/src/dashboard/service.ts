// The signed-in home pages: "what needs me now" for each role group, composed from the domains' own services.
// Whose data a member sees is the family rule those services apply (family/access.ts), and each of them records
// its read through the audit function, so the dashboards add no access rule and no health-data SQL of their own.
import { isOpenStatus } from '@openpbm/domain';
import type {
  MemberDashboard,
  MemberHome,
  PharmacyDashboard,
  PrescriberDashboard,
  ReviewerDashboard,
} from '@openpbm/shared/dashboard';
import { ORDER_STATUS_LABELS, type OrderStatusValue } from '@openpbm/shared/pharmacy';
import { CASE_STATUS_LABELS, type CaseStatus, type CaseType } from '@openpbm/shared/prior-auth';
import type { AppDeps } from '../app-deps';
import { getClaimsHistory } from '../benefits/claims-history-service';
import { listMessages } from '../messages/secure-message-service';
import { listOrders } from '../orders/member-service';
import { countQueue } from '../orders/repo';
import { forbidden, ProblemError } from '../platform/problem';
import { searchPrescriptions } from '../prescriptions/service';
import type { Actor } from '../prior-auth/case-audit';
import { listMemberCases } from '../prior-auth/member-service';
import { requireVerifiedPrescriber } from '../prior-auth/npi-service';
import { listPrescriberCases } from '../prior-auth/prescriber-case-service';
import { getQueue as getReviewQueue } from '../prior-auth/review-service';
import * as repo from './repo';

/** How far back a coverage decision still counts as news on the member's home page. */
const RECENT_DECISION_DAYS = 90;
const DAY_MS = 86_400_000;

// ---------- member ----------

export async function memberDashboard(deps: AppDeps, actor: Actor): Promise<MemberDashboard> {
  const rx = await searchPrescriptions(deps, actor, { status: 'current' });
  const orders = (await listOrders(deps, actor)).filter(
    (o) => o.status !== 'delivered' && o.status !== 'cancelled',
  );
  const recentSince = new Date(deps.now().getTime() - RECENT_DECISION_DAYS * DAY_MS)
    .toISOString()
    .slice(0, 10);
  const members: MemberHome[] = [];
  for (const member of rx.members) {
    const { cases } = await listMemberCases(deps, actor, member.memberId);
    const claims = await getClaimsHistory(deps, actor, member.memberId);
    members.push({
      memberId: member.memberId,
      firstName: member.firstName,
      lastName: member.lastName,
      relationship: member.relationship,
      refillsDue: rx.prescriptions
        .filter((p) => p.memberId === member.memberId && p.refillState === 'eligible' && !p.openOrder)
        .map((p) => ({
          prescriptionId: p.id,
          rxNumber: p.rxNumber,
          drugName: p.drugName,
          canRefill: p.canRefill,
        })),
      ordersInProgress: orders
        .filter((o) => o.memberId === member.memberId)
        .map((o) => ({
          id: o.id,
          orderNumber: o.orderNumber,
          status: o.status,
          statusLabel: ORDER_STATUS_LABELS[o.status],
          estimatedDeliveryDate: o.estimatedDeliveryDate,
          trackingUrl: o.trackingUrl,
        })),
      priorAuthorizations: cases
        .filter((c) => isOpenStatus(c.status) || (c.decidedOn !== null && c.decidedOn >= recentSince))
        .map((c) => ({
          id: c.id,
          caseNumber: c.caseNumber,
          drugName: c.drugName,
          status: c.status,
          statusLabel: c.statusLabel,
          summary: c.summary,
          decidedOn: c.decidedOn,
        })),
      paidSoFar: claims.paidSoFar,
    });
  }
  const unread = (await listMessages(deps, actor.principal)).filter((m) => !m.read);
  return {
    members,
    unreadMessages: {
      count: unread.length,
      latest: unread.slice(0, 3).map(({ id, subject, createdAt }) => ({ id, subject, createdAt })),
    },
    notice: rx.notice,
  };
}

// ---------- prescriber ----------

/** What every case line on a home page starts with: number, kind, status in words and drug. */
function caseHeading(c: {
  id: string;
  caseNumber: string;
  type: CaseType;
  status: CaseStatus;
  drugName: string;
}) {
  const { id, caseNumber, type, status, drugName } = c;
  return { id, caseNumber, type, status, statusLabel: CASE_STATUS_LABELS[status], drugName };
}

const isForbidden = (error: unknown) => error instanceof ProblemError && error.status === 403;

export async function prescriberDashboard(deps: AppDeps, actor: Actor): Promise<PrescriberDashboard> {
  const prescriberId = actor.principal.prescriberId;
  if (!prescriberId) throw forbidden('Your account is not linked to a prescriber.');
  const renewalRequests = await repo.countOpenRenewalRequests(deps.db.db, prescriberId);
  const verified = await requireVerifiedPrescriber(deps, actor.principal).then(
    () => true,
    (error: unknown) => {
      if (isForbidden(error)) return false;
      throw error;
    },
  );
  if (!verified) return { verified, openCases: [], renewalRequests };
  const { cases } = await listPrescriberCases(deps, actor);
  // What waits for the prescriber's answer comes first; then the nearest deadline.
  const openCases = cases
    .filter((c) => isOpenStatus(c.status))
    .sort(
      (a, b) =>
        Number(b.status === 'pending_info') - Number(a.status === 'pending_info') ||
        (a.infoDueAt ?? a.dueAt).localeCompare(b.infoDueAt ?? b.dueAt),
    )
    .map((c) => ({
      ...caseHeading(c),
      patientName: `${c.member.firstName} ${c.member.lastName}`,
      expedited: c.expedited,
      dueAt: c.dueAt,
      infoDueAt: c.status === 'pending_info' ? c.infoDueAt : null,
    }));
  return { verified, openCases, renewalRequests };
}

// ---------- pharmacy staff ----------

/** The home-delivery steps, in the order an order moves through them, and the exception shelf. */
const QUEUE_STEPS: OrderStatusValue[] = ['received', 'verified', 'filled', 'shipped', 'exception'];

export async function pharmacyDashboard(deps: AppDeps, actor: Actor): Promise<PharmacyDashboard> {
  const pharmacyId = actor.principal.pharmacyId;
  const pharmacy = pharmacyId ? await repo.findPharmacy(deps.db.db, pharmacyId) : null;
  if (!pharmacy) throw forbidden('Your account is not linked to a pharmacy.');
  const counts = pharmacy.homeDelivery ? await countQueue(deps.db.sql, pharmacy.id) : {};
  return {
    pharmacyName: pharmacy.name,
    homeDelivery: pharmacy.homeDelivery,
    queue: pharmacy.homeDelivery
      ? QUEUE_STEPS.map((status) => ({
          status,
          label: ORDER_STATUS_LABELS[status],
          count: counts[status] ?? 0,
        }))
      : [],
  };
}

// ---------- clinical reviewer ----------

export async function reviewerDashboard(deps: AppDeps, actor: Actor): Promise<ReviewerDashboard> {
  const { cases } = await getReviewQueue(deps, actor);
  const soon = new Date(deps.now().getTime() + DAY_MS).toISOString();
  const overdue = cases.filter((c) => c.overdue).length;
  const dueWithin24Hours = cases.filter((c) => !c.overdue && c.deadline <= soon).length;
  return {
    counts: {
      overdue,
      dueWithin24Hours,
      later: cases.length - overdue - dueWithin24Hours,
      assignedToMe: cases.filter((c) => c.assignedToMe).length,
    },
    nextCases: cases.slice(0, 10).map((c) => ({
      ...caseHeading(c),
      expedited: c.expedited,
      deadline: c.deadline,
      overdue: c.overdue,
      assignedToMe: c.assignedToMe,
    })),
  };
}
