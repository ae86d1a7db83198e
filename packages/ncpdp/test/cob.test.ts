// The COB/Other Payments segment (AM05) read from hand-written bytes, nested groups and all, with each bad field
// named by its own id; and the Response COB / Other Payers segment (AM28) built and read back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adjudicationResponse,
  buildResponse,
  otherPayerAmountPaid,
  otherPayerPatientResponsibility,
  parseRequest,
  parseResponse,
  readCoordinationOfBenefits,
} from '../src/index';

const FS = '\x1c';
const GS = '\x1d';
const RS = '\x1e';
const header = `610014D0B1ADV       1011427384950     20260310SWV0000001`;
const seg = (id: string, ...fields: string[]) => `${RS}${FS}AM${id}${fields.map((f) => FS + f).join('')}`;
const claim = seg('07', 'EM1', 'D2123456', 'E103', 'D700071015523', 'E70000030000', 'D300', 'D5030', 'C82');

const cobOf = (...fields: string[]) => {
  const request = parseRequest(`${header}${seg('04', 'C2ABC')}${GS}${claim}${seg('05', ...fields)}`);
  return readCoordinationOfBenefits(request.transactions[0]?.coordinationOfBenefits?.fields ?? []);
};

describe('COB/Other Payments (AM05)', () => {
  it('reads two other payers, each with its own amounts, rejects and patient responsibility', () => {
    const cob = cobOf(
      '4C2',
      '5C01',
      '6C03',
      '7C012345',
      'E820260309',
      'HB2',
      'HC07',
      'DV1000{',
      'HC08',
      'DV50{',
      'NR1',
      'NP06',
      'NQ250{',
      '5C02',
      '6C03',
      '7C054321',
      '5E1',
      '6E70',
    );
    expect(cob.findings).toEqual([]);
    expect(cob.otherPayers).toEqual([
      {
        coverageType: '01',
        idQualifier: '03',
        id: '012345',
        date: '2026-03-09',
        amountsPaid: [
          { qualifier: '07', amountCents: 10_000 },
          { qualifier: '08', amountCents: 500 },
        ],
        rejectCodes: [],
        patientResponsibility: [{ qualifier: '06', amountCents: 2_500 }],
        benefitStages: [],
      },
      {
        coverageType: '02',
        idQualifier: '03',
        id: '054321',
        amountsPaid: [],
        rejectCodes: ['70'],
        patientResponsibility: [],
        benefitStages: [],
      },
    ]);
    expect(otherPayerAmountPaid(cob)).toBe(10_500);
    expect(otherPayerPatientResponsibility(cob)).toBe(2_500);
  });

  it('names each malformed field by its id (its M/I code)', () => {
    expect(cobOf('4C1', '5C01', 'HB1', 'HC07', 'DV12X4').findings.map((f) => f.field)).toEqual(['DV']);
    expect(cobOf('4C2', '5C01').findings.map((f) => f.field)).toEqual(['4C']);
    expect(cobOf('4C1', '7C012345', '5C01').findings.map((f) => f.field)).toEqual(['7C']);
    expect(cobOf('4C1', '5C01', 'E820261399').findings.map((f) => f.field)).toEqual(['E8']);
    expect(cobOf('4C1', '5C01', '7C01234567890').findings.map((f) => f.field)).toEqual(['7C']);
  });

  it('any amount sent is read back exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 99_999_999 }), { minLength: 1, maxLength: 9 }),
        (amounts) => {
          const overpunch = (c: number) => {
            const d = String(c).padStart(3, '0');
            return d.slice(0, -1) + '{ABCDEFGHI'[Number(d.at(-1))];
          };
          const cob = cobOf(
            '4C1',
            '5C01',
            `HB${amounts.length}`,
            ...amounts.flatMap((a) => ['HC07', `DV${overpunch(a)}`]),
          );
          expect(cob.findings).toEqual([]);
          expect(cob.otherPayers[0]?.amountsPaid.map((a) => a.amountCents)).toEqual(amounts);
        },
      ),
    );
  });
});

describe('Response COB / Other Payers (AM28)', () => {
  it('is built in the transaction and read back field by field', () => {
    const response = adjudicationResponse({
      request: {
        transactionCode: 'B1',
        serviceProviderIdQualifier: '01',
        serviceProviderId: '1011427384',
        dateOfService: '2026-03-10',
      },
      transactions: [
        {
          status: 'rejected',
          rejectCodes: ['41'],
          otherPayers: [
            {
              coverageType: '01',
              idQualifier: '03',
              id: '012345',
              processorControlNumber: 'LAKE01',
              cardholderId: 'LK1',
              benefitEffectiveDate: '2026-01-01',
            },
          ],
        },
      ],
    });
    const bytes = buildResponse(response);
    expect(Buffer.from(bytes).toString('latin1')).toContain(
      `${RS}${FS}AM28${FS}NT1${FS}5C01${FS}6C03${FS}7C012345${FS}MHLAKE01${FS}NULK1${FS}UX20260101`,
    );
    expect(parseResponse(bytes).transactions[0]?.coordinationOfBenefits?.otherPayers?.[0]?.id).toBe('012345');
  });
});
