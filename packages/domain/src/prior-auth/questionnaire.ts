// The questionnaire a prescriber fills in for a drug: one question per kind of evidence its criteria need.
// Age is never asked (the plan knows the date of birth) and step therapy is first looked up in the member's
// own claims, so the prescriber only lists drugs tried outside the plan.
import type { CriteriaSet } from './types';

export type Question =
  | { kind: 'diagnosis_codes'; id: 'diagnosisCodes'; label: string; hint: string; required: true }
  | { kind: 'drugs_tried'; id: 'triedDrugs'; label: string; hint: string; required: false }
  | { kind: 'lab'; id: string; labCode: string; unit: string; label: string; hint: string; required: true }
  | { kind: 'attestation'; id: string; label: string; required: true }
  | { kind: 'quantity'; id: 'quantity'; label: string; hint: string; required: true }
  | { kind: 'notes'; id: 'notes'; label: string; hint: string; required: false };

export interface Questionnaire {
  criteriaSetId: string;
  title: string;
  /** The criteria in words, so the prescriber knows what is decided and how. */
  criteria: Array<{ id: string; kind: string; label: string }>;
  questions: Question[];
  /** True when a complete, matching request is approved on submission. */
  autoApprove: boolean;
}

export function questionnaireFor(set: CriteriaSet): Questionnaire {
  const questions: Question[] = [];
  const diagnosis = set.criteria.find((c) => c.kind === 'diagnosis');
  questions.push({
    kind: 'diagnosis_codes',
    id: 'diagnosisCodes',
    label: 'Diagnosis (ICD-10-CM codes)',
    hint:
      diagnosis?.kind === 'diagnosis' && diagnosis.codePrefixes.length > 0
        ? `Covered diagnoses: ${diagnosis.label} (codes starting ${diagnosis.codePrefixes.join(', ')}).`
        : 'One or more ICD-10-CM codes, for example E11.9.',
    required: true,
  });
  const steps = set.criteria.filter((c) => c.kind === 'step_therapy');
  if (steps.length > 0) {
    const names = [...new Set(steps.flatMap((s) => (s.kind === 'step_therapy' ? s.prerequisiteNames : [])))];
    questions.push({
      kind: 'drugs_tried',
      id: 'triedDrugs',
      label: 'Drugs tried and failed, not tolerated, or contraindicated',
      hint: `The plan checks the patient's claims for ${names.join(', ')}. List only what the plan cannot see: drugs tried under another plan, or why they cannot be used.`,
      required: false,
    });
  }
  for (const c of set.criteria) {
    if (c.kind === 'lab') {
      questions.push({
        kind: 'lab',
        id: `lab:${c.labCode}`,
        labCode: c.labCode,
        unit: c.unit,
        label: `${c.label} (LOINC ${c.labCode})`,
        hint: `Most recent result in ${c.unit} and the date it was taken.`,
        required: true,
      });
    }
    if (c.kind === 'attestation')
      questions.push({ kind: 'attestation', id: c.id, label: c.label, required: true });
  }
  const quantity = set.criteria.find((c) => c.kind === 'quantity');
  questions.push({
    kind: 'quantity',
    id: 'quantity',
    label: 'Quantity per fill and days supply',
    hint: quantity ? quantity.label : 'The quantity and days supply of one fill.',
    required: true,
  });
  questions.push({
    kind: 'notes',
    id: 'notes',
    label: 'Clinical notes',
    hint: 'Anything else the reviewer should know. Attach chart notes or lab reports as PDF or images.',
    required: false,
  });
  return {
    criteriaSetId: set.id,
    title: set.title,
    criteria: set.criteria.map((c) => ({ id: c.id, kind: c.kind, label: c.label })),
    questions,
    autoApprove: set.autoApprove,
  };
}
