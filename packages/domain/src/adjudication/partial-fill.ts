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

/** What a B1 sent in 343-HD, 344-HF (thousandths) and 345-HG, next to what it dispensed (442-E7, 405-D5). */
export interface PartialFillFields {
  dispensingStatus: string | null;
  intendedQuantityMilli: number | null;
  intendedDaysSupply: number | null;
  quantityMilli: number | null;
  daysSupply: number | null;
}

export interface PartialFillFinding {
  /** The field's own M/I code: HD 343-HD, HF 344-HF, HG 345-HG. */
  code: 'HD' | 'HF' | 'HG';
  message: string;
}

/**
 * The intended whole fill is required on a partial (P) and its completion (C), and must cover what this claim
 * dispenses (more than it, on a partial). Sent without a dispensing status, the intended fill means nothing:
 * 343-HD is then missing.
 */
export function checkPartialFillFields(f: PartialFillFields): PartialFillFinding[] {
  const status = f.dispensingStatus;
  if (status !== 'P' && status !== 'C') {
    if (f.intendedQuantityMilli || f.intendedDaysSupply)
      return [{ code: 'HD', message: '343-HD dispensing status is required with 344-HF/345-HG' }];
    return [];
  }
  const what = status === 'P' ? 'a partial fill' : 'the completion of a partial fill';
  const out: PartialFillFinding[] = [];
  const quantity = f.quantityMilli ?? 0;
  const days = f.daysSupply ?? 0;
  if (!f.intendedQuantityMilli)
    out.push({ code: 'HF', message: `344-HF quantity intended to be dispensed is required on ${what}` });
  else if (status === 'P' ? f.intendedQuantityMilli <= quantity : f.intendedQuantityMilli < quantity)
    out.push({
      code: 'HF',
      message: `344-HF quantity intended must be ${status === 'P' ? 'more than' : 'at least'} the quantity dispensed`,
    });
  if (!f.intendedDaysSupply)
    out.push({ code: 'HG', message: `345-HG days supply intended to be dispensed is required on ${what}` });
  else if (f.intendedDaysSupply < days)
    out.push({
      code: 'HG',
      message: '345-HG days supply intended must be at least the days supply dispensed',
    });
  return out;
}
