/**
 * D.0 request segments a PBM reads. Field ids, order and formats follow the D.0 field lists in
 * transactrx/NCPDPSerDe (pkg/ncpdp/request/requestSegment/*.go), higher-pixels/ncpdp (lib/segments/*.rb)
 * and eduardonunesp/ncpdp-telecom-fmt-book docs/segments-reference.md; lengths are the Data Dictionary
 * formats as printed in public D.0 payer sheets. Fields not named here are still kept (`extra`).
 */
import { date, group, int, money, quantity, rate, text } from './fields';
import { defineSegment, type SegmentValue } from './segment-codec';

export const patientSegment = defineSegment('01', 'Patient', [
  text('idQualifier', 'CX', 2),
  text('id', 'CY', 20),
  date('dateOfBirth', 'C4'),
  text('genderCode', 'C5', 1),
  text('firstName', 'CA', 12),
  text('lastName', 'CB', 15),
  text('streetAddress', 'CM', 30),
  text('city', 'CN', 20),
  text('state', 'CO', 2),
  text('zip', 'CP', 15),
  text('phone', 'CQ', 10),
  text('placeOfService', 'C7', 2),
  text('employerId', 'CZ', 15),
  text('smokerCode', '1C', 1),
  text('pregnancyIndicator', '2C', 1),
  text('email', 'HN', 80),
  text('residence', '4X', 2),
]);

export const pharmacyProviderSegment = defineSegment('02', 'Pharmacy Provider', [
  text('providerIdQualifier', 'EY', 2),
  text('providerId', 'E9', 15),
]);

export const prescriberSegment = defineSegment('03', 'Prescriber', [
  text('idQualifier', 'EZ', 2),
  text('id', 'DB', 15),
  text('lastName', 'DR', 15),
  text('phone', 'PM', 10),
  text('primaryCareProviderIdQualifier', '2E', 2),
  text('primaryCareProviderId', 'DL', 15),
  text('primaryCareProviderLastName', '4E', 15),
  text('firstName', '2J', 12),
  text('streetAddress', '2K', 30),
  text('city', '2M', 20),
  text('state', '2N', 2),
  text('zip', '2P', 15),
]);

export const insuranceSegment = defineSegment('04', 'Insurance', [
  text('cardholderId', 'C2', 20),
  text('cardholderFirstName', 'CC', 12),
  text('cardholderLastName', 'CD', 15),
  text('homePlan', 'CE', 3),
  text('planId', 'FO', 8),
  text('eligibilityClarificationCode', 'C9', 1),
  text('groupId', 'C1', 15),
  text('personCode', 'C3', 3),
  text('patientRelationshipCode', 'C6', 1),
  text('otherPayerBin', 'MG', 6),
  text('otherPayerProcessorControlNumber', 'MH', 10),
  text('otherPayerCardholderId', 'NU', 20),
  text('otherPayerGroupId', 'MJ', 15),
  text('medigapId', '2A', 20),
  text('medicaidIndicator', '2B', 2),
  text('providerAcceptAssignmentIndicator', '2D', 1),
  text('cmsPartDDefinedQualifiedFacility', 'G2', 1),
  text('medicaidIdNumber', 'N5', 20),
  text('medicaidAgencyNumber', 'N6', 15),
]);

export const claimSegment = defineSegment('07', 'Claim', [
  text('prescriptionServiceReferenceNumberQualifier', 'EM', 1),
  text('prescriptionServiceReferenceNumber', 'D2', 12),
  text('productServiceIdQualifier', 'E1', 2),
  text('productServiceId', 'D7', 19),
  text('associatedPrescriptionServiceReferenceNumber', 'EN', 12),
  date('associatedPrescriptionServiceDate', 'EP'),
  group('procedureModifierCodes', { countId: 'SE', countWidth: 2, maxOccurrences: 10 }, [
    text('code', 'ER', 2),
  ]),
  quantity('quantityDispensed', 'E7'),
  int('fillNumber', 'D3', 2),
  int('daysSupply', 'D5', 3),
  text('compoundCode', 'D6', 1),
  text('dispenseAsWrittenProductSelectionCode', 'D8', 1),
  date('datePrescriptionWritten', 'DE'),
  int('numberOfRefillsAuthorized', 'DF', 2),
  text('prescriptionOriginCode', 'DJ', 1),
  group('submissionClarificationCodes', { countId: 'NX', countWidth: 1, maxOccurrences: 3 }, [
    text('code', 'DK', 2),
  ]),
  quantity('quantityPrescribed', 'ET'),
  text('otherCoverageCode', 'C8', 2),
  text('specialPackagingIndicator', 'DT', 1),
  text('originallyPrescribedProductServiceIdQualifier', 'EJ', 2),
  text('originallyPrescribedProductServiceCode', 'EA', 19),
  quantity('originallyPrescribedQuantity', 'EB'),
  text('alternateId', 'CW', 10),
  text('scheduledPrescriptionIdNumber', 'EK', 12),
  text('unitOfMeasure', '28', 2),
  text('levelOfService', 'DI', 2),
  text('priorAuthorizationTypeCode', 'EU', 2),
  text('priorAuthorizationNumberSubmitted', 'EV', 11),
  text('intermediaryAuthorizationTypeId', 'EW', 2),
  text('intermediaryAuthorizationId', 'EX', 11),
  text('dispensingStatus', 'HD', 1),
  quantity('quantityIntendedToBeDispensed', 'HF'),
  int('daysSupplyIntendedToBeDispensed', 'HG', 3),
  text('delayReasonCode', 'NV', 2),
  text('transactionReferenceNumber', 'K5', 10),
  text('patientAssignmentIndicator', 'MT', 1),
  text('routeOfAdministration', 'E2', 11),
  text('compoundType', 'G1', 2),
  text('medicaidSubrogationIcn', 'N4', 30),
  text('pharmacyServiceType', 'U7', 2),
]);

export const durPpsSegment = defineSegment('08', 'DUR/PPS', [
  group('services', { counterId: '7E', countWidth: 1, maxOccurrences: 9 }, [
    text('reasonForServiceCode', 'E4', 2),
    text('professionalServiceCode', 'E5', 2),
    text('resultOfServiceCode', 'E6', 2),
    int('levelOfEffort', '8E', 2),
    text('coAgentIdQualifier', 'J9', 2),
    text('coAgentId', 'H6', 19),
  ]),
]);

export const pricingSegment = defineSegment('11', 'Pricing', [
  money('ingredientCostSubmitted', 'D9'),
  money('dispensingFeeSubmitted', 'DC'),
  money('professionalServiceFeeSubmitted', 'BE'),
  money('patientPaidAmountSubmitted', 'DX'),
  money('incentiveAmountSubmitted', 'E3'),
  group('otherAmountsClaimed', { countId: 'H7', countWidth: 1, maxOccurrences: 3 }, [
    text('qualifier', 'H8', 2),
    money('amount', 'H9'),
  ]),
  money('flatSalesTaxAmountSubmitted', 'HA'),
  money('percentageSalesTaxAmountSubmitted', 'GE'),
  rate('percentageSalesTaxRateSubmitted', 'HE'),
  text('percentageSalesTaxBasisSubmitted', 'JE', 2),
  money('usualAndCustomary', 'DQ'),
  money('grossAmountDue', 'DU'),
  text('basisOfCostDetermination', 'DN', 2),
  money('medicaidPaidAmount', 'N3'),
]);

export const priorAuthorizationSegment = defineSegment('12', 'Prior Authorization', [
  text('requestType', 'PA', 1),
  date('requestPeriodBegin', 'PB'),
  date('requestPeriodEnd', 'PC'),
  text('basisOfRequest', 'PD', 2),
  text('authorizedRepresentativeFirstName', 'PE', 12),
  text('authorizedRepresentativeLastName', 'PF', 15),
  text('authorizedRepresentativeStreetAddress', 'PG', 30),
  text('authorizedRepresentativeCity', 'PH', 20),
  text('authorizedRepresentativeState', 'PJ', 2),
  text('authorizedRepresentativeZip', 'PK', 15),
  text('priorAuthorizationNumberAssigned', 'PY', 11),
  text('authorizationNumber', 'F3', 20),
  text('supportingDocumentation', 'PP', 500),
]);

export const clinicalSegment = defineSegment('13', 'Clinical', [
  group('diagnoses', { countId: 'VE', countWidth: 1, maxOccurrences: 5 }, [
    text('qualifier', 'WE', 2),
    text('code', 'DO', 15),
  ]),
  group('measurements', { counterId: 'XE', countWidth: 1, maxOccurrences: 5 }, [
    date('date', 'ZE'),
    text('time', 'H1', 4),
    text('dimension', 'H2', 2),
    text('unit', 'H3', 2),
    text('value', 'H4', 15),
  ]),
]);

// ---- segments the processor parses but does not adjudicate on --------------------------------------------
// Field ids from the D.0 field lists cited above. Dates keep the date kind (CCYYMMDD) and amounts the money
// kind; everything else is text, so an odd code in a segment nobody adjudicates never makes a claim unreadable.

export const workersCompensationSegment = defineSegment('06', "Workers' Compensation", [
  date('dateOfInjury', 'DY'),
  text('employerName', 'CF', 30),
  text('employerStreetAddress', 'CG', 30),
  text('employerCity', 'CH', 20),
  text('employerState', 'CI', 2),
  text('employerZip', 'CJ', 15),
  text('employerPhone', 'CK', 10),
  text('employerContactName', 'CL', 30),
  text('carrierId', 'CR', 10),
  text('claimReferenceId', 'DZ', 30),
  text('billingEntityTypeIndicator', 'TR', 2),
  text('payToQualifier', 'TS', 2),
  text('payToId', 'TT', 15),
  text('payToName', 'TU', 20),
  text('payToStreetAddress', 'TV', 30),
  text('payToCity', 'TW', 20),
  text('payToState', 'TX', 2),
  text('payToZip', 'TY', 15),
  text('genericEquivalentProductIdQualifier', 'TZ', 2),
  text('genericEquivalentProductId', 'UA', 19),
]);

export const couponSegment = defineSegment('09', 'Coupon', [
  text('couponType', 'KE', 2),
  text('couponNumber', 'ME', 15),
  money('couponValueAmount', 'NE'),
]);

export const additionalDocumentationSegment = defineSegment('14', 'Additional Documentation', [
  text('typeId', '2Q', 3),
  date('requestPeriodBegin', '2V'),
  date('requestPeriodRecertRevised', '2W'),
  text('requestStatus', '2U', 1),
  text('lengthOfNeedQualifier', '2S', 1),
  text('lengthOfNeed', '2R', 3),
  date('prescriberSupplierDateSigned', '2T'),
  text('supportingDocumentation', '2X', 65),
  group('questions', { countId: '2Z', countWidth: 3, maxOccurrences: 50 }, [
    text('numberLetter', '4B', 3),
    text('percentResponse', '4D', 5),
    date('dateResponse', '4G'),
    money('dollarAmountResponse', '4H'),
    text('numericResponse', '4J', 11),
    text('alphanumericResponse', '4K', 30),
  ]),
]);

export const facilitySegment = defineSegment('15', 'Facility', [
  text('facilityId', '8C', 10),
  text('facilityName', '3Q', 30),
  text('facilityStreetAddress', '3U', 30),
  text('facilityCity', '5J', 20),
  text('facilityState', '3V', 2),
  text('facilityZip', '6D', 15),
]);

export const narrativeSegment = defineSegment('16', 'Narrative', [text('message', 'BM', 200)]);

export type PatientSegment = SegmentValue<typeof patientSegment>;
export type PharmacyProviderSegment = SegmentValue<typeof pharmacyProviderSegment>;
export type PrescriberSegment = SegmentValue<typeof prescriberSegment>;
export type InsuranceSegment = SegmentValue<typeof insuranceSegment>;
export type ClaimSegment = SegmentValue<typeof claimSegment>;
export type DurPpsSegment = SegmentValue<typeof durPpsSegment>;
export type PricingSegment = SegmentValue<typeof pricingSegment>;
export type PriorAuthorizationSegment = SegmentValue<typeof priorAuthorizationSegment>;
export type ClinicalSegment = SegmentValue<typeof clinicalSegment>;
export type WorkersCompensationSegment = SegmentValue<typeof workersCompensationSegment>;
export type CouponSegment = SegmentValue<typeof couponSegment>;
export type AdditionalDocumentationSegment = SegmentValue<typeof additionalDocumentationSegment>;
export type FacilitySegment = SegmentValue<typeof facilitySegment>;
export type NarrativeSegment = SegmentValue<typeof narrativeSegment>;
