// API contracts of prior authorization, formulary exceptions and appeals: the prescriber portal, the clinical
// review console and the member's status page. The server validates and documents with these schemas; the web
// app uses the same types and form rules. Instants are ISO 8601 UTC; dates are 'YYYY-MM-DD'.
import { z } from 'zod';
import { calendarDate, text } from './input';

const uuid = z.uuid();
const localDate = calendarDate();
const instant = z.string();
const tier = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

export const caseType = z.enum(['prior_auth', 'formulary_exception', 'appeal']);
export const requestType = z.enum(['prior_auth', 'formulary_exception']);
export const caseStatus = z.enum([
  'pending',
  'in_review',
  'pending_info',
  'approved',
  'denied',
  'withdrawn',
  'revoked',
]);
export type CaseType = z.infer<typeof caseType>;
export type CaseStatus = z.infer<typeof caseStatus>;

export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  prior_auth: 'Prior authorization',
  formulary_exception: 'Formulary exception',
  appeal: 'Appeal',
};

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  pending: 'Received',
  in_review: 'In review',
  pending_info: 'Waiting for prescriber',
  approved: 'Approved',
  denied: 'Denied',
  withdrawn: 'Withdrawn',
  revoked: 'Ended',
};

// ---------- the questionnaire and its answers ----------

export const triedDrug = z.object({
  name: text(120).min(1, 'Enter the drug name'),
  outcome: z.enum(['failed', 'intolerant', 'contraindicated']),
  lastTriedOn: localDate.nullish(),
});

export const labResult = z.object({
  code: text(20).min(1),
  value: z.number().finite(),
  takenOn: localDate,
});

export const paAnswers = z.object({
  diagnosisCodes: z
    .array(text(10))
    .min(1, 'Enter at least one diagnosis code')
    .max(10, 'Enter at most 10 diagnosis codes'),
  triedDrugs: z.array(triedDrug).max(20).default([]),
  labs: z.array(labResult).max(20).default([]),
  attestations: z.record(text(60), z.boolean()).default({}),
  notes: text(4000, { multiline: true, maxMessage: 'Keep notes under 4,000 characters' }).nullish(),
});
export type PaAnswers = z.infer<typeof paAnswers>;

export const question = z.object({
  kind: z.enum(['diagnosis_codes', 'drugs_tried', 'lab', 'attestation', 'quantity', 'notes']),
  id: z.string(),
  label: z.string(),
  hint: z.string().optional(),
  required: z.boolean(),
  labCode: z.string().optional(),
  unit: z.string().optional(),
});
export type Question = z.infer<typeof question>;

export const questionnaire = z.object({
  criteriaSetId: z.string(),
  title: z.string(),
  criteria: z.array(z.object({ id: z.string(), kind: z.string(), label: z.string() })),
  questions: z.array(question),
  autoApprove: z.boolean(),
});

export const drugCoverage = z.object({
  drugGroupId: uuid,
  drugName: z.string(),
  status: z.enum(['covered', 'excluded', 'not_on_formulary']),
  tier: tier.nullable(),
  requiresPriorAuth: z.boolean(),
  requiresStepTherapy: z.boolean(),
  hasQuantityLimit: z.boolean(),
  /** What to ask for: a PA for a covered drug that needs one, an exception otherwise, or nothing. */
  suggestedRequest: z.enum(['prior_auth', 'formulary_exception', 'none']),
  alternatives: z.array(z.object({ drugGroupId: uuid, name: z.string() })),
});

/** The patient as the member look-up proved them: opaque, bound to the prescriber, short-lived. */
const patientHandle = z
  .string({ error: 'Find the patient first' })
  .min(20, 'Find the patient first')
  .max(500)
  .regex(/^[A-Za-z0-9._-]+$/, 'Find the patient first');

export const questionnaireRequest = z.object({
  patientHandle,
  drugGroupId: uuid,
  type: requestType.optional(),
  requestedTier: tier.nullish(),
});
export const questionnaireResponse = z.object({
  coverage: drugCoverage,
  type: requestType,
  questionnaire,
});

// ---------- prescriber: find the member and the drug ----------

export const memberLookupRequest = z.object({
  memberNumber: text(20).min(5, 'Enter the member ID from the card'),
  dateOfBirth: localDate,
});
export const memberLookupResponse = z.object({
  /** Names the patient in the questionnaire and the submission (never an internal member id). */
  patientHandle: z.string(),
  expiresAt: instant,
  firstName: z.string(),
  lastName: z.string(),
});

export const drugSearchRequest = z.object({
  query: text(80).min(2, 'Enter at least 2 letters of the drug name'),
});
export const drugSearchResponse = z.object({
  drugs: z.array(z.object({ drugGroupId: uuid, name: z.string() })),
});

// ---------- prescriber: submit, attach, answer, withdraw, appeal ----------

export const submitCaseRequest = z
  .object({
    type: requestType,
    patientHandle,
    drugGroupId: uuid,
    ndc: z
      .string()
      .regex(/^\d{11}$/, 'An NDC has 11 digits')
      .nullish(),
    quantityMilli: z.number().int().positive('Enter the quantity').max(100_000_000),
    daysSupply: z.number().int().min(1, 'Enter the days supply').max(365),
    expedited: z.boolean().default(false),
    expeditedReason: text(1000, { multiline: true }).nullish(),
    requestedTier: tier.nullish(),
    answers: paAnswers,
  })
  .superRefine((value, ctx) => {
    if (value.expedited && !value.expeditedReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['expeditedReason'],
        message: 'Say why waiting up to 7 days could seriously harm the patient',
      });
    }
  });
export type SubmitCaseRequest = z.input<typeof submitCaseRequest>;

export const criterionResult = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  status: z.enum(['met', 'not_met', 'unverified']),
  evidence: z.string(),
});

export const attachmentMeta = z.object({
  id: uuid,
  fileName: z.string(),
  contentType: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
  sizeBytes: z.number().int(),
  uploadedAt: instant,
});

export const caseEvent = z.object({
  kind: z.string(),
  at: instant,
  actorRole: z.string().nullable(),
  note: z.string().nullable(),
});

/** A case as the prescriber who asked sees it. */
export const prescriberCase = z.object({
  id: uuid,
  caseNumber: z.string(),
  type: caseType,
  status: caseStatus,
  drugGroupId: uuid,
  drugName: z.string(),
  member: z.object({ firstName: z.string(), lastName: z.string() }),
  expedited: z.boolean(),
  submittedAt: instant,
  dueAt: instant,
  clockPaused: z.boolean(),
  infoDueAt: instant.nullable(),
  decidedAt: instant.nullable(),
  autoApproved: z.boolean(),
  effectiveFrom: localDate.nullable(),
  effectiveTo: localDate.nullable(),
  approvedQuantityMilli: z.number().int().nullable(),
  approvedDaysSupply: z.number().int().nullable(),
  decisionReason: z.string().nullable(),
  criteriaNotMet: z.array(z.string()),
  parentId: uuid.nullable(),
  evaluation: z.array(criterionResult),
  attachments: z.array(attachmentMeta),
  events: z.array(caseEvent),
  /** Open request for information: what the reviewer asked. */
  informationRequested: z.string().nullable(),
  canAppeal: z.boolean(),
});
export type PrescriberCase = z.infer<typeof prescriberCase>;

export const prescriberCaseList = z.object({
  cases: z.array(
    prescriberCase.pick({
      id: true,
      caseNumber: true,
      type: true,
      status: true,
      drugName: true,
      member: true,
      expedited: true,
      submittedAt: true,
      dueAt: true,
      infoDueAt: true,
      decidedAt: true,
    }),
  ),
});

export const attachmentUpload = z.object({
  fileName: text(200)
    .min(1)
    .refine((name) => !/[/\\]/.test(name), 'The file name may not contain slashes'),
  /** The file, base64-encoded (at most 5 MiB decoded). */
  contentBase64: z.string().min(4).max(7_200_000),
});

export const informationResponse = z.object({
  note: text(4000, { multiline: true }).min(1, 'Answer the question'),
  /** Corrected or completed answers; omitted: the original answers stand. */
  answers: paAnswers.optional(),
});

export const appealRequest = z.object({
  note: text(4000, { multiline: true }).min(
    10,
    'Explain why the decision should change (at least 10 characters)',
  ),
  expedited: z.boolean().default(false),
  expeditedReason: text(1000, { multiline: true }).nullish(),
  answers: paAnswers.optional(),
});

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
