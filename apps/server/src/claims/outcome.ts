// The result of one transaction, independent of transport, and its D.0 response form.
import type { Channel, DurResponse, LocalDate, PreferredAlternative, Tier } from '@openpbm/domain';
import {
  type AdjudicationStatus,
  type AdjudicationTransaction,
  adjudicationResponse,
  buildResponse,
  type NcpdpRequest,
  type NcpdpResponse,
  type ResponseDurAlert,
  type ResponseInsuranceSegment,
  type ResponseOtherPayer,
  type ResponsePatientSegment,
  type ResponsePricingSegment,
  type ResponsePriorAuthorizationSegment,
  type ResponseTransaction,
  splitMessageLines,
} from '@openpbm/ncpdp';
import { MAX_REJECT_CODES } from './reject-codes';

export interface OutcomePricing {
  ingredientCostPaidCents: number;
  dispensingFeePaidCents: number;
  /** Allowed amount: ingredient cost paid + dispensing fee paid. */
  totalPriceCents: number;
  patientPayCents: number;
  /** What the plan pays the pharmacy (505-F9 Total Amount Paid). */
  planPayCents: number;
  appliedToDeductibleCents: number;
  appliedToOopCents: number;
  copayCents: number;
  coinsuranceCents: number;
  /** 522-FM Basis of Reimbursement Determination. */
  basisOfReimbursementCode: string | null;
  /** After this claim; null when answering a duplicate from the stored claim. */
  accumulatedDeductibleCents: number | null;
  remainingDeductibleCents: number | null;
  remainingOopCents: number | null;
  /** 562-J1 on a paid professional service (S1/S3). */
  professionalServiceFeeCents?: number;
  /** DAW 2 brand–generic difference in the patient pay (134-UK). */
  productSelectionCents?: number;
  /** A secondary claim: what the other payers paid (566-J5). */
  otherPayerAmountRecognizedCents?: number;
}

export interface EligibilityInfo {
  planCode: string;
  planName: string;
  rxGroup: string;
  cardholderId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: LocalDate | null;
  coverageLevel: 'individual' | 'family';
}

export interface TransactionOutcome {
  transactionCode: string;
  status: AdjudicationStatus;
  /** The stored claim (the original one when answering a duplicate); null when nothing could be stored. */
  claimId: string | null;
  authorizationNumber: string | null;
  /** Every applicable code, in rule order; the D.0 response carries the first five. */
  rejectCodes: string[];
  messages: string[];
  rxNumber: string | null;
  fillNumber: number | null;
  ndc: string | null;
  tier: Tier | null;
  channel: Channel | null;
  pricing: OutcomePricing | null;
  dur: DurResponse[];
  preferredAlternatives: PreferredAlternative[];
  refillEligibleOn: LocalDate | null;
  priorAuthorizationId: string | null;
  eligibility: EligibilityInfo | null;
  helpDeskPhone: string | null;
  /** Response Prior Authorization (AM26) of a P1-P4: the case number (498-PY), dates, quantity. */
  priorAuthorization?: ResponsePriorAuthorizationSegment;
  /** Response COB / Other Payers (AM28): the primary to bill (41), or an E1's other coverage. */
  otherPayers?: ResponseOtherPayer[];
  /** A duplicate's answer: the original stored response transaction, status turned to D/S. */
  replay?: ResponseTransaction;
}

const MAX_MESSAGE_LINES = 9;
const MAX_DUR_ALERTS = 9;

/** Keeps whole messages while they fit D.0's nine 40-character lines. */
export function fitMessages(messages: string[]): string[] {
  const out: string[] = [];
  let lines = 0;
  for (const message of messages) {
    const needed = splitMessageLines(message).length;
    if (needed === 0) continue;
    if (lines + needed > MAX_MESSAGE_LINES) break;
    out.push(message);
    lines += needed;
  }
  return out;
}

function pricingSegment(p: OutcomePricing): ResponsePricingSegment {
  const segment: ResponsePricingSegment = {
    patientPayAmount: p.patientPayCents,
    ingredientCostPaid: p.ingredientCostPaidCents,
    dispensingFeePaid: p.dispensingFeePaidCents,
    totalAmountPaid: p.planPayCents,
    amountAppliedToPeriodicDeductible: p.appliedToDeductibleCents,
    amountOfCopay: p.copayCents,
    amountOfCoinsurance: p.coinsuranceCents,
  };
  if (p.basisOfReimbursementCode) segment.basisOfReimbursementDetermination = p.basisOfReimbursementCode;
  if (p.accumulatedDeductibleCents !== null)
    segment.accumulatedDeductibleAmount = p.accumulatedDeductibleCents;
  if (p.remainingDeductibleCents !== null) segment.remainingDeductibleAmount = p.remainingDeductibleCents;
  if (p.professionalServiceFeeCents !== undefined)
    segment.professionalServiceFeePaid = p.professionalServiceFeeCents;
  if (p.productSelectionCents) segment.amountAttributedToProductSelectionBrandDrug = p.productSelectionCents;
  if (p.otherPayerAmountRecognizedCents !== undefined)
    segment.otherPayerAmountRecognized = p.otherPayerAmountRecognizedCents;
  return segment;
}

function durAlert(d: DurResponse): ResponseDurAlert {
  return {
    reasonForService: d.reasonForServiceCode,
    ...(d.clinicalSignificanceCode ? { clinicalSignificance: d.clinicalSignificanceCode } : {}),
    otherPharmacyIndicator: d.otherPharmacyIndicator,
    previousDateOfFill: d.previousDateOfFill,
    quantityOfPreviousFill: d.quantityOfPreviousFillMilli,
    databaseIndicator: d.databaseIndicator,
    otherPrescriberIndicator: d.otherPrescriberIndicator,
    freeText: d.freeText,
    additionalText: d.additionalText,
  };
}

export function responseTransaction(o: TransactionOutcome): AdjudicationTransaction {
  const t: AdjudicationTransaction = { status: o.status };
  if (o.status === 'rejected') t.rejectCodes = o.rejectCodes.slice(0, MAX_REJECT_CODES);
  if (o.authorizationNumber) t.authorizationNumber = o.authorizationNumber;
  const messages = fitMessages(o.messages);
  if (messages.length) t.messages = messages;
  if (o.helpDeskPhone) t.helpDesk = { qualifier: '01', phoneNumber: o.helpDeskPhone };
  if (o.rxNumber) t.prescriptionServiceReferenceNumber = o.rxNumber;
  if (o.pricing && (o.status === 'paid' || o.status === 'duplicate-paid'))
    t.pricing = pricingSegment(o.pricing);
  if (o.dur.length) t.dur = o.dur.slice(0, MAX_DUR_ALERTS).map(durAlert);
  if (o.priorAuthorization) t.priorAuthorization = o.priorAuthorization;
  if (o.otherPayers?.length) t.otherPayers = o.otherPayers;
  return t;
}

const cut = (value: string, max: number) => value.slice(0, max);

function insuranceSegment(e: EligibilityInfo): ResponseInsuranceSegment {
  return { groupId: cut(e.rxGroup, 15), planId: cut(e.planCode, 8), cardholderId: cut(e.cardholderId, 20) };
}

function patientSegment(e: EligibilityInfo): ResponsePatientSegment {
  const p: ResponsePatientSegment = { firstName: cut(e.firstName, 12), lastName: cut(e.lastName, 15) };
  if (e.dateOfBirth) p.dateOfBirth = e.dateOfBirth;
  return p;
}

/** The typed D.0 response answering `request` with one outcome per transaction. */
export function ncpdpResponseFor(request: NcpdpRequest, outcomes: TransactionOutcome[]): NcpdpResponse {
  const transmissionRejected = outcomes.every((o) => o.status === 'rejected' && isTransmissionLevel(o));
  const eligibility = outcomes.find((o) => o.eligibility)?.eligibility ?? null;
  const response = adjudicationResponse({
    request: request.header,
    transmission: transmissionRejected ? 'rejected' : 'accepted',
    ...(eligibility
      ? { insurance: insuranceSegment(eligibility), patient: patientSegment(eligibility) }
      : {}),
    transactions: outcomes.map(responseTransaction),
  });
  outcomes.forEach((o, i) => {
    if (o.replay) response.transactions[i] = o.replay;
  });
  // Preferred alternatives of an excluded or non-preferred drug go in the Response Claim segment (AU text).
  outcomes.forEach((o, i) => {
    if (o.replay) return;
    const claim = response.transactions[i]?.claim;
    if (claim && o.preferredAlternatives.length) {
      claim.preferredProducts = o.preferredAlternatives.slice(0, 6).map((a) => ({
        // 552-AP: 03 = NDC, 00 = not specified (an alternative group without a product on file).
        idQualifier: a.ndc ? '03' : '00',
        ...(a.ndc ? { id: a.ndc } : {}),
        description: cut(a.name, 40),
      }));
    }
  });
  return response;
}

export function ncpdpResponseBytes(request: NcpdpRequest, outcomes: TransactionOutcome[]): Uint8Array {
  return buildResponse(ncpdpResponseFor(request, outcomes));
}

/** Codes about the transmission (header, insurance and patient segments) rather than the claim. */
const TRANSMISSION_LEVEL_CODES = new Set([
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '9',
  '50',
  '52',
  '53',
  'PJ',
  'PK',
]);

function isTransmissionLevel(o: TransactionOutcome): boolean {
  return o.rejectCodes.length > 0 && o.rejectCodes.every((c) => TRANSMISSION_LEVEL_CODES.has(c));
}
