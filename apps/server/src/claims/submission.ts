// One transaction of a D.0 transmission, as the claims service reads it (transport-neutral: the raw D.0
// endpoint, the JSON form and the TCP listener all end up here). Only what adjudication uses is named.
import type { DurOverride, LocalDate } from '@openpbm/domain';
import {
  type CoordinationOfBenefits,
  canonicalNumber,
  type NcpdpRequest,
  type RequestTransaction,
  readCoordinationOfBenefits,
} from '@openpbm/ncpdp';

export type TransactionCode =
  | 'E1'
  | 'B1'
  | 'B2'
  | 'B3'
  | 'C1'
  | 'C2'
  | 'C3'
  | 'P1'
  | 'P2'
  | 'P3'
  | 'P4'
  | 'N1'
  | 'N2'
  | 'N3'
  | 'S1'
  | 'S2'
  | 'S3';

/** 202-B2 Service Provider ID Qualifier values this processor accepts. */
export const PROVIDER_ID_QUALIFIERS = { npi: '01', ncpdp: '07' } as const;

export interface ClaimSubmission {
  transactionCode: string;
  bin: string;
  pcn: string;
  group: string;
  serviceProviderIdQualifier: string;
  serviceProviderId: string;
  dateOfService: LocalDate;
  cardholderId: string;
  personCode: string | null;
  dateOfBirth: LocalDate | null;
  rxNumber: string | null;
  fillNumber: number | null;
  /** 436-E1 "03" = NDC. */
  productIdQualifier: string | null;
  productId: string | null;
  quantityMilli: number | null;
  daysSupply: number | null;
  prescriberNpi: string | null;
  ingredientCostSubmittedCents: number;
  dispensingFeeSubmittedCents: number | null;
  usualAndCustomaryCents: number | null;
  durOverrides: DurOverride[];
  /** 308-C8 Other Coverage Code as sent (null when absent). */
  otherCoverageCode: string | null;
  /** 408-D8 DAW / product selection code. */
  dispenseAsWritten: string | null;
  /** 420-DK Submission Clarification Codes. */
  submissionClarificationCodes: string[];
  /** The COB/Other Payments segment (AM05), read; null when not sent. */
  cob: CoordinationOfBenefits | null;
  /** 343-HD Dispensing Status as sent ('P' partial, 'C' completion; null when absent). */
  dispensingStatus: string | null;
  /** 344-HF Quantity Intended To Be Dispensed (thousandths) and 345-HG Days Supply Intended. */
  intendedQuantityMilli: number | null;
  intendedDaysSupply: number | null;
}

/** 343-HD as this processor stores it: 'P' or 'C', else null (other values are refused by field conformance). */
export function dispensingStatusOf(s: ClaimSubmission): 'P' | 'C' | null {
  return s.dispensingStatus === 'P' || s.dispensingStatus === 'C' ? s.dispensingStatus : null;
}

/** Reads transaction `index` of a parsed request. Transmission-level segments apply to every transaction. */
export function submissionOf(request: NcpdpRequest, index: number): ClaimSubmission {
  const t: RequestTransaction = request.transactions[index] ?? {};
  const claim = t.claim ?? {};
  const pricing = t.pricing ?? {};
  const insurance = request.insurance ?? {};
  const services = t.durPps?.services ?? [];
  return {
    transactionCode: request.header.transactionCode,
    bin: request.header.bin,
    pcn: request.header.processorControlNumber,
    group: insurance.groupId?.trim() ?? '',
    serviceProviderIdQualifier: request.header.serviceProviderIdQualifier,
    serviceProviderId: request.header.serviceProviderId.trim(),
    dateOfService: request.header.dateOfService,
    cardholderId: insurance.cardholderId?.trim() ?? '',
    personCode: insurance.personCode?.trim() || null,
    dateOfBirth: request.patient?.dateOfBirth ?? null,
    // 402-D2 is 9(12): compared as a number everywhere (duplicates, B2/B3 look-ups, prescriptions).
    rxNumber: canonicalNumber(claim.prescriptionServiceReferenceNumber?.trim() ?? '') || null,
    fillNumber: claim.fillNumber ?? null,
    productIdQualifier: claim.productServiceIdQualifier ?? null,
    productId: claim.productServiceId?.trim() || null,
    quantityMilli: claim.quantityDispensed ?? null,
    daysSupply: claim.daysSupply ?? null,
    prescriberNpi: t.prescriber?.id?.trim() || null,
    ingredientCostSubmittedCents: pricing.ingredientCostSubmitted ?? 0,
    dispensingFeeSubmittedCents: pricing.dispensingFeeSubmitted ?? null,
    usualAndCustomaryCents: pricing.usualAndCustomary ?? null,
    durOverrides: services
      .filter((s) => s.reasonForServiceCode && s.professionalServiceCode && s.resultOfServiceCode)
      .map((s) => ({
        reasonForServiceCode: s.reasonForServiceCode ?? '',
        professionalServiceCode: s.professionalServiceCode ?? '',
        resultOfServiceCode: s.resultOfServiceCode ?? '',
      })),
    otherCoverageCode: claim.otherCoverageCode?.trim() || null,
    dispenseAsWritten: claim.dispenseAsWrittenProductSelectionCode?.trim() || null,
    submissionClarificationCodes: (claim.submissionClarificationCodes ?? []).map((c) => c.code ?? ''),
    cob: t.coordinationOfBenefits ? readCoordinationOfBenefits(t.coordinationOfBenefits.fields) : null,
    dispensingStatus: claim.dispensingStatus?.trim().toUpperCase() || null,
    intendedQuantityMilli: claim.quantityIntendedToBeDispensed ?? null,
    intendedDaysSupply: claim.daysSupplyIntendedToBeDispensed ?? null,
  };
}
