// Prior authorization contracts shared by the prescriber, review and member files: case types and statuses with
// their labels, the questionnaire and answers, criterion results, attachments and case events.
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

/** The field rules every prior-auth contract shares (kept here so the three files agree). */
export const paFields = { uuid, localDate, instant, tier, patientHandle };
