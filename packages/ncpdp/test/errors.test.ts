import { describe, expect, it } from 'vitest';
import {
  buildAdjudicationResponse,
  buildMessage,
  buildRequest,
  buildTransmissionRejection,
  NcpdpBuildError,
  NcpdpParseError,
  type NcpdpParseErrorCode,
  type NcpdpRequest,
  parseMessage,
  parseRequest,
  parseResponse,
  peekRequestHeader,
  splitMessageLines,
} from '../src/index';

const FS = '\x1c';
const GS = '\x1d';
const RS = '\x1e';
const HEADER = '610014D0B1ADV       101' + '1427384950     ' + '20240301' + 'SWV0000001';
const seg = (id: string, ...fields: string[]) => `${RS}${FS}AM${id}${fields.map((f) => FS + f).join('')}`;

function parseError(run: () => unknown): NcpdpParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NcpdpParseError);
    return error as NcpdpParseError;
  }
  throw new Error('expected an NcpdpParseError');
}

function expectError(
  run: () => unknown,
  code: NcpdpParseErrorCode,
  where: { offset: number; segment?: string; field?: string; path?: string },
) {
  const error = parseError(run);
  expect(error.code).toBe(code);
  expect(error.offset).toBe(where.offset);
  if (where.segment) expect(error.segment).toBe(where.segment);
  if (where.field) expect(error.field).toBe(where.field);
  if (where.path) expect(error.path).toBe(where.path);
  return error;
}

describe('parse errors carry code, byte offset, segment and field', () => {
  it('structure', () => {
    expectError(() => parseMessage('610014D0B1'), 'TRUNCATED_HEADER', { offset: 10 });
    expectError(() => parseMessage('hello world, this is not an NCPDP message'), 'UNRECOGNIZED_HEADER', {
      offset: 0,
    });
    expectError(() => parseRequest(`610014D1B1${HEADER.slice(10)}`), 'UNSUPPORTED_VERSION', { offset: 6 });
    expectError(() => parseMessage(`${HEADER.slice(0, 30)}${FS}${HEADER.slice(31)}`), 'TRUNCATED_HEADER', {
      offset: 30,
    });
    expectError(() => parseMessage(`${HEADER}X`), 'UNEXPECTED_BYTE', { offset: 56 });
    expectError(() => parseMessage(`${HEADER}${RS}AM07`), 'MISSING_SEGMENT_ID', { offset: 57 });
    expectError(() => parseMessage(`${HEADER}${RS}${FS}C2123`), 'MISSING_SEGMENT_ID', { offset: 57 });
    expectError(() => parseMessage(`${HEADER}${RS}${FS}AM7`), 'INVALID_SEGMENT_ID', {
      offset: 57,
      field: 'AM',
    });
    const lowercase = `${HEADER}${GS}${seg('07', 'D2123', 'e7100')}`;
    expectError(() => parseMessage(lowercase), 'INVALID_FIELD_ID', {
      offset: lowercase.indexOf(`${FS}e7`),
      segment: 'AM07',
    });
    const short = `${HEADER}${GS}${seg('07', 'D')}`;
    expectError(() => parseMessage(short), 'INVALID_FIELD_ID', {
      offset: short.lastIndexOf(FS),
      segment: 'AM07',
    });
  });

  it('limits on size, segments, fields and transactions', () => {
    expectError(() => parseMessage(new Uint8Array(70_000)), 'TOO_LARGE', { offset: 65_536 });
    expectError(() => parseMessage(HEADER, { maxBytes: 40 }), 'TOO_LARGE', { offset: 40 });
    const many = HEADER + GS + seg('07') + seg('11') + seg('03');
    expectError(() => parseMessage(many, { maxSegments: 2 }), 'TOO_MANY_SEGMENTS', {
      offset: many.lastIndexOf(RS),
    });
    const wide = HEADER + GS + seg('07', 'D21', 'D32');
    expectError(() => parseMessage(wide, { maxFieldsPerSegment: 1 }), 'TOO_MANY_FIELDS', {
      offset: wide.lastIndexOf(FS),
    });
    expectError(() => parseMessage(`${HEADER}${GS}${GS}`, { maxTransactions: 1 }), 'TOO_MANY_TRANSACTIONS', {
      offset: 57,
    });
  });

  it('non-byte characters in string input', () => {
    const euro = `${HEADER}${GS}${seg('07', 'D2€')}`;
    expectError(() => parseMessage(euro), 'INVALID_CHARACTER', { offset: euro.indexOf('€') });
  });

  it('typed layer: values of the wrong kind name the field, never its value', () => {
    const text = HEADER + GS + seg('07', 'D2123') + seg('11', 'D9ABCXYZ');
    const error = expectError(() => parseRequest(text), 'INVALID_VALUE', {
      offset: text.indexOf(`${FS}D9`),
      segment: 'AM11',
      field: 'D9',
      path: 'transactions[0].pricing.ingredientCostSubmitted',
    });
    expect(error.message).not.toContain('ABCXYZ');

    const dob = `${HEADER}${seg('01', 'C419801345')}${GS}`;
    expectError(() => parseRequest(dob), 'INVALID_VALUE', {
      offset: dob.indexOf(`${FS}C4`),
      field: 'C4',
      path: 'request.patient.dateOfBirth',
    });
    const qty = `${HEADER}${GS}${seg('07', 'E730.000')}`;
    expectError(() => parseRequest(qty), 'INVALID_VALUE', {
      offset: qty.indexOf(`${FS}E7`),
      path: 'transactions[0].claim.quantityDispensed',
    });
  });

  it('typed layer: header checks', () => {
    const countTwo = `${HEADER.slice(0, 20)}2${HEADER.slice(21)}`;
    expectError(() => parseRequest(`${countTwo}${GS}`), 'TRANSACTION_COUNT_MISMATCH', { offset: 20 });
    // one transaction with only transmission-level segments may omit the GS (e.g. an E1)
    expect(parseRequest(`${HEADER}${seg('04', 'C2ZW1')}`).transactions).toEqual([{}]);
    expectError(() => parseRequest(`${HEADER}${GS}${GS}`), 'TRANSACTION_COUNT_MISMATCH', { offset: 20 });
    const badDate = `${HEADER.slice(0, 38)}20241340${HEADER.slice(46)}${GS}`;
    expectError(() => parseRequest(badDate), 'INVALID_HEADER_FIELD', { offset: 38, field: 'dateOfService' });
    // A request that does not start with a 6-digit BIN is not a D.0 request at all.
    expectError(() => parseRequest(`ABC123${HEADER.slice(6)}${GS}`), 'UNRECOGNIZED_HEADER', {
      offset: 0,
      field: 'bin',
    });
    const response = `D0B11A01${'1427384950'.padEnd(15)}20240301${GS}`;
    expectError(() => parseRequest(response), 'WRONG_MESSAGE_KIND', { offset: 0 });
    expectError(() => parseResponse(`${HEADER}${GS}`), 'WRONG_MESSAGE_KIND', { offset: 0 });
    expect(parseResponse(response).header.headerResponseStatus).toBe('A');
  });
});

const minimal: NcpdpRequest = {
  header: {
    bin: '610014',
    transactionCode: 'B1',
    processorControlNumber: '',
    serviceProviderIdQualifier: '01',
    serviceProviderId: '1427384950',
    dateOfService: '2024-03-01',
    softwareVendorCertificationId: '',
  },
  transactions: [{ claim: { prescriptionServiceReferenceNumber: '1' } }],
};

function buildError(run: () => unknown): NcpdpBuildError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NcpdpBuildError);
    return error as NcpdpBuildError;
  }
  throw new Error('expected an NcpdpBuildError');
}

describe('build errors name the input path', () => {
  const withClaim = (claim: object) => ({ ...minimal, transactions: [{ claim }] }) as NcpdpRequest;

  it('rejects values that do not fit', () => {
    expect(buildError(() => buildRequest(withClaim({ daysSupply: 1000 }))).path).toBe(
      'transactions[0].claim.daysSupply',
    );
    expect(buildError(() => buildRequest(withClaim({ productServiceId: 'x'.repeat(20) }))).path).toBe(
      'transactions[0].claim.productServiceId',
    );
    expect(buildError(() => buildRequest(withClaim({ productServiceId: `A${FS}B` }))).message).toContain(
      'separator',
    );
    expect(buildError(() => buildRequest(withClaim({ quantityDispensed: 1.5 }))).path).toBe(
      'transactions[0].claim.quantityDispensed',
    );
    expect(buildError(() => buildRequest(withClaim({ datePrescriptionWritten: '2024-02-30' }))).path).toBe(
      'transactions[0].claim.datePrescriptionWritten',
    );
    expect(buildError(() => buildRequest(withClaim({ cardholderId: 'X' }))).path).toBe(
      'transactions[0].claim.cardholderId',
    );
    expect(
      buildError(() =>
        buildRequest({ ...minimal, transactions: [{ pricing: { grossAmountDue: 100_000_000 } }] }),
      ).path,
    ).toBe('transactions[0].pricing.grossAmountDue');
    expect(
      buildError(() => buildRequest({ ...minimal, header: { ...minimal.header, bin: '61001' } })).path,
    ).toBe('header.bin');
    expect(buildError(() => buildRequest({ ...minimal, transactions: [] })).path).toBe('transactions');
  });

  it('keeps re-parse stable: no extra field or other segment may shadow an empty named one', () => {
    expect(buildError(() => buildRequest(withClaim({ extra: [{ id: 'D2', value: '1' }] }))).path).toBe(
      'transactions[0].claim.extra[0].id',
    );
    expect(
      buildError(() =>
        buildRequest({ ...minimal, transactions: [{ otherSegments: [{ id: '07', fields: [] }] }] }),
      ).path,
    ).toBe('transactions[0].otherSegments[0].id');
    expect(buildError(() => buildRequest(withClaim({ submissionClarificationCodes: [{}] }))).path).toBe(
      'transactions[0].claim.submissionClarificationCodes[0].code',
    );
  });

  it('generic builder refuses bad ids and values', () => {
    const raw = parseMessage(buildRequest(minimal));
    const bad = { ...raw, segments: [{ id: '7', fields: [] }] };
    expect(buildError(() => buildMessage(bad)).path).toBe('segments[0].id');
    const badField = { ...raw, segments: [{ id: '01', fields: [{ id: 'c4', value: '1' }] }] };
    expect(buildError(() => buildMessage(badField)).path).toBe('segments[0].fields[0].id');
    const badValue = { ...raw, segments: [{ id: '01', fields: [{ id: 'C4', value: `1${GS}` }] }] };
    expect(buildError(() => buildMessage(badValue)).path).toBe('segments[0].fields[0].value');
  });

  it('adjudication response rules', () => {
    const request = minimal.header;
    expect(
      buildError(() => buildAdjudicationResponse({ request, transactions: [{ status: 'rejected' }] })).path,
    ).toBe('transactions[0].rejectCodes');
    expect(
      buildError(() =>
        buildAdjudicationResponse({ request, transactions: [{ status: 'accepted', rejectCodes: ['75'] }] }),
      ).path,
    ).toBe('transactions[0].rejectCodes');
    expect(
      buildError(() =>
        buildAdjudicationResponse({
          request,
          transactions: [{ status: 'rejected', rejectCodes: ['1', '2', '3', '4', '5', '6'] }],
        }),
      ).path,
    ).toBe('transactions[0].status.rejects');
    expect(
      buildError(() => buildAdjudicationResponse({ request, transactions: [{ status: 'paid' }] })).path,
    ).toBe('transactions[0].pricing');
    expect(
      buildError(() =>
        buildAdjudicationResponse({
          request,
          transactions: [{ status: 'accepted', messages: ['X'.repeat(40 * 9 + 1)] }],
        }),
      ).path,
    ).toBe('transactions[0].messages');
    expect(
      buildError(() =>
        buildAdjudicationResponse({
          request,
          transmission: 'rejected',
          transactions: [{ status: 'accepted' }],
        }),
      ).path,
    ).toBe('transmission');
  });
});

describe('rejecting what could not be parsed', () => {
  it('echoes the readable header fields', () => {
    const garbage = `${HEADER}${GS}${RS}oops`;
    expect(peekRequestHeader(garbage)?.serviceProviderId).toBe('1427384950');
    const response = parseResponse(
      buildTransmissionRejection({ bytes: garbage, rejectCodes: ['99'], today: '2024-03-02' }),
    );
    expect(response.header).toEqual({
      transactionCode: 'B1',
      headerResponseStatus: 'R',
      serviceProviderIdQualifier: '01',
      serviceProviderId: '1427384950',
      dateOfService: '2024-03-01',
    });
    expect(response.transactions[0]?.status?.rejects).toEqual([{ code: '99' }]);
  });

  it('falls back when nothing is readable', () => {
    const response = parseResponse(
      buildTransmissionRejection({
        bytes: new Uint8Array([1, 2, 3]),
        rejectCodes: ['99'],
        message: 'X',
        today: '2024-03-02',
      }),
    );
    expect(response.header.dateOfService).toBe('2024-03-02');
    expect(response.header.headerResponseStatus).toBe('R');
    expect(response.message).toEqual({ message: 'X' });
  });
});

describe('message lines', () => {
  it('split at spaces into 40-character lines', () => {
    expect(splitMessageLines('A'.repeat(45))).toEqual(['A'.repeat(40), 'A'.repeat(5)]);
    expect(splitMessageLines('  short  ')).toEqual(['short']);
    for (const line of splitMessageLines('THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG '.repeat(5))) {
      expect(line.length).toBeLessThanOrEqual(40);
    }
  });
});
