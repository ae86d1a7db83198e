// Every request segment the standard defines is parsed by name from hand-written bytes; vendor segments are
// kept aside; missing and repeated segments get the standard's reject codes.
import { describe, expect, it } from 'vitest';
import { buildMessage, checkStructure, parseMessage, parseRequest, vendorSegmentIds } from '../src/index';

const FS = '\x1c';
const GS = '\x1d';
const RS = '\x1e';
const header = (code: string) => `610014D0${code}ADV       1011427384950     20240301SWV0000001`;
const seg = (id: string, ...fields: string[]) => `${RS}${FS}AM${id}${fields.map((f) => FS + f).join('')}`;

const insurance = seg('04', 'C2ABC123', 'C1GRP1', 'C3001');
const claim = seg('07', 'EM1', 'D2123456', 'E103', 'D700071015523', 'E70000030000', 'D300', 'D5030');
const pricing = seg('11', 'D95000{', 'DU5020{');

describe('request segments', () => {
  it('parses every segment of a switch B1, names the fields it models and keeps vendor segments aside', () => {
    const bytes =
      header('B1') +
      seg('XX', 'ZZTRACE') +
      insurance +
      seg('01', 'C419800101') +
      GS +
      claim +
      seg('02', 'EY05', 'E91234567') +
      seg('03', 'EZ01', 'DB1234567893') +
      seg('05', '4C1', '5C01', 'DV1{') +
      seg('06', 'DY20240101', 'CFACME') +
      seg('08', '7E1', 'E4ER') +
      seg('09', 'KE01', 'MEC123', 'NE5{') +
      seg('10', 'EF01', 'EC1') +
      pricing +
      seg('12', 'PA1', 'PB20240301') +
      seg('13', 'VE1', 'WE02', 'DOE785') +
      seg('14', '2Q01', '2Z002', '4B1A', '4KYES', '4B1B', '4G20240102') +
      seg('15', '8CFAC001', '3QSUNNY CARE') +
      seg('16', 'BMNOTE') +
      seg('17', 'A1X') +
      seg('18', 'A2Y') +
      seg('19', 'A3Z') +
      seg('37', 'A4W') +
      seg('97', 'ZZ1');
    const request = parseRequest(bytes);
    const t = request.transactions[0];
    expect(request.insurance?.cardholderId).toBe('ABC123');
    expect(request.patient?.dateOfBirth).toBe('1980-01-01');
    expect(t?.pharmacyProvider).toEqual({ providerIdQualifier: '05', providerId: '1234567' });
    expect(t?.coordinationOfBenefits?.fields.map((f) => f.id)).toEqual(['4C', '5C', 'DV']);
    expect(t?.workersCompensation).toEqual({ dateOfInjury: '2024-01-01', employerName: 'ACME' });
    expect(t?.coupon).toEqual({ couponType: '01', couponNumber: 'C123', couponValueAmount: 50 });
    expect(t?.compound?.fields).toHaveLength(2);
    expect(t?.clinical?.diagnoses).toEqual([{ qualifier: '02', code: 'E785' }]);
    expect(t?.additionalDocumentation).toEqual({
      typeId: '01',
      questions: [
        { numberLetter: '1A', alphanumericResponse: 'YES' },
        { numberLetter: '1B', dateResponse: '2024-01-02' },
      ],
    });
    expect(t?.facility).toEqual({ facilityId: 'FAC001', facilityName: 'SUNNY CARE' });
    expect(t?.narrative).toEqual({ message: 'NOTE' });
    expect(t?.purchaser?.fields).toEqual([{ id: 'A1', value: 'X' }]);
    expect(t?.serviceProvider?.fields).toEqual([{ id: 'A2', value: 'Y' }]);
    expect(t?.intermediary?.fields).toEqual([{ id: 'A3', value: 'Z' }]);
    expect(t?.lastKnown4Rx?.fields).toEqual([{ id: 'A4', value: 'W' }]);
    expect(t?.otherSegments).toEqual([{ id: '97', fields: [{ id: 'ZZ', value: '1' }] }]);
    expect(request.otherSegments).toEqual([{ id: 'XX', fields: [{ id: 'ZZ', value: 'TRACE' }] }]);

    expect(checkStructure(request, 0)).toEqual({ rejectCodes: [], vendorSegments: ['XX', '97'] });
    expect(vendorSegmentIds(request)).toEqual(['XX', '97']);
    // The generic layer keeps vendor segments where they were, byte for byte (what is stored).
    expect(Buffer.from(buildMessage(parseMessage(bytes))).toString('latin1')).toBe(bytes);
  });

  it.each([
    ['B1 without insurance', 'B1', '', claim + pricing, ['PJ']],
    ['B1 without claim and pricing', 'B1', insurance, '', ['PC', 'PP']],
    ['B3 without pricing', 'B3', insurance, claim, ['PP']],
    ['E1 without insurance', 'E1', seg('01', 'C419800101'), '', ['PJ']],
    ['B2 with only a claim', 'B2', '', claim, []],
    ['P1 without prior authorization and prescriber', 'P1', insurance, claim + pricing, ['PR', 'PN']],
    [
      'P4 with prior authorization and prescriber',
      'P4',
      insurance,
      claim + seg('03', 'DB1') + seg('12', 'PA1'),
      [],
    ],
    ['P3 without claim', 'P3', insurance, seg('12', 'PA1'), ['PC']],
    ['N1 without pricing', 'N1', insurance, claim, ['PP']],
    ['S3 without insurance', 'S3', '', claim + pricing, ['PJ']],
    ['S2 with only a claim', 'S2', '', claim, []],
    ['B1 with two claim segments', 'B1', insurance, claim + pricing + claim, ['R7']],
    ['E1 with two insurance segments', 'E1', insurance + insurance, '', ['R7']],
    [
      'B1 with a patient segment misplaced in the transaction',
      'B1',
      insurance,
      claim + pricing + seg('01'),
      [],
    ],
  ])('%s: %j', (_, code, level, transaction, expected) => {
    const request = parseRequest(header(code) + level + GS + transaction);
    expect(checkStructure(request, 0).rejectCodes).toEqual(expected);
  });

  it('a vendor segment id may use letters; a malformed one is still refused', () => {
    expect(parseRequest(header('B1') + insurance + seg('A9', 'ZZ1') + GS + claim).otherSegments).toEqual([
      { id: 'A9', fields: [{ id: 'ZZ', value: '1' }] },
    ]);
    expect(() => parseRequest(`${header('B1')}${RS}${FS}AMx1`)).toThrow(/2 characters/);
  });
});
