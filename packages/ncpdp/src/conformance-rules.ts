/**
 * The D.0 data dictionary rules for every request field the typed codec reads: format, maximum length,
 * allowed values of coded fields, and the field's own M/I reject code (511-FB).
 *
 * Formats and widths come from the segment definitions (segments-request.ts); here only what the definitions
 * do not say. Reject codes: the NCPDP reject code list gives the first-generation fields numeric codes
 * (01 M/I BIN … 43) and later fields a code equal to their two-character field id (e.g. 442-E7 -> E7,
 * 427-DR -> DR, 109-A9 -> A9), as printed in public D.0 payer sheets' reject code appendices. Allowed values
 * are those the D.0 data dictionary lists for the coded fields, as repeated in public payer sheets.
 */
import type { FieldKind } from './fields';

/** N numeric 9(n), AN alphanumeric x(n), D dollar/rate overpunch s9(n)v99, DATE CCYYMMDD. */
export type FieldFormat = 'N' | 'AN' | 'D' | 'DATE';

export const FORMAT_OF_KIND: Readonly<Record<FieldKind, FieldFormat>> = {
  text: 'AN',
  int: 'N',
  quantity: 'N',
  money: 'D',
  rate: 'D',
  date: 'DATE',
};

/**
 * Fields the typed model keeps as text (to keep them byte-exact) whose dictionary format is 9(n):
 * Rx numbers, qualifiers and phone numbers. They are checked, and compared, as numbers.
 */
export const NUMERIC_TEXT_FIELDS: ReadonlySet<string> = new Set([
  'D2', // 402-D2 Prescription/Service Reference Number 9(12)
  'EN', // 456-EN Associated Prescription/Service Reference Number 9(12)
  'EM', // 455-EM Prescription/Service Reference Number Qualifier 9(1)
  'CQ', // 326-CQ Patient Phone Number 9(10)
  'PM', // 498-PM Prescriber Phone Number 9(10)
  'CK', // 323-CK Employer Phone Number 9(10)
  'C6', // 306-C6 Patient Relationship Code 9(1)
  'C5', // 305-C5 Patient Gender Code 9(1)
  'C7', // 307-C7 Place of Service 9(2)
  'C8', // 308-C8 Other Coverage Code 9(2)
  'C9', // 309-C9 Eligibility Clarification Code 9(1)
  'D6', // 406-D6 Compound Code 9(1)
  'D8', // 408-D8 Dispense As Written (DAW)/Product Selection Code 9(1)
  'DJ', // 419-DJ Prescription Origin Code 9(1)
  'DK', // 420-DK Submission Clarification Code 9(2)
  '4X', // 384-4X Patient Residence 9(2)
  'E1', // 436-E1 Product/Service ID Qualifier x(2), numeric codes
  'EJ', // 453-EJ Originally Prescribed Product/Service ID Qualifier x(2), numeric codes
]);

/** Numeric first-generation codes; every other field's code is its own id. */
export const REJECT_CODE_OF_FIELD: Readonly<Record<string, string>> = {
  C1: '6', // M/I Group ID
  C2: '7', // M/I Cardholder ID
  C3: '8', // M/I Person Code
  C4: '9', // M/I Date Of Birth
  C5: '10', // M/I Patient Gender Code
  C6: '11', // M/I Patient Relationship Code
  C7: '12', // M/I Place Of Service
  C8: '13', // M/I Other Coverage Code
  C9: '14', // M/I Eligibility Clarification Code
  D2: '16', // M/I Prescription/Service Reference Number
  D3: '17', // M/I Fill Number
  D5: '19', // M/I Days Supply
  D6: '20', // M/I Compound Code
  D7: '21', // M/I Product/Service ID
  D8: '22', // M/I Dispense As Written (DAW)/Product Selection Code
  D9: '23', // M/I Ingredient Cost Submitted
  DB: '25', // M/I Prescriber ID
  '28': '26', // M/I Unit Of Measure
  DE: '28', // M/I Date Prescription Written
  DF: '29', // M/I Number Of Refills Authorized
  DI: '32', // M/I Level Of Service
  DJ: '33', // M/I Prescription Origin Code
  DK: '34', // M/I Submission Clarification Code
  DL: '35', // M/I Primary Care Provider ID
  DN: '38', // M/I Basis Of Cost
  DO: '39', // M/I Diagnosis Code
  PM: '3M', // M/I Prescriber Phone Number
  // Prior Authorization segment: the 3x codes (PA, PC, PJ, PK, PP are other rejects' codes)
  PA: '3A', // M/I Request Type
  PB: '3B', // M/I Request Period Date-Begin
  PC: '3C', // M/I Request Period Date-End
  PD: '3D', // M/I Basis Of Request
  PE: '3E', // M/I Authorized Representative First Name
  PF: '3F', // M/I Authorized Representative Last Name
  PG: '3G', // M/I Authorized Representative Street Address
  PH: '3H', // M/I Authorized Representative City Address
  PJ: '3J', // M/I Authorized Representative State/Province Address
  PK: '3K', // M/I Authorized Representative Zip/Postal Zone
  PY: '3N', // M/I Prior Authorization Number Assigned
  F3: '3P', // M/I Authorization Number
  PP: '3S', // M/I Prior Authorization Supporting Documentation
};

const digits = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/** Allowed values of coded fields (numeric ones compared as numbers: "01" and "1" are the same code). */
export const ALLOWED_VALUES: Readonly<Record<string, readonly string[]>> = {
  EM: ['1', '2'], // Rx billing, service billing
  C5: ['0', '1', '2'], // not specified, male, female
  C6: digits(0, 4), // not specified, cardholder, spouse, child, other
  C8: ['0', '1', '2', '3', '4', '8'],
  D6: ['0', '1', '2'], // not specified, not a compound, compound
  D8: digits(0, 9),
  DJ: digits(0, 5),
  HD: ['P', 'C'], // partial fill, completion of partial fill
};

/** Header (fixed width) fields: name in the typed header, code and format. */
export interface HeaderRule {
  key: string;
  id: string;
  format: FieldFormat;
  max: number;
  reject: string;
  values?: readonly string[];
}

const TRANSACTION_CODES = ['E1', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3', 'P1', 'P2', 'P3', 'P4'].concat([
  'N1',
  'N2',
  'N3',
  'S1',
  'S2',
  'S3',
]);

export const HEADER_RULES: readonly HeaderRule[] = [
  { key: 'bin', id: 'A1', format: 'N', max: 6, reject: '1' },
  { key: 'version', id: 'A2', format: 'AN', max: 2, reject: '2', values: ['D0'] },
  { key: 'transactionCode', id: 'A3', format: 'AN', max: 2, reject: '3', values: TRANSACTION_CODES },
  { key: 'processorControlNumber', id: 'A4', format: 'AN', max: 10, reject: '4' },
  { key: 'transactionCount', id: 'A9', format: 'N', max: 1, reject: 'A9', values: digits(1, 4) },
  { key: 'serviceProviderIdQualifier', id: 'B2', format: 'N', max: 2, reject: 'B2' },
  { key: 'serviceProviderId', id: 'B1', format: 'AN', max: 15, reject: '5' },
  { key: 'dateOfService', id: 'D1', format: 'DATE', max: 8, reject: '15' },
  { key: 'softwareVendorCertificationId', id: 'AK', format: 'AN', max: 10, reject: 'AK' },
];
