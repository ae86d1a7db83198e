// The coverage request as the prescriber types it. Fields are named after the body's keys and converted in a
// transform, then checked by the shared submitCaseRequest schema: the server's rules and messages, on the right fields.
import { type SubmitCaseRequest, submitCaseRequest } from '@openpbm/shared/prior-auth';
import { z } from 'zod';
import { toMilli, toNumber } from '../../../../components/form';
import type { QuestionnaireResponse } from '../pa-types';

export const TRIED_OUTCOMES = [
  { value: 'failed', label: 'Did not work' },
  { value: 'intolerant', label: 'Not tolerated' },
  { value: 'contraindicated', label: 'Contraindicated' },
] as const;

const requestFields = z.object({
  quantityMilli: z.string(),
  daysSupply: z.string(),
  expedited: z.boolean(),
  expeditedReason: z.string(),
  requestedTier: z.string(),
  answers: z.object({
    diagnosisCodes: z.string(),
    triedDrugs: z.array(
      z.object({ name: z.string(), outcome: z.enum(['failed', 'intolerant', 'contraindicated']) }),
    ),
    labs: z.array(z.object({ code: z.string(), value: z.string(), takenOn: z.string() })),
    attestations: z.record(z.string(), z.boolean()),
    notes: z.string(),
  }),
});
export type RequestFields = z.input<typeof requestFields>;

/** The form's schema for one questionnaire: what the prescriber typed, plus the patient, drug and request type. */
export function coverageRequestForm(fixed: {
  type: QuestionnaireResponse['type'];
  patientHandle: string;
  drugGroupId: string;
  tierException: boolean;
}) {
  return requestFields
    .transform(
      (typed): SubmitCaseRequest => ({
        type: fixed.type,
        patientHandle: fixed.patientHandle,
        drugGroupId: fixed.drugGroupId,
        quantityMilli: toMilli(typed.quantityMilli),
        daysSupply: toNumber(typed.daysSupply),
        expedited: typed.expedited,
        expeditedReason: typed.expedited ? typed.expeditedReason : null,
        requestedTier:
          fixed.tierException && typed.requestedTier
            ? (Number(typed.requestedTier) as SubmitCaseRequest['requestedTier'])
            : null,
        answers: {
          diagnosisCodes: typed.answers.diagnosisCodes
            .split(/[,\s]+/)
            .map((code) => code.trim())
            .filter(Boolean),
          triedDrugs: typed.answers.triedDrugs.filter((tried) => tried.name.trim()),
          labs: typed.answers.labs
            .filter((lab) => lab.value.trim() && lab.takenOn.trim())
            .map((lab) => ({ code: lab.code, value: Number(lab.value), takenOn: lab.takenOn })),
          attestations: typed.answers.attestations,
          notes: typed.answers.notes || null,
        },
      }),
    )
    .pipe(submitCaseRequest);
}
