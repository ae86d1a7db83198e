// The `request` JSON of a case: the prescriber's answers plus the quantity and days supply asked for. Read
// tolerantly: seeded cases carry only some fields (diagnosisCodes, triedDrugs, notes).
import {
  type Evaluation,
  normalizeDiagnosisCode,
  type PaAnswers,
  TRIED_DRUG_OUTCOMES,
  type TriedDrugOutcome,
} from '@openpbm/domain';
import type { FieldError } from '@openpbm/shared';
import { badRequest } from '../platform/problem';

export interface StoredRequest extends PaAnswers {
  quantityMilli: number | null;
  daysSupply: number | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

export function readRequest(raw: Record<string, unknown> | null | undefined): StoredRequest {
  const r = raw ?? {};
  const tried = Array.isArray(r.triedDrugs) ? r.triedDrugs.filter(isRecord) : [];
  const labs = Array.isArray(r.labs) ? r.labs.filter(isRecord) : [];
  return {
    diagnosisCodes: strings(r.diagnosisCodes),
    triedDrugs: tried
      .filter(
        (t) => typeof t.name === 'string' && TRIED_DRUG_OUTCOMES.includes(t.outcome as TriedDrugOutcome),
      )
      .map((t) => ({
        name: String(t.name),
        outcome: t.outcome as TriedDrugOutcome,
        lastTriedOn: typeof t.lastTriedOn === 'string' ? t.lastTriedOn : null,
      })),
    labs: labs
      .filter(
        (l) => typeof l.code === 'string' && typeof l.value === 'number' && typeof l.takenOn === 'string',
      )
      .map((l) => ({ code: String(l.code), value: Number(l.value), takenOn: String(l.takenOn) })),
    attestations: isRecord(r.attestations)
      ? (Object.fromEntries(
          Object.entries(r.attestations).filter(([, v]) => typeof v === 'boolean'),
        ) as Record<string, boolean>)
      : {},
    notes: typeof r.notes === 'string' ? r.notes : null,
    quantityMilli: typeof r.quantityMilli === 'number' ? r.quantityMilli : null,
    daysSupply: typeof r.daysSupply === 'number' ? r.daysSupply : null,
  };
}

export function storedRequest(
  answers: PaAnswers,
  quantityMilli: number,
  daysSupply: number,
): Record<string, unknown> {
  return { ...answers, quantityMilli, daysSupply };
}

/** Normalizes diagnosis codes (E119 → E11.9); 400 with one field error per code that is not ICD-10-CM. */
export function normalizeAnswers(answers: PaAnswers, field = 'answers'): PaAnswers {
  const errors: FieldError[] = [];
  const codes = answers.diagnosisCodes.map((code, i) => {
    const normal = normalizeDiagnosisCode(code);
    if (!normal)
      errors.push({
        field: `${field}.diagnosisCodes.${i}`,
        message: 'Enter an ICD-10-CM code such as E11.9',
      });
    return normal ?? code;
  });
  if (errors.length > 0) throw badRequest('Correct the diagnosis codes and try again.', errors);
  return { ...answers, diagnosisCodes: [...new Set(codes)], notes: answers.notes ?? null };
}

/** The engine's findings as stored on the case. */
export function readEvaluation(raw: Record<string, unknown> | null | undefined): Evaluation['results'] {
  const results = raw && Array.isArray(raw.results) ? raw.results : [];
  return results.filter(isRecord).map((r) => ({
    id: String(r.id),
    kind: String(r.kind) as Evaluation['results'][number]['kind'],
    label: String(r.label),
    status: r.status === 'met' || r.status === 'unverified' ? r.status : 'not_met',
    evidence: String(r.evidence ?? ''),
  }));
}
