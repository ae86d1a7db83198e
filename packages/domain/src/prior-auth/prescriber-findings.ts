// What the prescriber reads of the engine's findings (minimum necessary). The reviewer sees the evidence as the
// engine wrote it; the prescriber sees their own answers judged, but of what comes from the member's records (paid
// claims, age) only whether the criterion is met: no drug names, fill counts, days of therapy or age. The
// prescriber reaches these findings only after filing a request through a proven relationship with the patient.
import type { CriterionResult, CriterionStatus } from './types';

const FROM_RECORDS: Partial<Record<CriterionResult['kind'], Record<CriterionStatus, string>>> = {
  step_therapy: {
    met: 'The plan’s claims show the required trial.',
    not_met: 'The plan’s claims do not show the required trial, and none was reported.',
    unverified: 'The drugs you reported as tried are checked by a clinician.',
  },
  age: {
    met: 'The patient’s age is within the criteria.',
    not_met: 'The patient’s age is outside the criteria.',
    unverified: 'A clinician checks the patient’s age.',
  },
};

export function prescriberFinding(result: CriterionResult): CriterionResult {
  const text = FROM_RECORDS[result.kind]?.[result.status];
  return text ? { ...result, evidence: text } : result;
}
