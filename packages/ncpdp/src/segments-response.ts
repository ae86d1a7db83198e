/**
 * D.0 response segments. Field ids and order follow transactrx/NCPDPSerDe
 * (pkg/ncpdp/response/responseSegment/*.go), higher-pixels/ncpdp lib/segments/response_status.rb and
 * eduardonunesp/ncpdp-telecom-fmt-book docs/segments-reference.md; cosyte/ncpdp spec-notes-telecom-response.md
 * for Response Status and DUR repetition. Fields not named here are still kept (`extra`).
 */
import { date, group, int, money, quantity, rate, text } from './fields';
import { defineSegment, type SegmentValue } from './segment-codec';

export const responseMessageSegment = defineSegment('20', 'Response Message', [text('message', 'F4', 200)]);

export const responseStatusSegment = defineSegment('21', 'Response Status', [
  /** 112-AN: P paid, D duplicate of paid, R rejected, A approved/accepted, C captured, S duplicate of approved. */
  text('transactionResponseStatus', 'AN', 1),
  text('authorizationNumber', 'F3', 20),
  group('rejects', { countId: 'FA', countWidth: 2, maxOccurrences: 5 }, [
    text('code', 'FB', 3),
    int('fieldOccurrenceIndicator', '4F', 2),
  ]),
  group('approvedMessageCodes', { countId: '5F', countWidth: 1, maxOccurrences: 5 }, [text('code', '6F', 3)]),
  group('additionalMessages', { countId: 'UF', countWidth: 2, maxOccurrences: 25 }, [
    text('qualifier', 'UH', 2),
    text('text', 'FQ', 40),
    text('continuity', 'UG', 1),
  ]),
  text('helpDeskPhoneNumberQualifier', '7F', 2),
  text('helpDeskPhoneNumber', '8F', 18),
  text('transactionReferenceNumber', 'K5', 10),
  text('internalControlNumber', 'A7', 30),
  text('url', 'MA', 100),
]);

export const responseClaimSegment = defineSegment('22', 'Response Claim', [
  text('prescriptionServiceReferenceNumberQualifier', 'EM', 1),
  text('prescriptionServiceReferenceNumber', 'D2', 12),
  group('preferredProducts', { countId: '9F', countWidth: 1, maxOccurrences: 6 }, [
    text('idQualifier', 'AP', 2),
    text('id', 'AR', 19),
    money('incentive', 'AS'),
    money('costShareIncentive', 'AT'),
    text('description', 'AU', 40),
  ]),
  text('medicaidSubrogationIcn', 'N4', 30),
]);

export const responsePricingSegment = defineSegment('23', 'Response Pricing', [
  money('patientPayAmount', 'F5'),
  money('ingredientCostPaid', 'F6'),
  money('dispensingFeePaid', 'F7'),
  text('taxExemptIndicator', 'AV', 1),
  money('flatSalesTaxAmountPaid', 'AW'),
  money('percentageSalesTaxAmountPaid', 'AX'),
  rate('percentageSalesTaxRatePaid', 'AY'),
  text('percentageSalesTaxBasisPaid', 'AZ', 2),
  money('incentiveAmountPaid', 'FL'),
  money('professionalServiceFeePaid', 'J1'),
  group('otherAmountsPaid', { countId: 'J2', countWidth: 1, maxOccurrences: 3 }, [
    text('qualifier', 'J3', 2),
    money('amount', 'J4'),
  ]),
  money('otherPayerAmountRecognized', 'J5'),
  money('totalAmountPaid', 'F9'),
  text('basisOfReimbursementDetermination', 'FM', 2),
  money('amountAttributedToSalesTax', 'FN'),
  money('accumulatedDeductibleAmount', 'FC'),
  money('remainingDeductibleAmount', 'FD'),
  money('remainingBenefitAmount', 'FE'),
  money('amountAppliedToPeriodicDeductible', 'FH'),
  money('amountOfCopay', 'FI'),
  money('amountExceedingPeriodicBenefitMaximum', 'FK'),
  text('basisOfCalculationDispensingFee', 'HH', 2),
  text('basisOfCalculationCopay', 'HJ', 2),
  text('basisOfCalculationFlatSalesTax', 'HK', 2),
  text('basisOfCalculationPercentageSalesTax', 'HM', 2),
  money('amountAttributedToProcessorFee', 'NZ'),
  money('patientSalesTaxAmount', 'EQ'),
  money('planSalesTaxAmount', '2Y'),
  money('amountOfCoinsurance', '4U'),
  text('basisOfCalculationCoinsurance', '4V', 2),
  group('benefitStages', { countId: 'MU', countWidth: 1, maxOccurrences: 4 }, [
    text('qualifier', 'MV', 2),
    money('amount', 'MW'),
  ]),
  money('estimatedGenericSavings', 'G3'),
  money('spendingAccountAmountRemaining', 'UC'),
  money('healthPlanFundedAssistanceAmount', 'UD'),
  money('amountAttributedToProviderNetworkSelection', 'UJ'),
  money('amountAttributedToProductSelectionBrandDrug', 'UK'),
  money('amountAttributedToProductSelectionNonPreferredFormulary', 'UM'),
  money('amountAttributedToProductSelectionBrandNonPreferredFormulary', 'UN'),
  money('amountAttributedToCoverageGap', 'UP'),
  money('ingredientCostContractedReimbursableAmount', 'U8'),
  money('dispensingFeeContractedReimbursableAmount', 'U9'),
]);

export const responseDurPpsSegment = defineSegment('24', 'Response DUR/PPS', [
  group('alerts', { counterId: 'J6', countWidth: 1, maxOccurrences: 9 }, [
    text('reasonForService', 'E4', 2),
    text('clinicalSignificance', 'FS', 1),
    text('otherPharmacyIndicator', 'FT', 1),
    date('previousDateOfFill', 'FU'),
    quantity('quantityOfPreviousFill', 'FV'),
    text('databaseIndicator', 'FW', 1),
    text('otherPrescriberIndicator', 'FX', 1),
    text('freeText', 'FY', 30),
    text('additionalText', 'NS', 100),
  ]),
]);

export const responseInsuranceSegment = defineSegment('25', 'Response Insurance', [
  text('groupId', 'C1', 15),
  text('planId', 'FO', 8),
  text('networkReimbursementId', '2F', 10),
  text('payerIdQualifier', 'J7', 2),
  text('payerId', 'J8', 15),
  text('medicaidIdNumber', 'N5', 20),
  text('medicaidAgencyNumber', 'N6', 15),
  text('cardholderId', 'C2', 20),
]);

export const responsePriorAuthorizationSegment = defineSegment('26', 'Response Prior Authorization', [
  date('processedDate', 'PR'),
  date('effectiveDate', 'PS'),
  date('expirationDate', 'PT'),
  quantity('quantity', 'RA'),
  money('dollarsAuthorized', 'RB'),
  int('numberOfRefillsAuthorized', 'PW', 2),
  quantity('quantityAccumulated', 'PX'),
  text('numberAssigned', 'PY', 11),
]);

/** AM28: the other payers the processor knows of (a 41 "bill the primary first", or an E1's other coverage). */
export const responseCoordinationOfBenefitsSegment = defineSegment('28', 'Response COB / Other Payers', [
  group('otherPayers', { countId: 'NT', countWidth: 1, maxOccurrences: 3 }, [
    text('coverageType', '5C', 2),
    text('idQualifier', '6C', 2),
    text('id', '7C', 10),
    text('processorControlNumber', 'MH', 10),
    text('cardholderId', 'NU', 20),
    text('groupId', 'MJ', 15),
    text('personCode', 'UV', 3),
    text('helpDeskPhoneNumber', 'UB', 18),
    text('patientRelationshipCode', 'UW', 1),
    date('benefitEffectiveDate', 'UX'),
    date('benefitTerminationDate', 'UY'),
  ]),
]);

export const responsePatientSegment = defineSegment('29', 'Response Patient', [
  text('firstName', 'CA', 12),
  text('lastName', 'CB', 15),
  date('dateOfBirth', 'C4'),
]);

export type ResponseMessageSegment = SegmentValue<typeof responseMessageSegment>;
export type ResponseStatusSegment = SegmentValue<typeof responseStatusSegment>;
export type ResponseClaimSegment = SegmentValue<typeof responseClaimSegment>;
export type ResponsePricingSegment = SegmentValue<typeof responsePricingSegment>;
export type ResponseDurPpsSegment = SegmentValue<typeof responseDurPpsSegment>;
export type ResponseInsuranceSegment = SegmentValue<typeof responseInsuranceSegment>;
export type ResponsePriorAuthorizationSegment = SegmentValue<typeof responsePriorAuthorizationSegment>;
export type ResponseCoordinationOfBenefitsSegment = SegmentValue<
  typeof responseCoordinationOfBenefitsSegment
>;
/** One other payer in a Response COB segment. */
export type ResponseOtherPayer = NonNullable<ResponseCoordinationOfBenefitsSegment['otherPayers']>[number];
export type ResponsePatientSegment = SegmentValue<typeof responsePatientSegment>;
/** One DUR/PPS alert in a response. */
export type ResponseDurAlert = NonNullable<ResponseDurPpsSegment['alerts']>[number];
