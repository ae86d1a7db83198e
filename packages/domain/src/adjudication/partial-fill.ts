// Partial fills and refill timing (343-HD): a partial and its completion are one dispensing of the prescription.
// The completion is never too soon against its own partial, and the next fill counts from the partial's date
// with the intended days supply (345-HG), not from the completion's date.
import type { MedicationHistoryEntry } from './types';

/** The fills refill timing looks at: a partial counts as its whole intended fill; its completion is folded in. */
export function fillsForRefillTiming(history: readonly MedicationHistoryEntry[]): MedicationHistoryEntry[] {
  const partials = new Set(history.filter((h) => h.dispensingStatus === 'P').map((h) => h.claimId));
  const out: MedicationHistoryEntry[] = [];
  for (const fill of history) {
    if (fill.dispensingStatus === 'C' && fill.partialOfClaimId && partials.has(fill.partialOfClaimId))
      continue;
    if (fill.dispensingStatus === 'P') {
      out.push({
        ...fill,
        daysSupply: Math.max(fill.daysSupply, fill.intendedDaysSupply ?? 0),
        quantityMilli: Math.max(fill.quantityMilli, fill.intendedQuantityMilli ?? 0),
      });
    } else out.push(fill);
  }
  return out;
}

/** A completion's history: without the partial it completes (same dispensing, checked when the partial paid). */
export function historyWithoutOwnPartial(
  history: MedicationHistoryEntry[],
  partialClaimId: string | null | undefined,
): MedicationHistoryEntry[] {
  if (!partialClaimId) return history;
  return history.filter((h) => h.claimId !== partialClaimId);
}
