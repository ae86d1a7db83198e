// API contracts of prior authorization, formulary exceptions and appeals: the prescriber portal, the clinical
// review console and the member's status page. The server validates and documents with these schemas; the web
// app uses the same types and form rules. Instants are ISO 8601 UTC; dates are 'YYYY-MM-DD'.
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
  requestType,
} from './prior-auth-base';

export * from './prior-auth-base';
export * from './prior-auth-review';

const { uuid, localDate, instant, tier, patientHandle } = paFields;

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
