// Prior authorization contracts of the clinical review console, the member's status page and the admin NPI checks.
import { z } from 'zod';
import { text } from './input';
import {
  attachmentMeta,
  caseEvent,
  caseStatus,
  caseType,
  criterionResult,
  paAnswers,
  paFields,
} from './prior-auth-base';

const { uuid, localDate, instant, tier } = paFields;

// ---------- clinical review ----------

export const queueItem = z.object({
  id: uuid,
  caseNumber: z.string(),
  type: caseType,
  status: caseStatus,
  drugName: z.string(),
  expedited: z.boolean(),
  submittedAt: instant,
  /** The deadline the queue sorts by: decision due time, or the prescriber's answer deadline. */
  deadline: instant,
  dueAt: instant,
  overdue: z.boolean(),
  escalated: z.boolean(),
  assignedToMe: z.boolean(),
  assigned: z.boolean(),
  /** Appeals: false when this reviewer decided an earlier case in the chain. */
  mayDecide: z.boolean(),
});
export const queueResponse = z.object({ cases: z.array(queueItem) });
export type QueueItem = z.infer<typeof queueItem>;

/** A case as a reviewer sees it: only what the decision needs (no address, member ID or date of birth). */
export const reviewCase = z.object({
  id: uuid,
  caseNumber: z.string(),
  type: caseType,
  status: caseStatus,
  expedited: z.boolean(),
  expeditedReason: z.string().nullable(),
  submittedAt: instant,
  dueAt: instant,
  overdue: z.boolean(),
  escalated: z.boolean(),
  clockPaused: z.boolean(),
  infoDueAt: instant.nullable(),
  requestedTier: tier.nullable(),
  patient: z.object({
    firstName: z.string(),
    lastName: z.string(),
    ageYears: z.number().int(),
    gender: z.string(),
  }),
  /** Today in the patient's time zone: where an approval usually starts. */
  patientToday: localDate,
  prescriber: z.object({ name: z.string(), npi: z.string(), specialty: z.string() }),
  drug: z.object({
    drugGroupId: uuid,
    name: z.string(),
    formularyStatus: z.enum(['covered', 'excluded', 'not_on_formulary']),
    tier: tier.nullable(),
  }),
  requested: z.object({
    quantityMilli: z.number().int().nullable(),
    daysSupply: z.number().int().nullable(),
  }),
  answers: paAnswers,
  criteriaTitle: z.string(),
  evaluation: z.array(criterionResult),
  /** Paid fills relevant to the criteria (prerequisites and the drug itself), not the whole history. */
  relevantClaims: z.array(
    z.object({ drugName: z.string(), fillDate: localDate, daysSupply: z.number().int() }),
  ),
  attachments: z.array(attachmentMeta),
  events: z.array(caseEvent),
  appealOf: z
    .object({
      id: uuid,
      caseNumber: z.string(),
      decisionReason: z.string().nullable(),
      criteriaNotMet: z.array(z.string()),
    })
    .nullable(),
  decision: z.object({
    decidedAt: instant.nullable(),
    effectiveFrom: localDate.nullable(),
    effectiveTo: localDate.nullable(),
    approvedQuantityMilli: z.number().int().nullable(),
    approvedDaysSupply: z.number().int().nullable(),
    decisionReason: z.string().nullable(),
    criteriaNotMet: z.array(z.string()),
    autoApproved: z.boolean(),
  }),
  assignedToMe: z.boolean(),
  mayDecide: z.boolean(),
});
export type ReviewCase = z.infer<typeof reviewCase>;

export const requestInformation = z.object({
  question: text(4000, { multiline: true }).min(5, 'Say what information is needed'),
});

export const approveDecision = z
  .object({
    effectiveFrom: localDate,
    effectiveTo: localDate,
    quantityMilliPerFill: z.number().int().positive('Enter the approved quantity per fill').max(100_000_000),
    daysSupplyPerFill: z.number().int().min(1).max(365),
    /** Shown to the member and prescriber. */
    reason: text(1000, { multiline: true }).min(5, 'Give the reason in plain language'),
  })
  .superRefine((value, ctx) => {
    if (value.effectiveTo < value.effectiveFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['effectiveTo'],
        message: 'The end date must be on or after the start date',
      });
    }
  });
export type ApproveDecision = z.infer<typeof approveDecision>;

export const denyDecision = z.object({
  /** Shown to the member and prescriber: plain language, no jargon. */
  reason: text(1000, { multiline: true }).min(
    10,
    'Explain the denial in plain language (at least 10 characters)',
  ),
  criteriaNotMet: z.array(text(200).min(1)).min(1, 'Name at least one criterion that is not met'),
});
export type DenyDecision = z.infer<typeof denyDecision>;

// ---------- member ----------

export const memberCase = z.object({
  id: uuid,
  caseNumber: z.string(),
  type: caseType,
  typeLabel: z.string(),
  status: caseStatus,
  statusLabel: z.string(),
  drugName: z.string(),
  submittedOn: localDate,
  dueOn: localDate.nullable(),
  decidedOn: localDate.nullable(),
  effectiveFrom: localDate.nullable(),
  effectiveTo: localDate.nullable(),
  /** The plain-language sentence: what was decided and why, or what happens next. */
  summary: z.string(),
  appealBy: localDate.nullable(),
  parentCaseNumber: z.string().nullable(),
});
export type MemberCase = z.infer<typeof memberCase>;
export const memberCasesResponse = z.object({ cases: z.array(memberCase) });
export const memberCasesQuery = z.object({ memberId: uuid.optional() });

export const memberAppealRequest = z.object({
  note: text(4000, { multiline: true }).min(
    10,
    'Tell us why the decision should change (at least 10 characters)',
  ),
});

// ---------- admin ----------

const npi = z.string().regex(/^\d{10}$/, 'An NPI has 10 digits');
export const npiVerificationRequest = z.object({
  npi,
  method: z.enum(['registry_match', 'staff_review']),
});
export const npiRevocationRequest = z.object({ npi });

export const prescriberStatusResponse = z.object({
  prescriberId: uuid,
  name: z.string(),
  npi: z.string(),
  npiVerified: z.boolean(),
});
export type PrescriberStatus = z.infer<typeof prescriberStatusResponse>;
export const npiVerificationResponse = z.object({
  prescriberId: uuid,
  npi: z.string(),
  method: z.enum(['registry_match', 'staff_review']),
  verifiedAt: instant,
  revoked: z.boolean(),
});
