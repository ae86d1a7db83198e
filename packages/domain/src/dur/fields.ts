import type { MedicationHistoryEntry } from '../adjudication/types';
import { type LocalDate, toEpochDay } from '../time/local-date';
import type {
  ClinicalSignificanceCode,
  DurReasonCode,
  DurResponse,
  OtherPharmacyIndicator,
  OtherPrescriberIndicator,
} from './types';

/** Where and by whom the claim under review is being dispensed. */
export interface DispensingContext {
  pharmacyId: string;
  pharmacyChainId?: string | null;
  prescriberId?: string | null;
}

export const DUR_FREE_TEXT_MAX = 30;
export const DUR_ADDITIONAL_TEXT_MAX = 100;

export function truncateText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : clean.slice(0, max);
}

export function otherPharmacyIndicator(
  previous: Pick<MedicationHistoryEntry, 'pharmacyId' | 'pharmacyChainId'>,
  current: DispensingContext,
): OtherPharmacyIndicator {
  if (previous.pharmacyId === current.pharmacyId) return '1';
  if (previous.pharmacyChainId && previous.pharmacyChainId === current.pharmacyChainId) return '2';
  return '3';
}

export function otherPrescriberIndicator(
  previous: Pick<MedicationHistoryEntry, 'prescriberId'>,
  current: DispensingContext,
): OtherPrescriberIndicator {
  if (!previous.prescriberId || !current.prescriberId) return '0';
  return previous.prescriberId === current.prescriberId ? '1' : '2';
}

/** True when two fills' days supply share at least one day ([start, start + days) each). */
export function suppliesOverlap(
  aStart: LocalDate,
  aDaysSupply: number,
  bStart: LocalDate,
  bDaysSupply: number,
): boolean {
  const a = toEpochDay(aStart);
  const b = toEpochDay(bStart);
  return a < b + bDaysSupply && b < a + aDaysSupply;
}

/** Keeps the latest fill per key (e.g. per drug group), so one conflicting drug yields one DUR response. */
export function latestFillPerKey<T>(
  items: T[],
  fillOf: (item: T) => MedicationHistoryEntry,
  keyOf: (item: T) => string,
): T[] {
  const latest = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    const current = latest.get(key);
    if (!current || fillOf(item).fillDate > fillOf(current).fillDate) latest.set(key, item);
  }
  return [...latest.values()];
}

export function durResponse(args: {
  reason: DurReasonCode;
  clinicalSignificance: ClinicalSignificanceCode;
  previousFill: MedicationHistoryEntry;
  current: DispensingContext;
  freeText: string;
  additionalText: string;
  disposition: DurResponse['disposition'];
  /** Defaults to the processor's own rules over the claims history (532-FW 4). */
  source?: { label: string; databaseIndicator: DurResponse['databaseIndicator'] };
}): DurResponse {
  const { previousFill, current } = args;
  return {
    reasonForServiceCode: args.reason,
    clinicalSignificanceCode: args.clinicalSignificance,
    otherPharmacyIndicator: otherPharmacyIndicator(previousFill, current),
    previousDateOfFill: previousFill.fillDate,
    quantityOfPreviousFillMilli: previousFill.quantityMilli,
    databaseIndicator: args.source?.databaseIndicator ?? '4',
    source: args.source?.label ?? 'Claims history',
    otherPrescriberIndicator: otherPrescriberIndicator(previousFill, current),
    freeText: truncateText(args.freeText, DUR_FREE_TEXT_MAX),
    additionalText: truncateText(args.additionalText, DUR_ADDITIONAL_TEXT_MAX),
    conflictingNdc: previousFill.ndc,
    disposition: args.disposition,
  };
}
