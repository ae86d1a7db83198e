// Segments and answer fields of the wire tests that do not depend on the fixture: money in D.0's overpunched form,
// the patient and pricing segments, every optional request segment, and the status / rejects / amounts of an answer.
import { fieldOf, segment, type WireResponse } from './wire-d0';

/** s9(n)v99 with the last digit overpunched positive ({ = 0, A = 1 … I = 9). */
export const money = (cents: number): string => {
  const digits = String(cents).padStart(3, '0');
  return digits.slice(0, -1) + '{ABCDEFGHI'[Number(digits.at(-1))];
};
export const ccyymmdd = (iso: string) => iso.replaceAll('-', '');

export const patient = (m: { dateOfBirth: string }) =>
  segment('01', `C4${ccyymmdd(m.dateOfBirth)}`, 'C51', 'CAALEX', 'CBSAMPLE');

/** A B1's pricing segment: $500.00 ingredient cost, $2.00 fee, U&C $999.99, gross $502.00. */
export const pricing = segment(
  '11',
  `D9${money(50_000)}`,
  `DC${money(200)}`,
  `DQ${money(99_999)}`,
  `DU${money(50_200)}`,
  'DN01',
);

/** Every other request segment the standard defines, as a switch sends them, plus two vendor segments. */
export const everyOtherSegment = (ndc: string) => [
  segment('02', 'EY05', 'E91234567'),
  segment('05', '4C1', '5C01', '6C03', '7C999999', 'E820260305', 'HB1', 'HC07', `DV${money(1_000)}`),
  segment('06', 'DY20260101', 'CFACME CORP', 'CR12345'),
  segment('08', '7E1', 'E5M0'),
  segment('09', 'KE01', 'MECOUPON123', `NE${money(500)}`),
  segment('10', 'EF01', 'EG1', 'EC1', 'RE03', `TE${ndc}`, 'ED0000030000', `EE${money(100)}`),
  segment('12', 'PA1', 'PB20260301', 'PC20260331'),
  segment('13', 'VE1', 'WE02', 'DOE785'),
  segment('14', '2Q01', '2Z001', '4B1A', '4KYES'),
  segment('15', '8CFAC001', '3QSUNNY CARE'),
  segment('16', 'BMDELIVERED TO FACILITY'),
  segment('XX', 'ZZSWITCH-TRACE-0001', 'ZY42'),
  segment('97', 'A1VENDOR'),
];

export const status = (r: WireResponse) => fieldOf(r, 0, '21', 'AN')[0];
export const rejects = (r: WireResponse) => fieldOf(r, 0, '21', 'FB');
/** The amounts a paid answer carries (Response Pricing, AM23). */
export const amounts = (r: WireResponse) =>
  Object.fromEntries(['F5', 'F6', 'F7', 'F9', 'FI'].map((id) => [id, fieldOf(r, 0, '23', id)[0]]));
