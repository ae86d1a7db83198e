import type { DurOverride } from '../adjudication/types';
import type { DurPolicy, DurReasonCode } from './types';

/**
 * True when the pharmacist submitted a DUR/PPS override for this conflict: same reason for service code, a
 * professional service code (what they did, e.g. M0 prescriber consulted) and an accepted result of service.
 */
export function hasAcceptedOverride(
  overrides: readonly DurOverride[] | null | undefined,
  reason: DurReasonCode,
  policy: DurPolicy,
): boolean {
  return (overrides ?? []).some(
    (override) =>
      override.reasonForServiceCode.trim().toUpperCase() === reason &&
      override.professionalServiceCode.trim() !== '' &&
      policy.overrideResultCodes.includes(override.resultOfServiceCode.trim().toUpperCase()),
  );
}
