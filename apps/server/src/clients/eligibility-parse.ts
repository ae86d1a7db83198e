// Reading eligibility files: ASC X12 834 (5010) or CSV with the documented header. Both give EnrollmentRecords
// (packages/domain/src/eligibility-file/records.ts) plus format errors; the interchange control number (ISA13) of
// an 834 makes a repeated file recognisable even when its bytes differ.
//
// Library choice (issue 10): node-x12 1.7 (MIT, TypeScript, no dependencies, strict parsing, ~86k downloads a
// week) over x12-parser 1.3 (a streaming tokenizer only) and node-x12-edi (far less used). node-x12 reads a
// 100,000-member file in 12 s, one character at a time, so the files themselves go through x12-segments.ts, a
// String#split reader of the same envelope rules that a fast-check test holds to node-x12's strict parse.
import type {
  EnrollmentAction,
  EnrollmentOtherCoverage,
  EnrollmentRecord,
  FileError,
} from '@openpbm/domain/eligibility-file/records';
import { elementOf, readInterchanges, type X12Seg } from './x12-segments';

export interface ParsedFile {
  format: '834' | 'csv';
  interchangeControlNumber: string | null;
  records: EnrollmentRecord[];
  errors: FileError[];
}

export const CSV_HEADER = [
  'member_id',
  'subscriber_id',
  'relationship',
  'first_name',
  'last_name',
  'date_of_birth',
  'gender',
  'address',
  'city',
  'state',
  'zip',
  'group_number',
  'action',
  'start_date',
  'end_date',
] as const;

const blank = (at: string): EnrollmentRecord => ({
  at,
  action: 'add',
  memberNumber: '',
  subscriberNumber: '',
  relationship: '',
  firstName: '',
  lastName: '',
  dateOfBirth: '',
  gender: '',
  address: '',
  city: '',
  state: '',
  zip: '',
  groupNumber: '',
  startDate: '',
  endDate: '',
});

/** One CSV line into cells (quotes with "" escapes). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((c) => c.trim());
}

export function parseCsv(text: string): ParsedFile {
  const lines = text.split(/\r?\n/);
  const errors: FileError[] = [];
  const header = cells(lines[0] ?? '').map((h) => h.toLowerCase());
  if (header.join(',') !== CSV_HEADER.join(','))
    return {
      format: 'csv',
      interchangeControlNumber: null,
      records: [],
      errors: [{ at: 'line 1', field: 'header', reason: `Must be exactly: ${CSV_HEADER.join(',')}` }],
    };
  const records: EnrollmentRecord[] = [];
  lines.slice(1).forEach((line, i) => {
    if (!line.trim()) return;
    const at = `line ${i + 2}`;
    const c = cells(line);
    if (c.length !== CSV_HEADER.length) {
      errors.push({
        at,
        field: 'line',
        reason: `Has ${c.length} columns; the header has ${CSV_HEADER.length}.`,
      });
      return;
    }
    const v = Object.fromEntries(CSV_HEADER.map((h, k) => [h, c[k] ?? ''])) as Record<
      (typeof CSV_HEADER)[number],
      string
    >;
    const action = v.action.toLowerCase();
    if (!['add', 'change', 'terminate'].includes(action))
      errors.push({ at, field: 'action', reason: 'Must be add, change or terminate.' });
    records.push({
      at,
      action: action as EnrollmentAction,
      memberNumber: v.member_id,
      subscriberNumber: v.subscriber_id,
      relationship: v.relationship,
      firstName: v.first_name,
      lastName: v.last_name,
      dateOfBirth: v.date_of_birth,
      gender: v.gender.toUpperCase(),
      address: v.address,
      city: v.city,
      state: v.state.toUpperCase(),
      zip: v.zip,
      groupNumber: v.group_number,
      startDate: v.start_date,
      endDate: v.end_date,
    });
  });
  return { format: 'csv', interchangeControlNumber: null, records, errors };
}

const INS_ACTIONS: Record<string, EnrollmentAction> = {
  '021': 'add',
  '001': 'change',
  '024': 'terminate',
  '030': 'change',
};
/** COB01 Payer Responsibility Sequence Number Code → 338-5C. */
const COB_SEQUENCE: Record<string, string> = { P: '01', S: '02', T: '03' };
const INS_RELATIONSHIP: Record<string, string> = { '18': '1', '01': '2', '19': '3' };
/** A D8 date (CCYYMMDD) as YYYY-MM-DD; anything else stays visibly invalid so validation reports it. */
const d8 = (v: string) =>
  /^\d{8}$/.test(v) ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}` : v && `not a D8 date: ${v}`;

export function parse834(text: string): ParsedFile {
  const errors: FileError[] = [];
  let segments: X12Seg[];
  let icn: string | null = null;
  try {
    // Line breaks after each segment are common and never part of the data.
    const list = readInterchanges(text.trim().replace(/\r?\n/g, ''));
    icn = list[0]?.controlNumber.trim() ?? null;
    segments = list.flatMap((i) =>
      i.transactions.flatMap((t) => {
        if (elementOf(t.header, 1) !== '834')
          errors.push({ at: 'segment ST', field: 'ST01', reason: 'Not an 834 transaction set.' });
        return t.segments;
      }),
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'The file is not a readable X12 interchange.';
    return {
      format: '834',
      interchangeControlNumber: null,
      records: [],
      errors: [{ at: 'file', field: 'envelope', reason }],
    };
  }
  const records: EnrollmentRecord[] = [];
  let headerGroup = '';
  let current: EnrollmentRecord | null = null;
  // The loop 2320 (coordination of benefits) being read; a new INS or COB closes it.
  let cob: EnrollmentOtherCoverage | null = null;
  segments.forEach((s, i) => {
    const at = `segment ${i + 1} (${s.tag})`;
    const v = (n: number) => elementOf(s, n).trim();
    switch (s.tag) {
      case 'COB':
        if (current) {
          cob = {
            coverageType: COB_SEQUENCE[v(1)] ?? v(1),
            cardholderId: v(2),
            payerName: '',
            bin: '',
            pcn: '',
            groupId: '',
            effectiveDate: '',
            terminationDate: '',
          };
          current.otherCoverage = [...(current.otherCoverage ?? []), cob];
        }
        break;
      case 'REF':
        if (cob && v(1) === '6P') cob.groupId = v(2);
        else if (cob && v(1) === 'ZZ') cob.pcn = v(2);
        else if (!current && v(1) === '38') headerGroup = v(2);
        else if (current && v(1) === '0F') current.subscriberNumber = v(2);
        else if (current && v(1) === '1L') current.groupNumber = v(2);
        break;
      case 'INS': {
        cob = null;
        current = { ...blank(at), groupNumber: headerGroup };
        records.push(current);
        const action = INS_ACTIONS[v(3)];
        if (!action)
          errors.push({ at, field: 'INS03', reason: 'Maintenance type must be 021, 001, 030 or 024.' });
        current.action = action ?? 'add';
        current.relationship = INS_RELATIONSHIP[v(2)] ?? v(2);
        if (!INS_RELATIONSHIP[v(2)])
          errors.push({ at, field: 'INS02', reason: 'Relationship must be 18, 01 or 19.' });
        break;
      }
      case 'NM1':
        if (cob && v(1) === 'IN') {
          cob.payerName = v(3);
          if (v(8) === 'PI') cob.bin = v(9);
        }
        if (current && v(1) === 'IL') {
          current.lastName = v(3);
          current.firstName = v(4);
          current.memberNumber = v(9);
        }
        break;
      case 'N3':
        if (current) current.address = v(1);
        break;
      case 'N4':
        if (current) Object.assign(current, { city: v(1), state: v(2).toUpperCase(), zip: v(3).slice(0, 5) });
        break;
      case 'DMG':
        if (current) Object.assign(current, { dateOfBirth: d8(v(2)), gender: v(3).toUpperCase() });
        break;
      case 'DTP':
        if (cob && v(1) === '344') cob.effectiveDate = d8(v(3));
        if (cob && v(1) === '345') cob.terminationDate = d8(v(3));
        if (current && v(1) === '348') current.startDate = d8(v(3));
        if (current && v(1) === '349') current.endDate = d8(v(3));
        break;
    }
  });
  for (const r of records)
    if (r.relationship === '1' && !r.subscriberNumber) r.subscriberNumber = r.memberNumber;
  return { format: '834', interchangeControlNumber: icn, records, errors };
}

export const parseEligibilityFile = (text: string): ParsedFile =>
  text.trimStart().startsWith('ISA') ? parse834(text) : parseCsv(text);
