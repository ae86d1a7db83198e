import { compareLocalDates, type LocalDate } from '../time/local-date';
import { type Rejection, rejection } from './reject-codes';
import type { CoverageSpan } from './types';

export function isCoveredOn(spans: readonly CoverageSpan[], dateOfService: LocalDate): boolean {
  return spans.some(
    (span) =>
      compareLocalDates(span.effectiveDate, dateOfService) <= 0 &&
      (span.terminationDate === null || compareLocalDates(dateOfService, span.terminationDate) <= 0),
  );
}

/** 65 when no coverage span contains the date of service (termination date inclusive). */
export function checkEligibility(spans: readonly CoverageSpan[], dateOfService: LocalDate): Rejection | null {
  if (isCoveredOn(spans, dateOfService)) return null;
  if (spans.length === 0) return rejection('65', 'no coverage on file');
  const allLater = spans.every((span) => compareLocalDates(span.effectiveDate, dateOfService) > 0);
  if (allLater) return rejection('65', `coverage not yet effective on ${dateOfService}`);
  return rejection('65', `coverage not active on ${dateOfService}`);
}
