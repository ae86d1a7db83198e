import { describe, expect, it } from 'vitest';
import {
  adjudicationResponse,
  buildAdjudicationResponse,
  buildRequest,
  type NcpdpRequest,
  parseMessage,
  parseRequest,
  parseResponse,
  textToBytes,
  visualize,
} from '../src/index';

const FS = '\x1c';
const GS = '\x1d';
const RS = '\x1e';
const seg = (id: string, ...fields: string[]) => `${RS}${FS}AM${id}${fields.map((f) => FS + f).join('')}`;
const fieldsOf = (segment: { fields: { id: string; value: string }[] } | undefined) =>
  (segment?.fields ?? []).map((f) => `${f.id}${f.value}`);

// A B1 as a pharmacy system would send it: BIN 610014, PCN, group, cardholder, 11-digit NDC, 30 tablets, 30 days.
const header =
  '610014' + // BIN
  'D0' + // version/release
  'B1' + // transaction code
  'ADV       ' + // processor control number (10)
  '1' + // transaction count
  '01' + // service provider id qualifier: NPI
  '1427384950     ' + // service provider id (15)
  '20240301' + // date of service
  'SWV0000001'; // software vendor/certification id (10)

const b1Text =
  header +
  seg('04', 'C2ZW1234567', 'C1RX1234', 'C3001', 'C61') +
  seg('01', 'C419800225', 'C52', 'CAALEX', 'CBSAMPLE', 'CP100010000') +
  GS +
  seg(
    '07',
    'EM1',
    'D2000001234567',
    'E103',
    'D700071015523',
    'E70000030000',
    'D300',
    'D5030',
    'D61',
    'D80',
    'DE20240215',
    'DF05',
    'DJ1',
    'C80',
  ) +
  seg('03', 'EZ01', 'DB1922011234', 'DRPRESCRIBER') +
  seg('11', 'D90000250{', 'DC0000015{', 'DQ0000350{', 'DU0000265{', 'DN01');

const expectedB1: NcpdpRequest = {
  header: {
    bin: '610014',
    transactionCode: 'B1',
    processorControlNumber: 'ADV',
    serviceProviderIdQualifier: '01',
    serviceProviderId: '1427384950',
    dateOfService: '2024-03-01',
    softwareVendorCertificationId: 'SWV0000001',
  },
  insurance: {
    cardholderId: 'ZW1234567',
    groupId: 'RX1234',
    personCode: '001',
    patientRelationshipCode: '1',
  },
  patient: {
    dateOfBirth: '1980-02-25',
    genderCode: '2',
    firstName: 'ALEX',
    lastName: 'SAMPLE',
    zip: '100010000',
  },
  transactions: [
    {
      claim: {
        prescriptionServiceReferenceNumberQualifier: '1',
        prescriptionServiceReferenceNumber: '000001234567',
        productServiceIdQualifier: '03',
        productServiceId: '00071015523',
        quantityDispensed: 30_000,
        fillNumber: 0,
        daysSupply: 30,
        compoundCode: '1',
        dispenseAsWrittenProductSelectionCode: '0',
        datePrescriptionWritten: '2024-02-15',
        numberOfRefillsAuthorized: 5,
        prescriptionOriginCode: '1',
        otherCoverageCode: '0',
      },
      prescriber: { idQualifier: '01', id: '1922011234', lastName: 'PRESCRIBER' },
      pricing: {
        ingredientCostSubmitted: 2500,
        dispensingFeeSubmitted: 150,
        usualAndCustomary: 3500,
        grossAmountDue: 2650,
        basisOfCostDetermination: '01',
      },
    },
  ],
};

describe('hand-written B1 request', () => {
  it('has a 56-byte header', () => {
    expect(header).toHaveLength(56);
  });

  it('parses to the typed request, field by field', () => {
    expect(parseRequest(textToBytes(b1Text))).toEqual(expectedB1);
  });

  it('builds back to the same bytes, from the parse and from the literal', () => {
    const bytes = textToBytes(b1Text);
    expect(visualize(buildRequest(parseRequest(bytes)))).toBe(visualize(b1Text));
    expect(Buffer.compare(buildRequest(expectedB1), bytes)).toBe(0);
  });

  it('generic layer sees the GS between transmission and transaction level', () => {
    const raw = parseMessage(b1Text);
    expect(raw.kind).toBe('request');
    expect(raw.segments.map((s) => s.id)).toEqual(['04', '01']);
    expect(raw.transactions).toHaveLength(1);
    expect(raw.transactions[0]?.segments.map((s) => s.id)).toEqual(['07', '03', '11']);
    expect(raw.transactions[0]?.offset).toBe(b1Text.indexOf(GS));
  });
});

const answering = expectedB1.header;
const responseHeader = 'D0' + 'B1' + '1' + 'A' + '01' + '1427384950     ' + '20240301';

describe('paid response', () => {
  const input = {
    request: answering,
    message: 'CLAIM PAID',
    transactions: [
      {
        status: 'paid' as const,
        authorizationNumber: 'A1B2C3',
        prescriptionServiceReferenceNumber: '000001234567',
        messages: ['GENERIC SUBSTITUTION APPLIED'],
        pricing: {
          patientPayAmount: 1000,
          ingredientCostPaid: 2300,
          dispensingFeePaid: 150,
          totalAmountPaid: 1450,
          basisOfReimbursementDetermination: '01',
          amountAppliedToPeriodicDeductible: 0,
          amountOfCopay: 1000,
        },
        dur: [
          {
            reasonForService: 'TD',
            clinicalSignificance: '2',
            otherPharmacyIndicator: '0',
            previousDateOfFill: '2024-02-01',
            quantityOfPreviousFill: 30_000,
            databaseIndicator: '1',
            otherPrescriberIndicator: '0',
            freeText: 'ATORVASTATIN 20MG',
          },
        ],
      },
    ],
  };
  const bytes = buildAdjudicationResponse(input);
  const raw = parseMessage(bytes);

  it('header: version, code, count, status A, provider, date', () => {
    expect(responseHeader).toHaveLength(31);
    expect(visualize(bytes).slice(0, 31)).toBe(responseHeader);
    expect(raw.kind).toBe('response');
  });

  it('segments field by field', () => {
    expect(raw.segments.map(fieldsOf)).toEqual([['F4CLAIM PAID']]);
    expect(raw.transactions).toHaveLength(1);
    const [status, claim, pricing, dur] = raw.transactions[0]?.segments ?? [];
    expect(status?.id).toBe('21');
    expect(fieldsOf(status)).toEqual(['ANP', 'F3A1B2C3', 'UF01', 'UH01', 'FQGENERIC SUBSTITUTION APPLIED']);
    expect(claim?.id).toBe('22');
    expect(fieldsOf(claim)).toEqual(['EM1', 'D2000001234567']);
    expect(pricing?.id).toBe('23');
    expect(fieldsOf(pricing)).toEqual([
      'F50000100{', // patient pays 10.00
      'F60000230{', // ingredient cost paid 23.00
      'F70000015{', // dispensing fee paid 1.50
      'F90000145{', // plan pays 14.50
      'FM01',
      'FH0000000{', // nothing applied to the deductible
      'FI0000100{', // copay 10.00
    ]);
    expect(dur?.id).toBe('24');
    expect(fieldsOf(dur)).toEqual([
      'J61',
      'E4TD',
      'FS2',
      'FT0',
      'FU20240201',
      'FV0000030000',
      'FW1',
      'FX0',
      'FYATORVASTATIN 20MG',
    ]);
  });

  it('whole message bytes', () => {
    expect(visualize(bytes)).toBe(
      visualize(
        responseHeader +
          seg('20', 'F4CLAIM PAID') +
          GS +
          seg('21', 'ANP', 'F3A1B2C3', 'UF01', 'UH01', 'FQGENERIC SUBSTITUTION APPLIED') +
          seg('22', 'EM1', 'D2000001234567') +
          seg(
            '23',
            'F50000100{',
            'F60000230{',
            'F70000015{',
            'F90000145{',
            'FM01',
            'FH0000000{',
            'FI0000100{',
          ) +
          seg(
            '24',
            'J61',
            'E4TD',
            'FS2',
            'FT0',
            'FU20240201',
            'FV0000030000',
            'FW1',
            'FX0',
            'FYATORVASTATIN 20MG',
          ),
      ),
    );
  });

  it('parses back to the typed response', () => {
    const parsed = parseResponse(bytes);
    expect(parsed).toEqual(adjudicationResponse(input));
    expect(parsed.transactions[0]?.pricing?.totalAmountPaid).toBe(1450);
    expect(parsed.transactions[0]?.durPps?.alerts?.[0]?.reasonForService).toBe('TD');
  });
});

describe('rejected response (75 prior authorization required, 79 refill too soon)', () => {
  const bytes = buildAdjudicationResponse({
    request: answering,
    transactions: [
      {
        status: 'rejected',
        rejectCodes: ['75', '79'],
        prescriptionServiceReferenceNumber: '000001234567',
        messages: [
          'PRIOR AUTHORIZATION REQUIRED. CALL 1-800-555-0100 TO REQUEST',
          'NEXT FILL ON OR AFTER 2024-03-20',
        ],
        helpDesk: { qualifier: '03', phoneNumber: '8005550100' },
      },
    ],
  });

  it('bytes field by field', () => {
    const raw = parseMessage(bytes);
    expect(visualize(bytes).slice(0, 31)).toBe(responseHeader);
    expect(raw.segments).toEqual([]);
    const [status, claim, ...rest] = raw.transactions[0]?.segments ?? [];
    expect(rest).toEqual([]);
    expect(status?.id).toBe('21');
    expect(fieldsOf(status)).toEqual([
      'ANR',
      'FA02',
      'FB75',
      'FB79',
      'UF03',
      'UH01',
      'FQPRIOR AUTHORIZATION REQUIRED. CALL',
      'UG+',
      'UH02',
      'FQ1-800-555-0100 TO REQUEST',
      'UH03',
      'FQNEXT FILL ON OR AFTER 2024-03-20',
      '7F03',
      '8F8005550100',
    ]);
    expect(fieldsOf(claim)).toEqual(['EM1', 'D2000001234567']);
  });

  it('typed view lists the reject codes in order', () => {
    const status = parseResponse(bytes).transactions[0]?.status;
    expect(status?.transactionResponseStatus).toBe('R');
    expect(status?.rejects).toEqual([{ code: '75' }, { code: '79' }]);
  });
});

describe('other transaction types', () => {
  it('B2 reversal accepted and E1 eligibility approved carry status A', () => {
    const reversal = parseResponse(
      buildAdjudicationResponse({
        request: { ...answering, transactionCode: 'B2' },
        transactions: [{ status: 'accepted', prescriptionServiceReferenceNumber: '000001234567' }],
      }),
    );
    expect(reversal.header.transactionCode).toBe('B2');
    expect(reversal.transactions[0]?.status?.transactionResponseStatus).toBe('A');

    const eligibility = parseResponse(
      buildAdjudicationResponse({
        request: { ...answering, transactionCode: 'E1' },
        insurance: { groupId: 'RX1234', cardholderId: 'ZW1234567' },
        patient: { firstName: 'ALEX', lastName: 'SAMPLE', dateOfBirth: '1980-02-25' },
        transactions: [{ status: 'accepted' }],
      }),
    );
    expect(eligibility.insurance).toEqual({ groupId: 'RX1234', cardholderId: 'ZW1234567' });
    expect(eligibility.patient?.dateOfBirth).toBe('1980-02-25');
    expect(eligibility.transactions[0]?.claim).toBeUndefined();
  });

  it('a 4-claim B1 keeps each claim in its own group', () => {
    const [claim] = expectedB1.transactions;
    if (!claim) throw new Error('fixture has a claim');
    const four: NcpdpRequest = {
      ...expectedB1,
      transactions: [1, 2, 3, 4].map((n) => ({
        ...claim,
        claim: { ...claim.claim, prescriptionServiceReferenceNumber: `00000123456${n}` },
      })),
    };
    const bytes = buildRequest(four);
    expect(visualize(bytes).slice(20, 21)).toBe('4');
    const parsed = parseRequest(bytes);
    expect(parsed.transactions.map((t) => t.claim?.prescriptionServiceReferenceNumber)).toEqual([
      '000001234561',
      '000001234562',
      '000001234563',
      '000001234564',
    ]);
  });
});
