// Field conformance against the D.0 data dictionary: every field the typed codec reads is listed here, one row
// per field (segment, id, format, maximum length, its own M/I reject code), written out so that any change to
// the rules shows in review. Each row is then proven on hand-written bytes: an over-long value, a NUL byte and a
// value of the wrong format are each rejected with that field's code; a conforming value passes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalNumber,
  type FieldFinding,
  HEADER_RULES,
  NcpdpParseError,
  parseCheckedRequest,
  segmentRules,
  TRANSACTION_SLOTS,
  TRANSMISSION_SLOTS,
} from '../src/index';

const FS = '\x1c';
const GS = '\x1d';
const RS = '\x1e';
const HEADER = '610014D0B1ADV       1011427384950     20240301SWV0000001';
const seg = (id: string, ...fields: string[]) => `${RS}${FS}AM${id}${fields.map((f) => FS + f).join('')}`;

type Row = readonly [
  segment: string,
  id: string,
  format: 'N' | 'AN' | 'D' | 'DATE',
  max: number,
  reject: string,
];

const TABLE: readonly Row[] = [
  ['header', 'A1', 'N', 6, '1'],
  ['header', 'A2', 'AN', 2, '2'],
  ['header', 'A3', 'AN', 2, '3'],
  ['header', 'A4', 'AN', 10, '4'],
  ['header', 'A9', 'N', 1, 'A9'],
  ['header', 'B2', 'N', 2, 'B2'],
  ['header', 'B1', 'AN', 15, '5'],
  ['header', 'D1', 'DATE', 8, '15'],
  ['header', 'AK', 'AN', 10, 'AK'],
  ['AM04', 'C2', 'AN', 20, '7'],
  ['AM04', 'CC', 'AN', 12, 'CC'],
  ['AM04', 'CD', 'AN', 15, 'CD'],
  ['AM04', 'CE', 'AN', 3, 'CE'],
  ['AM04', 'FO', 'AN', 8, 'FO'],
  ['AM04', 'C9', 'N', 1, '14'],
  ['AM04', 'C1', 'AN', 15, '6'],
  ['AM04', 'C3', 'AN', 3, '8'],
  ['AM04', 'C6', 'N', 1, '11'],
  ['AM04', 'MG', 'AN', 6, 'MG'],
  ['AM04', 'MH', 'AN', 10, 'MH'],
  ['AM04', 'NU', 'AN', 20, 'NU'],
  ['AM04', 'MJ', 'AN', 15, 'MJ'],
  ['AM04', '2A', 'AN', 20, '2A'],
  ['AM04', '2B', 'AN', 2, '2B'],
  ['AM04', '2D', 'AN', 1, '2D'],
  ['AM04', 'G2', 'AN', 1, 'G2'],
  ['AM04', 'N5', 'AN', 20, 'N5'],
  ['AM04', 'N6', 'AN', 15, 'N6'],
  ['AM01', 'CX', 'AN', 2, 'CX'],
  ['AM01', 'CY', 'AN', 20, 'CY'],
  ['AM01', 'C4', 'DATE', 8, '9'],
  ['AM01', 'C5', 'N', 1, '10'],
  ['AM01', 'CA', 'AN', 12, 'CA'],
  ['AM01', 'CB', 'AN', 15, 'CB'],
  ['AM01', 'CM', 'AN', 30, 'CM'],
  ['AM01', 'CN', 'AN', 20, 'CN'],
  ['AM01', 'CO', 'AN', 2, 'CO'],
  ['AM01', 'CP', 'AN', 15, 'CP'],
  ['AM01', 'CQ', 'N', 10, 'CQ'],
  ['AM01', 'C7', 'N', 2, '12'],
  ['AM01', 'CZ', 'AN', 15, 'CZ'],
  ['AM01', '1C', 'AN', 1, '1C'],
  ['AM01', '2C', 'AN', 1, '2C'],
  ['AM01', 'HN', 'AN', 80, 'HN'],
  ['AM01', '4X', 'N', 2, '4X'],
  ['AM07', 'EM', 'N', 1, 'EM'],
  ['AM07', 'D2', 'N', 12, '16'],
  ['AM07', 'E1', 'N', 2, 'E1'],
  ['AM07', 'D7', 'AN', 19, '21'],
  ['AM07', 'EN', 'N', 12, 'EN'],
  ['AM07', 'EP', 'DATE', 8, 'EP'],
  ['AM07', 'SE', 'N', 2, 'SE'],
  ['AM07', 'ER', 'AN', 2, 'ER'],
  ['AM07', 'E7', 'N', 10, 'E7'],
  ['AM07', 'D3', 'N', 2, '17'],
  ['AM07', 'D5', 'N', 3, '19'],
  ['AM07', 'D6', 'N', 1, '20'],
  ['AM07', 'D8', 'N', 1, '22'],
  ['AM07', 'DE', 'DATE', 8, '28'],
  ['AM07', 'DF', 'N', 2, '29'],
  ['AM07', 'DJ', 'N', 1, '33'],
  ['AM07', 'NX', 'N', 1, 'NX'],
  ['AM07', 'DK', 'N', 2, '34'],
  ['AM07', 'ET', 'N', 10, 'ET'],
  ['AM07', 'C8', 'N', 2, '13'],
  ['AM07', 'DT', 'AN', 1, 'DT'],
  ['AM07', 'EJ', 'N', 2, 'EJ'],
  ['AM07', 'EA', 'AN', 19, 'EA'],
  ['AM07', 'EB', 'N', 10, 'EB'],
  ['AM07', 'CW', 'AN', 10, 'CW'],
  ['AM07', 'EK', 'AN', 12, 'EK'],
  ['AM07', '28', 'AN', 2, '26'],
  ['AM07', 'DI', 'AN', 2, '32'],
  ['AM07', 'EU', 'AN', 2, 'EU'],
  ['AM07', 'EV', 'AN', 11, 'EV'],
  ['AM07', 'EW', 'AN', 2, 'EW'],
  ['AM07', 'EX', 'AN', 11, 'EX'],
  ['AM07', 'HD', 'AN', 1, 'HD'],
  ['AM07', 'HF', 'N', 10, 'HF'],
  ['AM07', 'HG', 'N', 3, 'HG'],
  ['AM07', 'NV', 'AN', 2, 'NV'],
  ['AM07', 'K5', 'AN', 10, 'K5'],
  ['AM07', 'MT', 'AN', 1, 'MT'],
  ['AM07', 'E2', 'AN', 11, 'E2'],
  ['AM07', 'G1', 'AN', 2, 'G1'],
  ['AM07', 'N4', 'AN', 30, 'N4'],
  ['AM07', 'U7', 'AN', 2, 'U7'],
  ['AM02', 'EY', 'AN', 2, 'EY'],
  ['AM02', 'E9', 'AN', 15, 'E9'],
  ['AM03', 'EZ', 'AN', 2, 'EZ'],
  ['AM03', 'DB', 'AN', 15, '25'],
  ['AM03', 'DR', 'AN', 15, 'DR'],
  ['AM03', 'PM', 'N', 10, '3M'],
  ['AM03', '2E', 'AN', 2, '2E'],
  ['AM03', 'DL', 'AN', 15, '35'],
  ['AM03', '4E', 'AN', 15, '4E'],
  ['AM03', '2J', 'AN', 12, '2J'],
  ['AM03', '2K', 'AN', 30, '2K'],
  ['AM03', '2M', 'AN', 20, '2M'],
  ['AM03', '2N', 'AN', 2, '2N'],
  ['AM03', '2P', 'AN', 15, '2P'],
  ['AM08', '7E', 'N', 1, '7E'],
  ['AM08', 'E4', 'AN', 2, 'E4'],
  ['AM08', 'E5', 'AN', 2, 'E5'],
  ['AM08', 'E6', 'AN', 2, 'E6'],
  ['AM08', '8E', 'N', 2, '8E'],
  ['AM08', 'J9', 'AN', 2, 'J9'],
  ['AM08', 'H6', 'AN', 19, 'H6'],
  ['AM11', 'D9', 'D', 8, '23'],
  ['AM11', 'DC', 'D', 8, 'DC'],
  ['AM11', 'BE', 'D', 8, 'BE'],
  ['AM11', 'DX', 'D', 8, 'DX'],
  ['AM11', 'E3', 'D', 8, 'E3'],
  ['AM11', 'H7', 'N', 1, 'H7'],
  ['AM11', 'H8', 'AN', 2, 'H8'],
  ['AM11', 'H9', 'D', 8, 'H9'],
  ['AM11', 'HA', 'D', 8, 'HA'],
  ['AM11', 'GE', 'D', 8, 'GE'],
  ['AM11', 'HE', 'D', 7, 'HE'],
  ['AM11', 'JE', 'AN', 2, 'JE'],
  ['AM11', 'DQ', 'D', 8, 'DQ'],
  ['AM11', 'DU', 'D', 8, 'DU'],
  ['AM11', 'DN', 'AN', 2, '38'],
  ['AM11', 'N3', 'D', 8, 'N3'],
  ['AM12', 'PA', 'AN', 1, '3A'],
  ['AM12', 'PB', 'DATE', 8, '3B'],
  ['AM12', 'PC', 'DATE', 8, '3C'],
  ['AM12', 'PD', 'AN', 2, '3D'],
  ['AM12', 'PE', 'AN', 12, '3E'],
  ['AM12', 'PF', 'AN', 15, '3F'],
  ['AM12', 'PG', 'AN', 30, '3G'],
  ['AM12', 'PH', 'AN', 20, '3H'],
  ['AM12', 'PJ', 'AN', 2, '3J'],
  ['AM12', 'PK', 'AN', 15, '3K'],
  ['AM12', 'PY', 'AN', 11, '3N'],
  ['AM12', 'F3', 'AN', 20, '3P'],
  ['AM12', 'PP', 'AN', 500, '3S'],
  ['AM13', 'VE', 'N', 1, 'VE'],
  ['AM13', 'WE', 'AN', 2, 'WE'],
  ['AM13', 'DO', 'AN', 15, '39'],
  ['AM13', 'XE', 'N', 1, 'XE'],
  ['AM13', 'ZE', 'DATE', 8, 'ZE'],
  ['AM13', 'H1', 'AN', 4, 'H1'],
  ['AM13', 'H2', 'AN', 2, 'H2'],
  ['AM13', 'H3', 'AN', 2, 'H3'],
  ['AM13', 'H4', 'AN', 15, 'H4'],
  ['AM06', 'DY', 'DATE', 8, 'DY'],
  ['AM06', 'CF', 'AN', 30, 'CF'],
  ['AM06', 'CG', 'AN', 30, 'CG'],
  ['AM06', 'CH', 'AN', 20, 'CH'],
  ['AM06', 'CI', 'AN', 2, 'CI'],
  ['AM06', 'CJ', 'AN', 15, 'CJ'],
  ['AM06', 'CK', 'N', 10, 'CK'],
  ['AM06', 'CL', 'AN', 30, 'CL'],
  ['AM06', 'CR', 'AN', 10, 'CR'],
  ['AM06', 'DZ', 'AN', 30, 'DZ'],
  ['AM06', 'TR', 'AN', 2, 'TR'],
  ['AM06', 'TS', 'AN', 2, 'TS'],
  ['AM06', 'TT', 'AN', 15, 'TT'],
  ['AM06', 'TU', 'AN', 20, 'TU'],
  ['AM06', 'TV', 'AN', 30, 'TV'],
  ['AM06', 'TW', 'AN', 20, 'TW'],
  ['AM06', 'TX', 'AN', 2, 'TX'],
  ['AM06', 'TY', 'AN', 15, 'TY'],
  ['AM06', 'TZ', 'AN', 2, 'TZ'],
  ['AM06', 'UA', 'AN', 19, 'UA'],
  ['AM09', 'KE', 'AN', 2, 'KE'],
  ['AM09', 'ME', 'AN', 15, 'ME'],
  ['AM09', 'NE', 'D', 8, 'NE'],
  ['AM14', '2Q', 'AN', 3, '2Q'],
  ['AM14', '2V', 'DATE', 8, '2V'],
  ['AM14', '2W', 'DATE', 8, '2W'],
  ['AM14', '2U', 'AN', 1, '2U'],
  ['AM14', '2S', 'AN', 1, '2S'],
  ['AM14', '2R', 'AN', 3, '2R'],
  ['AM14', '2T', 'DATE', 8, '2T'],
  ['AM14', '2X', 'AN', 65, '2X'],
  ['AM14', '2Z', 'N', 3, '2Z'],
  ['AM14', '4B', 'AN', 3, '4B'],
  ['AM14', '4D', 'AN', 5, '4D'],
  ['AM14', '4G', 'DATE', 8, '4G'],
  ['AM14', '4H', 'D', 8, '4H'],
  ['AM14', '4J', 'AN', 11, '4J'],
  ['AM14', '4K', 'AN', 30, '4K'],
  ['AM15', '8C', 'AN', 10, '8C'],
  ['AM15', '3Q', 'AN', 30, '3Q'],
  ['AM15', '3U', 'AN', 30, '3U'],
  ['AM15', '5J', 'AN', 20, '5J'],
  ['AM15', '3V', 'AN', 2, '3V'],
  ['AM15', '6D', 'AN', 15, '6D'],
  ['AM16', 'BM', 'AN', 200, 'BM'],
];

const TRANSMISSION_IDS = new Set(['AM01', 'AM04']);

/** The codes a request with `field` (id + value) in `segment` is refused with, or [] when it passes. */
function codesFor(segment: string, field: string): string[] {
  const header = segment === 'header';
  const transmissionSegment = TRANSMISSION_IDS.has(segment);
  const level = transmissionSegment ? seg(segment.slice(2), field) : '';
  const transaction = header || transmissionSegment ? '' : seg(segment.slice(2), field);
  try {
    const { fieldRejects } = parseCheckedRequest(`${HEADER}${level}${GS}${transaction}`);
    return (fieldRejects[0] ?? []).map((f: FieldFinding) => f.rejectCode);
  } catch (error) {
    if (!(error instanceof NcpdpParseError)) throw error;
    return error.rejectCodes ?? [];
  }
}

function headerCodes(id: string, value: string): string[] {
  const rule = HEADER_RULES.find((r) => r.id === id);
  let offset = 0;
  for (const r of HEADER_RULES) {
    if (r === rule) break;
    offset += r.max;
  }
  const text = `${HEADER.slice(0, offset)}${value.padEnd(rule?.max ?? 0).slice(0, rule?.max)}${HEADER.slice(offset + (rule?.max ?? 0))}${GS}`;
  try {
    parseCheckedRequest(text);
    return [];
  } catch (error) {
    if (!(error instanceof NcpdpParseError)) throw error;
    return error.rejectCodes ?? [error.field ?? ''];
  }
}

const VALID: Record<Row[2], (max: number) => string> = {
  N: (max) => '1'.padStart(Math.min(max, 3), '0'),
  AN: () => 'A',
  D: () => '100{',
  DATE: () => '20240102',
};
const WRONG: Partial<Record<Row[2], string>> = { N: 'A', D: '1X', DATE: '20241340' };

describe('field conformance table', () => {
  it('lists exactly the fields the codec reads, with the rules the checker applies', () => {
    const actual = [
      ...HEADER_RULES.map((r) => ['header', r.id, r.format, r.max, r.reject]),
      ...[...TRANSMISSION_SLOTS, ...TRANSACTION_SLOTS].flatMap((slot) =>
        'def' in slot ? segmentRules(slot.def).map((r) => [r.segment, r.id, r.format, r.max, r.reject]) : [],
      ),
    ];
    expect(actual).toEqual(TABLE);
  });

  it.each(TABLE.filter(([segment]) => segment !== 'header'))(
    '%s %s (%s, max %d) is rejected %s when malformed',
    (segment, id, format, max, reject) => {
      const valid = id === 'HD' ? 'P' : VALID[format](max);
      expect(codesFor(segment, `${id}${valid}`), 'a conforming value').not.toContain(reject);
      expect(codesFor(segment, `${id}${valid.padEnd(max + 1, valid.at(-1))}`), 'too long').toContain(reject);
      expect(codesFor(segment, `${id}${valid.slice(0, -1)}\x00`), 'NUL byte').toContain(reject);
      const wrong = WRONG[format];
      if (wrong) expect(codesFor(segment, `${id}${wrong}`), 'wrong format').toContain(reject);
    },
  );

  it('header fields get their own codes; the transaction count must match the groups sent (A9)', () => {
    expect(headerCodes('A4', 'ADV\x00')).toEqual(['4']);
    expect(headerCodes('AK', 'SW\x7f')).toEqual(['AK']);
    expect(headerCodes('A3', 'Z9')).toEqual(['3']);
    expect(headerCodes('A9', '5')).toEqual(['A9']);
    expect(headerCodes('A9', '2')).toEqual(['A9']);
    expect(headerCodes('B2', 'X1')).toEqual(['B2']);
    expect(headerCodes('D1', '20241340')).toEqual(['15']);
  });
});

describe('coded fields and numbers', () => {
  it('coded fields take only the values the standard lists, numeric codes compared as numbers', () => {
    expect(codesFor('AM07', 'D83')).toEqual([]);
    expect(codesFor('AM07', 'D6X')).toEqual(['20']);
    expect(codesFor('AM07', 'D67')).toEqual(['20']);
    expect(codesFor('AM07', 'C804')).toEqual([]);
    expect(codesFor('AM07', 'C84')).toEqual([]);
    expect(codesFor('AM07', 'C807')).toEqual(['13']);
    expect(codesFor('AM07', 'HDX')).toEqual(['HD']);
    expect(codesFor('AM01', 'C59')).toEqual(['10']);
  });

  it('Rx numbers have one canonical form: leading zeros do not make another prescription', () => {
    expect(canonicalNumber('000700069016')).toBe('700069016');
    expect(canonicalNumber('000')).toBe('0');
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 999_999_999_999n }), fc.nat(6), (n, zeros) => {
        const padded = `${'0'.repeat(zeros)}${n}`.slice(-Math.max(12, String(n).length));
        expect(canonicalNumber(padded)).toBe(String(n));
      }),
    );
  });
});

describe('one corrupted field', () => {
  const rows = TABLE.filter(([segment]) => segment !== 'header');
  it("any conforming request with one field corrupted is refused with that field's code", () => {
    const corruption = fc.constantFrom('long', 'nul', 'control', 'high');
    fc.assert(
      fc.property(fc.constantFrom(...rows), corruption, ([segment, id, format, max, reject], how) => {
        const valid = VALID[format](max);
        const bad = {
          long: valid.padEnd(max + 1, valid.at(-1)),
          nul: `\x00${valid}`,
          control: `${valid}\x07`,
          high: `${valid}\xe9`,
        }[how];
        expect(codesFor(segment, `${id}${bad}`)).toContain(reject);
      }),
      { numRuns: 300 },
    );
  });
});
