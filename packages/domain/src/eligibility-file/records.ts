// Eligibility file records (from an X12 834 or the documented CSV) and their validation. Pure: no I/O.
// An error names where it is (CSV line or 834 segment), the field and the reason, never another member's data.

export const ENROLLMENT_ACTIONS = ['add', 'change', 'terminate'] as const;
export type EnrollmentAction = (typeof ENROLLMENT_ACTIONS)[number];

/**
 * Other prescription coverage from an 834's loop 2320 (coordination of benefits). The 834 has no field for a
 * pharmacy BIN: our companion guide carries it as the other payer's identifier (loop 2330A NM1*IN, NM108 PI) and
 * the PCN in REF*ZZ of loop 2320.
 */
export interface EnrollmentOtherCoverage {
  /** COB01 P/S/T as 338-5C: 01 the other payer is primary, 02 secondary, 03 tertiary. */
  coverageType: string;
  /** COB02: the member's policy/ID at the other payer. */
  cardholderId: string;
  payerName: string;
  bin: string;
  pcn: string;
  /** REF*6P. */
  groupId: string;
  /** DTP*344 / DTP*345. */
  effectiveDate: string;
  terminationDate: string;
}

export interface EnrollmentRecord {
  /** Where the record starts: "line 4" or "segment 12 (INS)". */
  at: string;
  action: EnrollmentAction;
  memberNumber: string;
  /** The subscriber's member number ("" or equal to memberNumber for the subscriber). */
  subscriberNumber: string;
  /** NCPDP relationship: 1 cardholder, 2 spouse, 3 child. */
  relationship: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  gender: string;
  address: string;
  city: string;
  state: string;
  zip: string;
  groupNumber: string;
  startDate: string;
  endDate: string;
  /** Loop 2320 occurrences (834 only); a record that carries any replaces the member's file-sourced ones. */
  otherCoverage?: EnrollmentOtherCoverage[];
}

export interface FileError {
  at: string;
  field: string;
  reason: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (d: string) =>
  DATE.test(d) &&
  !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
  new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

export function validateRecords(records: readonly EnrollmentRecord[]): FileError[] {
  const errors: FileError[] = [];
  const firstSeen = new Map<string, string>();
  for (const r of records) {
    const err = (field: string, reason: string) => errors.push({ at: r.at, field, reason });
    if (!/^[A-Za-z0-9]{3,20}$/.test(r.memberNumber)) err('member_id', 'Must be 3 to 20 letters or digits.');
    const earlier = firstSeen.get(r.memberNumber.toUpperCase());
    if (r.memberNumber && earlier)
      err('member_id', `Appears more than once in this file (first at ${earlier}).`);
    else if (r.memberNumber) firstSeen.set(r.memberNumber.toUpperCase(), r.at);
    if (!['1', '2', '3'].includes(r.relationship))
      err('relationship', 'Must be 1 (subscriber), 2 (spouse) or 3 (child).');
    if (r.relationship !== '1' && !r.subscriberNumber)
      err('subscriber_id', 'A dependent needs the subscriber’s member ID.');
    if (r.action !== 'terminate') {
      if (!r.firstName.trim()) err('first_name', 'Required.');
      if (!r.lastName.trim()) err('last_name', 'Required.');
      if (!validDate(r.dateOfBirth)) err('date_of_birth', 'Must be a date (YYYY-MM-DD).');
      if (!['M', 'F', 'U'].includes(r.gender)) err('gender', 'Must be M, F or U.');
      if (!r.address.trim()) err('address', 'Required.');
      if (!r.city.trim()) err('city', 'Required.');
      if (!/^[A-Z]{2}$/.test(r.state)) err('state', 'Must be a 2-letter state code.');
      if (!/^\d{5}$/.test(r.zip)) err('zip', 'Must be a 5-digit ZIP code.');
      if (!r.groupNumber.trim()) err('group_number', 'Required.');
    }
    if (!validDate(r.startDate)) err('start_date', 'Must be a date (YYYY-MM-DD).');
    if (r.endDate && !validDate(r.endDate)) err('end_date', 'Must be a date (YYYY-MM-DD) or empty.');
    if (r.action === 'terminate' && !r.endDate) err('end_date', 'A termination needs an end date.');
    if (validDate(r.startDate) && r.endDate && validDate(r.endDate) && r.endDate < r.startDate)
      err('end_date', 'Ends before it starts.');
    for (const c of r.otherCoverage ?? []) {
      if (!['01', '02', '03'].includes(c.coverageType)) err('COB01', 'Must be P, S or T.');
      if (!/^\d{6}$/.test(c.bin)) err('NM109', 'The other payer’s pharmacy BIN must be 6 digits (NM108 PI).');
      if (!c.cardholderId.trim()) err('COB02', 'The member’s ID at the other payer is required.');
      if (!validDate(c.effectiveDate)) err('DTP*344', 'The other coverage needs a start date (YYYY-MM-DD).');
      if (c.terminationDate && !validDate(c.terminationDate))
        err('DTP*345', 'Must be a date (YYYY-MM-DD) or empty.');
    }
  }
  return errors;
}
