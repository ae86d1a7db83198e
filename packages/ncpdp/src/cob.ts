/**
 * The COB/Other Payments segment (AM05) read from its raw fields: its repeating groups nest (each other payer
 * has its own amounts paid, rejects, patient responsibility amounts and benefit stages), which the flat typed
 * segment codec does not express. Layout (D.0 field lists cited in segments-request.ts):
 *   337-4C count, then per other payer: 338-5C coverage type (leads the occurrence), 339-6C ID qualifier,
 *   340-7C ID, 443-E8 date, 993-A7 internal control number, 341-HB count + (342-HC qualifier, 431-DV amount),
 *   471-5E count + 472-6E reject code, 353-NR count + (351-NP qualifier, 352-NQ amount),
 *   392-MU count + (393-MV qualifier, 394-MW amount).
 */
import { decodeDate } from './fields';
import { tryDecodeOverpunch } from './overpunch';
import type { RawField } from './types';

export interface OtherPayerAmount {
  qualifier: string;
  amountCents: number;
}

export interface OtherPayer {
  /** 338-5C: 01 primary, 02 secondary, 03 tertiary … */
  coverageType: string;
  /** 339-6C, e.g. 03 = BIN. */
  idQualifier?: string;
  /** 340-7C. */
  id?: string;
  /** 443-E8 as an ISO date. */
  date?: string;
  internalControlNumber?: string;
  /** 342-HC / 431-DV. */
  amountsPaid: OtherPayerAmount[];
  /** 472-6E. */
  rejectCodes: string[];
  /** 351-NP / 352-NQ. */
  patientResponsibility: OtherPayerAmount[];
  /** 393-MV / 394-MW. */
  benefitStages: OtherPayerAmount[];
}

/** A field of AM05 that breaks its format: rejected with the field's own M/I code (its id). */
export interface CobFinding {
  field: string;
  message: string;
}

export interface CoordinationOfBenefits {
  otherPayers: OtherPayer[];
  findings: CobFinding[];
}

const TEXT_MAX: Record<string, number> = { '5C': 2, '6C': 2, '7C': 10, A7: 30, HC: 2, '6E': 3, NP: 2, MV: 2 };
const COUNT_MAX: Record<string, number> = { '4C': 9, HB: 9, '5E': 5, NR: 25, MU: 4 };
const PRINTABLE = /^[\x20-\x7e]*$/;

/** Other payers of an AM05 segment, with a finding for every field that breaks its format. */
export function readCoordinationOfBenefits(fields: readonly RawField[]): CoordinationOfBenefits {
  const otherPayers: OtherPayer[] = [];
  const findings: CobFinding[] = [];
  const bad = (field: string, what: string) =>
    findings.push({ field, message: `COB/Other Payments field ${field} ${what}` });
  let current: OtherPayer | undefined;
  let declared: number | null = null;
  const pending: Record<'HC' | 'NP' | 'MV', string | undefined> = {
    HC: undefined,
    NP: undefined,
    MV: undefined,
  };
  const amount = (id: string, value: string): number | null => {
    const cents = tryDecodeOverpunch(value);
    if (cents === undefined || cents < 0 || value.length > 10) {
      bad(id, 'is not a signed dollar amount');
      return null;
    }
    return cents;
  };
  for (const { id, value } of fields) {
    if (!PRINTABLE.test(value)) {
      bad(id, 'has a character that is not printable');
      continue;
    }
    if (id in COUNT_MAX) {
      const n = /^\d{1,2}$/.test(value) ? Number(value) : Number.NaN;
      if (!(n >= 0 && n <= (COUNT_MAX[id] ?? 0))) bad(id, `is not a count of at most ${COUNT_MAX[id]}`);
      else if (id === '4C') declared = n;
      continue;
    }
    if (TEXT_MAX[id] !== undefined && value.length > (TEXT_MAX[id] ?? 0)) {
      bad(id, `is longer than ${TEXT_MAX[id]} characters`);
      continue;
    }
    if (id === '5C') {
      if (!/^\d{2}$/.test(value)) bad(id, 'is not a 2-digit coverage type');
      current = {
        coverageType: value,
        amountsPaid: [],
        rejectCodes: [],
        patientResponsibility: [],
        benefitStages: [],
      };
      otherPayers.push(current);
      continue;
    }
    if (!current) {
      // Every per-payer field must follow the 338-5C that opens its occurrence.
      bad(id, 'comes before the Other Payer Coverage Type (5C) that opens its occurrence');
      continue;
    }
    switch (id) {
      case '6C':
        current.idQualifier = value;
        break;
      case '7C':
        current.id = value;
        break;
      case 'E8': {
        const date = decodeDate(value);
        if (date) current.date = date;
        else bad(id, 'is not a CCYYMMDD date');
        break;
      }
      case 'A7':
        current.internalControlNumber = value;
        break;
      case 'HC':
      case 'NP':
      case 'MV':
        pending[id] = value;
        break;
      case 'DV':
      case 'NQ':
      case 'MW': {
        const cents = amount(id, value);
        if (cents === null) break;
        const qualifierId = id === 'DV' ? 'HC' : id === 'NQ' ? 'NP' : 'MV';
        const list =
          id === 'DV'
            ? current.amountsPaid
            : id === 'NQ'
              ? current.patientResponsibility
              : current.benefitStages;
        list.push({ qualifier: pending[qualifierId] ?? '', amountCents: cents });
        pending[qualifierId] = undefined;
        break;
      }
      case '6E':
        current.rejectCodes.push(value);
        break;
      default:
        // Fields AM05 does not define are kept in the raw request and not read.
        break;
    }
  }
  if (declared !== null && declared !== otherPayers.length) {
    bad('4C', `says ${declared} other payers but ${otherPayers.length} were sent`);
  }
  return { otherPayers, findings };
}

/** Total 431-DV Other Payer Amount Paid over every other payer. */
export const otherPayerAmountPaid = (cob: CoordinationOfBenefits): number =>
  cob.otherPayers.reduce((sum, p) => sum + p.amountsPaid.reduce((s, a) => s + a.amountCents, 0), 0);

/**
 * The patient responsibility the last other payer left (352-NQ of the last occurrence that sent any), or null
 * when none sent it.
 */
export function otherPayerPatientResponsibility(cob: CoordinationOfBenefits): number | null {
  for (let i = cob.otherPayers.length - 1; i >= 0; i--) {
    const amounts = cob.otherPayers[i]?.patientResponsibility ?? [];
    if (amounts.length > 0) return amounts.reduce((s, a) => s + a.amountCents, 0);
  }
  return null;
}
