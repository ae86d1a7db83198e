// D.0 requests for the claims tests: a clean B1 for a fixture member at a fixture pharmacy; each test changes
// one thing.
import { buildRequest, type NcpdpRequest } from '@openpbm/ncpdp';
import type { BenefitsFixture, FixtureMember, FixturePharmacy } from '../fixtures/benefits';

export interface B1Options {
  member?: FixtureMember;
  pharmacy?: FixturePharmacy;
  ndc?: string;
  rxNumber?: string;
  fillNumber?: number;
  dateOfService?: string;
  quantityMilli?: number;
  daysSupply?: number;
  ingredientCostCents?: number;
  usualAndCustomaryCents?: number;
  bin?: string;
  pcn?: string;
  group?: string;
  cardholderId?: string;
  personCode?: string;
  serviceProviderId?: string;
  serviceProviderIdQualifier?: string;
  transactionCode?: 'B1' | 'B2' | 'E1';
  durOverride?: { reason: string; professional: string; result: string };
}

let rxCounter = 100_000;

export const nextRxNumber = (): string => String(++rxCounter);

export function claimRequest(f: BenefitsFixture, o: B1Options = {}): NcpdpRequest {
  const member = o.member ?? f.members.single;
  const pharmacy = o.pharmacy ?? f.pharmacies.retail;
  const code = o.transactionCode ?? 'B1';
  const request: NcpdpRequest = {
    header: {
      bin: o.bin ?? f.routing.bin,
      transactionCode: code,
      processorControlNumber: o.pcn ?? f.routing.pcn,
      serviceProviderIdQualifier: o.serviceProviderIdQualifier ?? '01',
      serviceProviderId: o.serviceProviderId ?? pharmacy.npi,
      dateOfService: o.dateOfService ?? '2026-03-10',
      softwareVendorCertificationId: 'TESTVENDOR',
    },
    insurance: {
      cardholderId: o.cardholderId ?? member.memberNumber,
      groupId: o.group ?? f.routing.group,
      personCode: o.personCode ?? member.personCode,
    },
    patient: { dateOfBirth: member.dateOfBirth },
    transactions: [],
  };
  if (code === 'E1') {
    request.transactions = [{}];
    return request;
  }
  request.transactions = [
    {
      claim: {
        prescriptionServiceReferenceNumberQualifier: '1',
        prescriptionServiceReferenceNumber: o.rxNumber ?? nextRxNumber(),
        productServiceIdQualifier: '03',
        productServiceId: o.ndc ?? f.drugs.atorvastatin,
        quantityDispensed: o.quantityMilli ?? 30_000,
        fillNumber: o.fillNumber ?? 0,
        daysSupply: o.daysSupply ?? 30,
      },
      prescriber: { idQualifier: '01', id: f.prescriberNpi },
      pricing: {
        ingredientCostSubmitted: o.ingredientCostCents ?? 50_000,
        dispensingFeeSubmitted: 200,
        usualAndCustomary: o.usualAndCustomaryCents ?? 99_999,
        grossAmountDue: 50_200,
        basisOfCostDetermination: '01',
      },
      ...(o.durOverride
        ? {
            durPps: {
              services: [
                {
                  reasonForServiceCode: o.durOverride.reason,
                  professionalServiceCode: o.durOverride.professional,
                  resultOfServiceCode: o.durOverride.result,
                },
              ],
            },
          }
        : {}),
    },
  ];
  return request;
}

export const claimBytes = (f: BenefitsFixture, o: B1Options = {}): Uint8Array =>
  buildRequest(claimRequest(f, o));
