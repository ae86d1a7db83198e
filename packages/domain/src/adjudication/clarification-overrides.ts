// Submission Clarification Codes (420-DK) that lift refill-too-soon (79), each within a yearly limit per drug.
import { addDays, compareLocalDates, type LocalDate } from '../time/local-date';
import type { MedicationHistoryEntry } from './types';

/** 3 vacation supply, 5 therapy change, 7 medically necessary. */
export type ClarificationOverrideCode = '3' | '5' | '7';

export const CLARIFICATION_OVERRIDE_NAMES: Record<ClarificationOverrideCode, string> = {
  '3': 'vacation supply',
  '5': 'therapy change',
  '7': 'medically necessary',
};

/** Uses allowed per member and drug group in a rolling window (days). */
export interface ClarificationOverridePolicy {
  windowDays: number;
  perWindow: Record<ClarificationOverrideCode, number>;
}

export const DEFAULT_CLARIFICATION_OVERRIDE_POLICY: ClarificationOverridePolicy = {
  windowDays: 365,
  perWindow: { '3': 1, '5': 3, '7': 2 },
};

/** An earlier paid claim's override of the same member and drug group. */
export interface PriorOverrideUse {
  code: ClarificationOverrideCode;
  dateOfService: LocalDate;
}

export interface ClarificationOverrideDecision {
  code: ClarificationOverrideCode;
  allowed: boolean;
  /** Uses of this code in the window before this claim. */
  priorUses: number;
  /** Why it was refused (for the pharmacist), when it was. */
  reason: string | null;
}

/** The first override code among the submitted 420-DK values (numeric: "03" = "3"), or null. */
export function clarificationOverrideOf(
  codes: readonly string[] | null | undefined,
): ClarificationOverrideCode | null {
  for (const raw of codes ?? []) {
    const code = String(Number(raw));
    if (code === '3' || code === '5' || code === '7') return code;
  }
  return null;
}

/**
 * Whether the submitted override may lift a refill-too-soon reject: at most `perWindow[code]` uses in the
 * window per member and drug group; a therapy change (5) must change the daily dose from the previous fill.
 */
export function decideClarificationOverride(args: {
  code: ClarificationOverrideCode;
  dateOfService: LocalDate;
  priorUses: readonly PriorOverrideUse[];
  previousFill: MedicationHistoryEntry | null;
  quantityMilli: number;
  daysSupply: number;
  policy?: ClarificationOverridePolicy;
}): ClarificationOverrideDecision {
  const policy = args.policy ?? DEFAULT_CLARIFICATION_OVERRIDE_POLICY;
  const since = addDays(args.dateOfService, -policy.windowDays);
  const uses = args.priorUses.filter(
    (u) =>
      u.code === args.code &&
      compareLocalDates(u.dateOfService, since) > 0 &&
      compareLocalDates(u.dateOfService, args.dateOfService) <= 0,
  );
  const limit = policy.perWindow[args.code];
  const name = CLARIFICATION_OVERRIDE_NAMES[args.code];
  if (uses.length >= limit) {
    const last = uses
      .map((u) => u.dateOfService)
      .sort()
      .at(-1);
    return {
      code: args.code,
      allowed: false,
      priorUses: uses.length,
      reason: `${name} override already used ${uses.length}x in ${policy.windowDays} days (last ${last})`,
    };
  }
  const prev = args.previousFill;
  if (args.code === '5' && prev && prev.daysSupply > 0 && args.daysSupply > 0) {
    // Same quantity per day as the previous fill: no change of therapy to justify an early fill.
    if (args.quantityMilli * prev.daysSupply === prev.quantityMilli * args.daysSupply) {
      return {
        code: '5',
        allowed: false,
        priorUses: uses.length,
        reason: 'therapy change override: daily dose unchanged',
      };
    }
  }
  return { code: args.code, allowed: true, priorUses: uses.length, reason: null };
}
