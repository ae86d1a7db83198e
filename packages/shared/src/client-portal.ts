// API contracts of the client and advisor portal (apps/server/src/clients), shared with the web pages.
import { z } from 'zod';
import { text } from './input';

export const CLIENT_TOOLS = [
  'eligibility_files',
  'plan_reports',
  'claims_reports',
  'formulary_documents',
] as const;
export const clientTool = z.enum(CLIENT_TOOLS);
export type ClientTool = z.infer<typeof clientTool>;

export const CLIENT_TOOL_LABELS: Record<ClientTool, string> = {
  eligibility_files: 'Eligibility files',
  plan_reports: 'Plan reports',
  claims_reports: 'Claims and utilization reports',
  formulary_documents: 'Formulary documents',
};

/** Step 1 of registration (public): who you are and which client you work with. */
export const portalRegistrationStart = z.object({
  fullName: text(120).min(2, 'Enter your full name.'),
  email: text(254).email('Enter a valid work e-mail address.'),
  organization: text(160).min(2, 'Enter your organization.'),
  kind: z.enum(['client', 'advisor'], 'Choose whether you are a client or an advisor.'),
  clientReference: text(160).min(2, 'Enter the client number or name.'),
});
export type PortalRegistrationStart = z.infer<typeof portalRegistrationStart>;

export const accessRequestInput = z.object({
  /** Client number (e.g. CL1001); a client user may name only their own client. */
  clientCode: text(40).min(2, 'Enter the client number.'),
  tools: z.array(clientTool).min(1, 'Choose at least one tool.').max(CLIENT_TOOLS.length),
  note: text(1000).optional(),
});
export type AccessRequestInput = z.infer<typeof accessRequestInput>;

export const callBackChecklist = z.object({
  calledClientContact: z.boolean(),
  confirmedEmployment: z.boolean(),
  confirmedToolsNeeded: z.boolean(),
});

export const accessDecisionInput = z.object({
  decision: z.enum(['approve', 'deny'], 'Choose approve or deny.'),
  reason: text(1000).min(3, 'Give a reason of at least 3 characters.'),
  checklist: callBackChecklist,
});
export type AccessDecisionInput = z.infer<typeof accessDecisionInput>;

const iso = z.string();

/** The requester's clock: 10 days from the request, reminder at day 7, escalation at day 10. */
export const accessRequestView = z.object({
  id: z.string(),
  clientCode: z.string(),
  clientName: z.string(),
  tools: z.array(clientTool),
  status: z.enum(['pending', 'approved', 'denied']),
  requestedAt: iso,
  expectedBy: iso,
  daysWaiting: z.number().int(),
  decidedAt: iso.nullable(),
  decisionReason: z.string().nullable(),
});
export type AccessRequestView = z.infer<typeof accessRequestView>;

export const grantView = z.object({
  id: z.string(),
  clientId: z.string(),
  clientCode: z.string(),
  clientName: z.string(),
  tool: clientTool,
  grantedAt: iso,
  expiresAt: iso,
});
export type GrantView = z.infer<typeof grantView>;

export const myAccessView = z.object({
  role: z.enum(['client_user', 'advisor']),
  grants: z.array(grantView),
  requests: z.array(accessRequestView),
  /** Clients this user is the primary administrator of. */
  administers: z.array(z.object({ clientId: z.string(), clientCode: z.string(), clientName: z.string() })),
});
export type MyAccessView = z.infer<typeof myAccessView>;

/** What the account team sees for one request. */
export const reviewView = accessRequestView.extend({
  requester: z.object({
    displayName: z.string(),
    email: z.string(),
    role: z.enum(['client_user', 'advisor']),
    organization: z.string().nullable(),
  }),
  emailDomainMatches: z.boolean(),
  knownDomains: z.array(z.string()),
  remindedAt: iso.nullable(),
  escalatedAt: iso.nullable(),
  checklist: callBackChecklist.nullable(),
});
export type ReviewView = z.infer<typeof reviewView>;

export const clientUserView = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(['client_user', 'advisor']),
  status: z.string(),
  /** The administrator themself (who cannot deactivate their own account). */
  self: z.boolean(),
  grants: z.array(z.object({ id: z.string(), tool: clientTool, expiresAt: iso, expiringSoon: z.boolean() })),
});
export type ClientUserView = z.infer<typeof clientUserView>;

export const grantInput = z.object({ userId: z.uuid('Choose a user.'), tool: clientTool });

/** A published cell of a de-identified report: a number, or null when suppressed (fewer than 11 members). */
const cell = z.number().nullable();

export const planReportView = z.object({
  client: z.object({ code: z.string(), name: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  /** When these figures were computed (UTC): reports are served from a snapshot refreshed daily or on request. */
  asOf: z.string(),
  suppressionThreshold: z.number().int(),
  months: z.array(
    z.object({
      month: z.string(),
      suppressed: z.boolean(),
      enrolledMembers: cell,
      membersUsing: cell,
      claims: cell,
      planPaidCents: cell,
      memberPaidCents: cell,
      planPaidPmpmCents: cell,
      memberPaidPmpmCents: cell,
    }),
  ),
  totals: z.object({
    suppressed: z.boolean(),
    membersUsing: cell,
    claims: cell,
    planPaidCents: cell,
    memberPaidCents: cell,
    genericDispensingRate: cell,
    homeDeliveryShare: cell,
    specialtyShareOfCost: cell,
  }),
  therapeuticClasses: z.array(
    z.object({ name: z.string(), suppressed: z.boolean(), members: cell, planPaidCents: cell, claims: cell }),
  ),
  priorAuthorization: z.object({ suppressed: z.boolean(), requests: cell, approvalRate: cell }),
});
export type PlanReportView = z.infer<typeof planReportView>;

/** The period a client report opens on: the last six months, the current one included (UTC), "YYYY-MM". */
export function defaultReportPeriod(now: Date): { from: string; to: string } {
  const monthsBack = (n: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 7);
  return { from: monthsBack(5), to: monthsBack(0) };
}
