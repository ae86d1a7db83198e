// The job registry: every background job the worker runs.
import type { JobDefinition } from '../job';
import { certificateReminders } from './certificate-reminders';
import { clientAccessDeadlines } from './client-access-deadlines';
import { eligibilityExpiry } from './eligibility-expiry';
import { marketingMailings } from './marketing-mailings';
import { autoRefill, refillReminders } from './member-pharmacy';
import { planReportRefresh } from './plan-report-refresh';
import { priorAuthEscalation } from './prior-auth-escalation';
import { privacyOffice } from './privacy-office';

export const jobs: readonly JobDefinition[] = [
  eligibilityExpiry,
  priorAuthEscalation,
  autoRefill,
  refillReminders,
  clientAccessDeadlines,
  privacyOffice,
  certificateReminders,
  marketingMailings,
  planReportRefresh,
];
