// API contracts of the signed-in home pages ("what needs me now"), one per role group. Money is integer cents,
// instants ISO 8601 UTC, local dates YYYY-MM-DD in the member's time zone.
import { z } from 'zod';
import { accumulatorSummary } from './benefits';
import { orderStatus } from './pharmacy';
import { caseStatus, caseType } from './prior-auth';

const uuid = z.uuid();
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.string();

// ---------- member ----------

export const memberHome = z.object({
  memberId: uuid,
  firstName: z.string(),
  lastName: z.string(),
  relationship: z.string(),
  /** Current prescriptions that can be refilled today. */
  refillsDue: z.array(
    z.object({
      prescriptionId: uuid,
      rxNumber: z.string(),
      drugName: z.string(),
      /** False when a family member shared view-only access: the member sees it but cannot order. */
      canRefill: z.boolean(),
    }),
  ),
  /** Home-delivery orders neither delivered nor cancelled, with the step they are at. */
  ordersInProgress: z.array(
    z.object({
      id: uuid,
      orderNumber: z.string(),
      status: orderStatus,
      statusLabel: z.string(),
      estimatedDeliveryDate: localDate.nullable(),
      trackingUrl: z.string().nullable(),
    }),
  ),
  /** Open coverage requests and the decisions of the last 90 days. */
  priorAuthorizations: z.array(
    z.object({
      id: uuid,
      caseNumber: z.string(),
      drugName: z.string(),
      status: caseStatus,
      statusLabel: z.string(),
      summary: z.string(),
      decidedOn: localDate.nullable(),
    }),
  ),
  /** Deductible and out-of-pocket progress of the current plan year (null when there is none). */
  paidSoFar: accumulatorSummary.nullable(),
});
export type MemberHome = z.infer<typeof memberHome>;

export const memberDashboard = z.object({
  /** The signed-in member first, then the family members they may see. */
  members: z.array(memberHome),
  unreadMessages: z.object({
    count: z.number().int(),
    latest: z.array(z.object({ id: uuid, subject: z.string(), createdAt: instant })),
  }),
  /** Set when adults in the family keep their data to themselves. */
  notice: z.string().nullable(),
});
export type MemberDashboard = z.infer<typeof memberDashboard>;

// ---------- prescriber ----------

export const prescriberDashboard = z.object({
  /** false: the NPI is not verified yet, so requests cannot be listed or sent. */
  verified: z.boolean(),
  /** Open requests, the ones waiting for the prescriber's answer first, then by due time. */
  openCases: z.array(
    z.object({
      id: uuid,
      caseNumber: z.string(),
      type: caseType,
      status: caseStatus,
      statusLabel: z.string(),
      drugName: z.string(),
      patientName: z.string(),
      expedited: z.boolean(),
      /** The plan's decision deadline. */
      dueAt: instant,
      /** Requests for information: when the prescriber's answer is due. */
      infoDueAt: instant.nullable(),
    }),
  ),
  /** Renewal requests patients sent with "Ask my doctor". */
  renewalRequests: z.number().int(),
});
export type PrescriberDashboard = z.infer<typeof prescriberDashboard>;

// ---------- pharmacy staff ----------

export const pharmacyDashboard = z.object({
  pharmacyName: z.string(),
  /** false: a retail pharmacy, which has no home-delivery queue in OpenPBM. */
  homeDelivery: z.boolean(),
  /** Open orders per step, in the order they move through the pharmacy. */
  queue: z.array(z.object({ status: orderStatus, label: z.string(), count: z.number().int() })),
});
export type PharmacyDashboard = z.infer<typeof pharmacyDashboard>;

// ---------- clinical reviewer ----------

export const reviewerDashboard = z.object({
  counts: z.object({
    overdue: z.number().int(),
    dueWithin24Hours: z.number().int(),
    later: z.number().int(),
    assignedToMe: z.number().int(),
  }),
  /** The open cases with the nearest deadlines first (at most 10). */
  nextCases: z.array(
    z.object({
      id: uuid,
      caseNumber: z.string(),
      type: caseType,
      status: caseStatus,
      statusLabel: z.string(),
      drugName: z.string(),
      expedited: z.boolean(),
      deadline: instant,
      overdue: z.boolean(),
      assignedToMe: z.boolean(),
    }),
  ),
});
export type ReviewerDashboard = z.infer<typeof reviewerDashboard>;
