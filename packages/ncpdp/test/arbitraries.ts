/** fast-check generators for valid D.0 messages, generic and typed (derived from the segment definitions). */
import fc from 'fast-check';
import {
  additionalDocumentationSegment,
  claimSegment,
  clinicalSegment,
  couponSegment,
  durPpsSegment,
  type FieldDef,
  facilitySegment,
  type GroupDef,
  insuranceSegment,
  type NcpdpRequest,
  type NcpdpResponse,
  narrativeSegment,
  patientSegment,
  pharmacyProviderSegment,
  prescriberSegment,
  pricingSegment,
  priorAuthorizationSegment,
  type RawField,
  type RawMessage,
  type RawSegment,
  responseClaimSegment,
  responseCoordinationOfBenefitsSegment,
  responseDurPpsSegment,
  responseInsuranceSegment,
  responseMessageSegment,
  responsePatientSegment,
  responsePricingSegment,
  responsePriorAuthorizationSegment,
  responseStatusSegment,
  type SegmentDef,
  TRANSACTION_SEGMENT_IDS,
  TRANSMISSION_SEGMENT_IDS,
  workersCompensationSegment,
} from '../src/index';

const SEPARATOR_CODES = new Set([0x1c, 0x1d, 0x1e]);

/** Any byte except the three separators: what a value may hold on the wire. */
export const valueChar = fc
  .integer({ min: 0, max: 255 })
  .filter((c) => !SEPARATOR_CODES.has(c))
  .map((c) => String.fromCharCode(c));

export const valueText = (maxLength: number) => fc.string({ unit: valueChar, maxLength });

/** Header values lose trailing pad spaces on parse, so generated ones have none. */
const headerText = (maxLength: number) => valueText(maxLength).map((s) => s.replace(/ +$/, ''));

const alnum = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
const digit = fc.constantFrom(...'0123456789'.split(''));
export const fieldId = fc.string({ unit: alnum, minLength: 2, maxLength: 2 });
// Digits mostly, letters too: switch vendors' own segments ("AMXX") must survive the round trip.
export const segmentCode = fc.string({
  unit: fc.oneof({ weight: 4, arbitrary: digit }, { weight: 1, arbitrary: fc.constantFrom('A', 'X', 'Z') }),
  minLength: 2,
  maxLength: 2,
});
const digits = (n: number) => fc.string({ unit: digit, minLength: n, maxLength: n });

export const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

// ---- generic ---------------------------------------------------------------------------------------------

const rawField: fc.Arbitrary<RawField> = fc.record({ id: fieldId, value: valueText(30) });
const rawSegment: fc.Arbitrary<RawSegment> = fc.record({
  id: segmentCode,
  fields: fc.array(rawField, { maxLength: 8 }),
});
const rawTransaction = fc.record({ segments: fc.array(rawSegment, { maxLength: 4 }) });

export const rawMessage: fc.Arbitrary<RawMessage> = fc.oneof(
  fc.record({
    kind: fc.constant('request' as const),
    header: fc.record({
      bin: digits(6),
      version: fc.constant('D0'),
      transactionCode: headerText(2),
      processorControlNumber: headerText(10),
      transactionCount: headerText(1),
      serviceProviderIdQualifier: headerText(2),
      serviceProviderId: headerText(15),
      dateOfService: headerText(8),
      softwareVendorCertificationId: headerText(10),
    }),
    segments: fc.array(rawSegment, { maxLength: 4 }),
    transactions: fc.array(rawTransaction, { maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('response' as const),
    header: fc.record({
      version: fc.constant('D0'),
      transactionCode: headerText(2),
      transactionCount: headerText(1),
      headerResponseStatus: fc.constantFrom('A', 'R'),
      serviceProviderIdQualifier: headerText(2),
      serviceProviderId: headerText(15),
      dateOfService: headerText(8),
    }),
    segments: fc.array(rawSegment, { maxLength: 4 }),
    transactions: fc.array(rawTransaction, { maxLength: 4 }),
  }),
);

/** The generic model without parser-set offsets, for deep comparison. */
export function withoutOffsets(message: RawMessage): RawMessage {
  const segment = (s: RawSegment): RawSegment => ({
    id: s.id,
    fields: s.fields.map((f) => ({ id: f.id, value: f.value })),
  });
  return {
    ...message,
    segments: message.segments.map(segment),
    transactions: message.transactions.map((t) => ({ segments: t.segments.map(segment) })),
  } as RawMessage;
}

// ---- typed -----------------------------------------------------------------------------------------------

const bigQuantity = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99_999 }))
  .map(([high, low]) => high * 100_000 + low);

function fieldArb(def: FieldDef): fc.Arbitrary<string | number> {
  switch (def.kind) {
    case 'text':
      return valueText(def.max);
    case 'int':
      return fc.integer({ min: 0, max: 10 ** def.max - 1 });
    case 'money':
    case 'rate':
      return fc.integer({ min: -(10 ** def.max - 1), max: 10 ** def.max - 1 });
    case 'quantity':
      return bigQuantity;
    case 'date':
      return isoDate;
  }
}

function occurrenceArb(group: GroupDef) {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of group.fields) model[field.key] = fieldArb(field);
  const lead = group.fields[0];
  const requiredKeys = group.counterId || !lead ? [] : [lead.key];
  return fc.record(model, { requiredKeys });
}

function namedIds(def: SegmentDef): Set<string> {
  const ids = new Set<string>(['AM']);
  for (const item of def.items) {
    if ('fields' in item) {
      if (item.countId) ids.add(item.countId);
      if (item.counterId) ids.add(item.counterId);
      for (const f of item.fields) ids.add(f.id);
    } else ids.add(item.id);
  }
  return ids;
}

/** Any valid typed value of a segment, including unnamed `extra` fields. */
export function segmentArb(def: SegmentDef): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const item of def.items) {
    model[item.key] =
      'fields' in item
        ? fc.array(occurrenceArb(item), { minLength: 1, maxLength: Math.min(item.maxOccurrences, 3) })
        : fieldArb(item);
  }
  const taken = namedIds(def);
  model.extra = fc.array(fc.record({ id: fieldId.filter((id) => !taken.has(id)), value: valueText(20) }), {
    minLength: 1,
    maxLength: 3,
  });
  return fc.record(model, { requiredKeys: [] });
}

const passthrough = (excluded: string[]) =>
  fc.record({
    id: segmentCode.filter((id) => !excluded.includes(id)),
    fields: fc.array(fc.record({ id: fieldId, value: valueText(20) }), { maxLength: 4 }),
  });

const others = (excluded: string[]) => fc.array(passthrough(excluded), { minLength: 1, maxLength: 2 });

const requestHeader = fc.record({
  bin: digits(6),
  transactionCode: fc.constantFrom('E1', 'B1', 'B2', 'B3'),
  processorControlNumber: headerText(10),
  serviceProviderIdQualifier: headerText(2),
  serviceProviderId: headerText(15),
  dateOfService: isoDate,
  softwareVendorCertificationId: headerText(10),
});

const rawFields = fc.record({
  fields: fc.array(fc.record({ id: fieldId, value: valueText(20) }), { maxLength: 6 }),
});

const requestTransaction = fc.record(
  {
    claim: segmentArb(claimSegment),
    pharmacyProvider: segmentArb(pharmacyProviderSegment),
    prescriber: segmentArb(prescriberSegment),
    durPps: segmentArb(durPpsSegment),
    pricing: segmentArb(pricingSegment),
    compound: rawFields,
    priorAuthorization: segmentArb(priorAuthorizationSegment),
    clinical: segmentArb(clinicalSegment),
    coordinationOfBenefits: rawFields,
    workersCompensation: segmentArb(workersCompensationSegment),
    coupon: segmentArb(couponSegment),
    additionalDocumentation: segmentArb(additionalDocumentationSegment),
    facility: segmentArb(facilitySegment),
    narrative: segmentArb(narrativeSegment),
    purchaser: rawFields,
    serviceProvider: rawFields,
    intermediary: rawFields,
    lastKnown4Rx: rawFields,
    otherSegments: others([...TRANSACTION_SEGMENT_IDS]),
  },
  { requiredKeys: [] },
);

export const typedRequest = fc.record(
  {
    header: requestHeader,
    insurance: segmentArb(insuranceSegment),
    patient: segmentArb(patientSegment),
    otherSegments: others([...TRANSMISSION_SEGMENT_IDS]),
    transactions: fc.array(requestTransaction, { minLength: 1, maxLength: 4 }),
  },
  { requiredKeys: ['header', 'transactions'] },
) as unknown as fc.Arbitrary<NcpdpRequest>;

const responseTransaction = fc.record(
  {
    status: segmentArb(responseStatusSegment),
    claim: segmentArb(responseClaimSegment),
    pricing: segmentArb(responsePricingSegment),
    durPps: segmentArb(responseDurPpsSegment),
    priorAuthorization: segmentArb(responsePriorAuthorizationSegment),
    coordinationOfBenefits: segmentArb(responseCoordinationOfBenefitsSegment),
    otherSegments: others(['21', '22', '23', '24', '26', '28']),
  },
  { requiredKeys: [] },
);

export const typedResponse = fc.record(
  {
    header: fc.record({
      transactionCode: fc.constantFrom('E1', 'B1', 'B2', 'B3'),
      headerResponseStatus: fc.constantFrom('A' as const, 'R' as const),
      serviceProviderIdQualifier: headerText(2),
      serviceProviderId: headerText(15),
      dateOfService: isoDate,
    }),
    message: segmentArb(responseMessageSegment),
    insurance: segmentArb(responseInsuranceSegment),
    patient: segmentArb(responsePatientSegment),
    otherSegments: others(['20', '25', '29']),
    transactions: fc.array(responseTransaction, { minLength: 1, maxLength: 4 }),
  },
  { requiredKeys: ['header', 'transactions'] },
) as unknown as fc.Arbitrary<NcpdpResponse>;
