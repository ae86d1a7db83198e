// The job registry: every background job the worker runs.
import type { JobDefinition } from '../job';
import { eligibilityExpiry } from './eligibility-expiry';

export const jobs: readonly JobDefinition[] = [eligibilityExpiry];
