// Response shapes of the prior authorization API (inferred from the shared zod contracts).
import type {
  drugCoverage,
  memberLookupResponse,
  prescriberCaseList,
  questionnaire,
  questionnaireResponse,
} from '@openpbm/shared/prior-auth';
import type { z } from 'zod';

export type PrescriberCaseSummary = z.infer<typeof prescriberCaseList>['cases'][number];
export type QuestionnaireResponse = z.infer<typeof questionnaireResponse>;
export type Questionnaire = z.infer<typeof questionnaire>;
export type DrugCoverage = z.infer<typeof drugCoverage>;
export type PatientFound = z.infer<typeof memberLookupResponse>;
