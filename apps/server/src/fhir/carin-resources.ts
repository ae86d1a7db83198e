// Database rows → CARIN Blue Button 2.0.0 (STU 2) resources. Amounts are the stored integer cents divided by 100,
// nothing recomputed, so an app sees exactly what the portal's claims history shows.
import type { EobClaimRow } from './patient-access-repo';

export const CARIN_VERSION = '2.0.0';
const C4BB = 'http://hl7.org/fhir/us/carin-bb';
export const profile = (name: string) => `${C4BB}/StructureDefinition/${name}|${CARIN_VERSION}`;
const IDENTIFIER_TYPE = `${C4BB}/CodeSystem/C4BBIdentifierType`;
const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const ADJUDICATION = 'http://terminology.hl7.org/CodeSystem/adjudication';
const C4BB_ADJUDICATION = `${C4BB}/CodeSystem/C4BBAdjudication`;
const SUPPORTING_INFO = `${C4BB}/CodeSystem/C4BBSupportingInfoType`;
const NPI = 'http://hl7.org/fhir/sid/us-npi';
const NDC = 'http://hl7.org/fhir/sid/ndc';
export const MEMBER_ID_SYSTEM = 'urn:openpbm:member-id';
export const CLAIM_ID_SYSTEM = 'urn:openpbm:claim-id';

const money = (cents: number) => ({ value: cents / 100, currency: 'USD' });
const instant = (date: Date) => date.toISOString();

export function patientResource(member: {
  id: string;
  memberNumber: string;
  firstName: string;
  lastName: string;
  gender: 'F' | 'M' | 'U';
  dateOfBirth: string;
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  state: string;
  zip: string;
  updatedAt: Date;
}) {
  return {
    resourceType: 'Patient' as const,
    id: member.id,
    meta: { lastUpdated: instant(member.updatedAt), profile: [profile('C4BB-Patient')] },
    identifier: [
      {
        type: { coding: [{ system: V2_0203, code: 'MB', display: 'Member Number' }] },
        system: MEMBER_ID_SYSTEM,
        value: member.memberNumber,
      },
    ],
    active: true,
    name: [{ use: 'official' as const, family: member.lastName, given: [member.firstName] }],
    gender: ({ F: 'female', M: 'male', U: 'unknown' } as const)[member.gender],
    birthDate: member.dateOfBirth,
    address: [
      {
        use: 'home' as const,
        line: [member.addressLine1, ...(member.addressLine2 ? [member.addressLine2] : [])],
        city: member.city,
        state: member.state,
        postalCode: member.zip,
        country: 'US',
      },
    ],
  };
}

const RELATIONSHIP = { '1': 'self', '2': 'spouse', '3': 'child', '4': 'other' } as const;

export function coverageResource(
  span: {
    id: string;
    startDate: string;
    endDate: string | null;
    status: string;
    updatedAt: Date;
    planName: string;
    planCode: string;
    groupNumber: string;
    groupName: string;
    clientId: string;
  },
  member: { id: string; subscriberId: string; memberNumber: string; relationshipCode: '1' | '2' | '3' | '4' },
) {
  const relationship = RELATIONSHIP[member.relationshipCode];
  return {
    resourceType: 'Coverage' as const,
    id: span.id,
    meta: { lastUpdated: instant(span.updatedAt), profile: [profile('C4BB-Coverage')] },
    identifier: [
      {
        type: { coding: [{ system: V2_0203, code: 'MB', display: 'Member Number' }] },
        system: MEMBER_ID_SYSTEM,
        value: member.memberNumber,
      },
    ],
    status: span.status === 'active' ? ('active' as const) : ('cancelled' as const),
    type: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
          code: 'DRUGPOL',
          display: 'drug policy',
        },
      ],
    },
    subscriberId: member.memberNumber,
    beneficiary: { reference: `Patient/${member.id}` },
    relationship: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: relationship },
      ],
    },
    period: { start: span.startDate, ...(span.endDate ? { end: span.endDate } : {}) },
    payor: [{ reference: `Organization/${span.clientId}` }],
    class: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'group' }] },
        value: span.groupNumber,
        name: span.groupName,
      },
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'plan' }] },
        value: span.planCode,
        name: span.planName,
      },
    ],
  };
}

export function pharmacyOrganization(p: {
  id: string;
  npi: string;
  name: string;
  addressLine1: string;
  city: string;
  state: string;
  zip: string;
  phone: string;
  updatedAt: Date;
}) {
  return {
    resourceType: 'Organization' as const,
    id: p.id,
    meta: { lastUpdated: instant(p.updatedAt), profile: [profile('C4BB-Organization')] },
    identifier: [{ type: { coding: [{ system: V2_0203, code: 'NPI' }] }, system: NPI, value: p.npi }],
    active: true,
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'prov' }] }],
    name: p.name,
    telecom: [{ system: 'phone' as const, value: p.phone }],
    address: [{ line: [p.addressLine1], city: p.city, state: p.state, postalCode: p.zip, country: 'US' }],
  };
}

export function payerOrganization(c: { id: string; name: string; code: string; updatedAt: Date }) {
  return {
    resourceType: 'Organization' as const,
    id: c.id,
    meta: { lastUpdated: instant(c.updatedAt), profile: [profile('C4BB-Organization')] },
    identifier: [{ system: 'urn:openpbm:client-code', value: c.code }],
    active: true,
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'pay' }] }],
    name: c.name,
  };
}

export function practitionerResource(p: {
  id: string;
  npi: string;
  firstName: string;
  lastName: string;
  credential: string;
  updatedAt: Date;
}) {
  return {
    resourceType: 'Practitioner' as const,
    id: p.id,
    meta: { lastUpdated: instant(p.updatedAt), profile: [profile('C4BB-Practitioner')] },
    identifier: [{ type: { coding: [{ system: V2_0203, code: 'NPI' }] }, system: NPI, value: p.npi }],
    name: [{ family: p.lastName, given: [p.firstName], suffix: [p.credential] }],
  };
}

const adjudication = (system: string, code: string, cents: number) => ({
  category: { coding: [{ system, code }] },
  amount: money(cents),
});

/** Item-level (and total) adjudication: every amount the portal's receipt shows, in the guide's categories. */
export function eobAmounts(
  row: Pick<
    EobClaimRow,
    | 'ingredientCostCents'
    | 'dispensingFeeCents'
    | 'patientPayCents'
    | 'planPayCents'
    | 'appliedToDeductibleCents'
  >,
) {
  return [
    adjudication(ADJUDICATION, 'submitted', row.ingredientCostCents + row.dispensingFeeCents),
    adjudication(ADJUDICATION, 'eligible', row.ingredientCostCents + row.dispensingFeeCents),
    adjudication(ADJUDICATION, 'deductible', row.appliedToDeductibleCents),
    adjudication(ADJUDICATION, 'benefit', row.planPayCents),
    adjudication(C4BB_ADJUDICATION, 'paidbypatient', row.patientPayCents),
    adjudication(C4BB_ADJUDICATION, 'paidtoprovider', row.planPayCents),
  ];
}

export function explanationOfBenefit(row: EobClaimRow, coverageId: string | null) {
  const updated = row.reversedAt ?? row.receivedAt;
  const drugName = row.productName ?? row.groupName ?? null;
  const sequence = [1];
  return {
    resourceType: 'ExplanationOfBenefit' as const,
    id: row.id,
    meta: { lastUpdated: instant(updated), profile: [profile('C4BB-ExplanationOfBenefit-Pharmacy')] },
    identifier: [
      {
        type: { coding: [{ system: IDENTIFIER_TYPE, code: 'uc', display: 'Unique Claim ID' }] },
        system: CLAIM_ID_SYSTEM,
        value: row.id,
      },
    ],
    status: row.status === 'reversed' ? ('cancelled' as const) : ('active' as const),
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'pharmacy' }] },
    use: 'claim' as const,
    patient: { reference: `Patient/${row.memberId}` },
    billablePeriod: { start: row.dateOfService, end: row.dateOfService },
    created: instant(row.receivedAt),
    insurer: { reference: `Organization/${row.clientId}` },
    provider: { reference: `Organization/${row.pharmacyId}` },
    outcome: 'complete' as const,
    ...(row.prescriberId
      ? {
          careTeam: [
            {
              sequence: 1,
              provider: { reference: `Practitioner/${row.prescriberId}` },
              role: {
                coding: [{ system: `${C4BB}/CodeSystem/C4BBClaimPharmacyTeamRole`, code: 'prescribing' }],
              },
            },
          ],
        }
      : {}),
    supportingInfo: [
      {
        sequence: 1,
        category: { coding: [{ system: SUPPORTING_INFO, code: 'clmrecvddate' }] },
        timingDate: row.receivedAt.toISOString().slice(0, 10),
      },
      ...(row.daysSupply != null
        ? [
            {
              sequence: 2,
              category: { coding: [{ system: SUPPORTING_INFO, code: 'dayssupply' }] },
              valueQuantity: { value: row.daysSupply },
            },
          ]
        : []),
      ...(row.fillNumber != null
        ? [
            {
              sequence: 3,
              category: { coding: [{ system: SUPPORTING_INFO, code: 'refillnum' }] },
              valueQuantity: { value: row.fillNumber },
            },
          ]
        : []),
    ],
    insurance: [
      {
        focal: true,
        coverage: coverageId ? { reference: `Coverage/${coverageId}` } : { display: 'Pharmacy benefit' },
      },
    ],
    item: [
      {
        sequence: 1,
        careTeamSequence: row.prescriberId ? sequence : undefined,
        productOrService: {
          coding: row.ndc ? [{ system: NDC, code: row.ndc, ...(drugName ? { display: drugName } : {}) }] : [],
          ...(drugName ? { text: drugName } : {}),
        },
        servicedDate: row.dateOfService,
        ...(row.quantityMilli != null ? { quantity: { value: row.quantityMilli / 1000 } } : {}),
        adjudication: [
          ...eobAmounts(row),
          {
            category: {
              coding: [
                { system: `${C4BB}/CodeSystem/C4BBAdjudicationDiscriminator`, code: 'benefitpaymentstatus' },
              ],
            },
            reason: {
              coding: [{ system: `${C4BB}/CodeSystem/C4BBPayerAdjudicationStatus`, code: 'innetwork' }],
            },
          },
        ],
      },
    ],
    total: eobAmounts(row).map(({ category, amount }) => ({ category, amount })),
  };
}
