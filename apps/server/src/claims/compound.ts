// The Compound segment (AM10) of a compound claim (406-D6 = 2), read from its raw fields and checked against the
// D.0 data dictionary: 450-EF dosage form, 451-EG dispensing unit, 447-EC ingredient count, then per ingredient
// 488-RE product ID qualifier, 489-TE product ID, 448-ED quantity, 449-EE drug cost. Each failure is answered
// with that field's own M/I code (its id); a compound without the segment is 20 (M/I Compound Code). Only NDC
// ingredients (488-RE 03) can be priced.
import { type RequestTransaction, tryDecodeOverpunch } from '@openpbm/ncpdp';
import type { TransactionEnv } from './transaction-kit';

export interface CompoundIngredient {
  ndc: string;
  quantityMilli: number;
  submittedCostCents: number;
}

export interface CompoundRequest {
  /** 450-EF, e.g. 03 cream, 11 solution. */
  dosageForm: string;
  /** 451-EG: 1 each, 2 grams, 3 milliliters. */
  dispensingUnit: string;
  ingredients: CompoundIngredient[];
}

export type CompoundReading =
  | { kind: 'none' }
  | { kind: 'compound'; compound: CompoundRequest }
  | { kind: 'invalid'; code: string; message: string };

/** 450-EF values of the D.0 code list (01 capsule … 18 enema). */
const DOSAGE_FORMS = new Set(Array.from({ length: 18 }, (_, i) => String(i + 1).padStart(2, '0')));
/** A compound has at least two ingredients; D.0 carries at most 25 (447-EC is 9(2)). */
const MIN_INGREDIENTS = 2;
const MAX_INGREDIENTS = 25;

const invalid = (code: string, message: string): CompoundReading => ({ kind: 'invalid', code, message });

export function readCompound(t: RequestTransaction): CompoundReading {
  const isCompound = Number(t.claim?.compoundCode ?? '0') === 2;
  const segment = t.compound;
  // A Compound segment on a claim that is not a compound is kept with the raw request and not read (tolerance,
  // like vendor segments): the claim is billed on its 407-D7 product.
  if (!isCompound) return { kind: 'none' };
  if (!segment) return invalid('20', '406-D6 is 2 (compound) but the Compound segment (AM10) is missing');

  let dosageForm = '';
  let dispensingUnit = '';
  let count: string | null = null;
  const raw: Array<Partial<Record<'RE' | 'TE' | 'ED' | 'EE', string>>> = [];
  for (const { id, value } of segment.fields) {
    if (id === 'EF') dosageForm = value.trim();
    else if (id === 'EG') dispensingUnit = value.trim();
    else if (id === 'EC') count = value.trim();
    else if (id === 'RE' || id === 'TE' || id === 'ED' || id === 'EE') {
      const current = raw[raw.length - 1];
      // 488-RE opens an ingredient; so does a field the current ingredient already has.
      if (!current || id === 'RE' || current[id] !== undefined) raw.push({ [id]: value });
      else current[id] = value;
    }
  }
  if (!DOSAGE_FORMS.has(dosageForm))
    return invalid('EF', 'M/I Compound Dosage Form Description Code (450-EF)');
  if (!['1', '2', '3'].includes(dispensingUnit))
    return invalid('EG', 'M/I Compound Dispensing Unit Form Indicator (451-EG)');
  const n = count !== null && /^\d{1,2}$/.test(count) ? Number(count) : Number.NaN;
  if (!(n >= MIN_INGREDIENTS && n <= MAX_INGREDIENTS) || n !== raw.length) {
    return invalid(
      'EC',
      'M/I Compound Ingredient Component Count (447-EC): it must count the ingredients sent (2-25)',
    );
  }

  const ingredients: CompoundIngredient[] = [];
  for (const [i, r] of raw.entries()) {
    const which = `ingredient ${i + 1}`;
    if (Number(r.RE ?? '') !== 3)
      return invalid('RE', `M/I Compound Product ID Qualifier (488-RE), ${which}: NDC (03) only`);
    const ndc = (r.TE ?? '').trim();
    if (!/^\d{11}$/.test(ndc)) return invalid('TE', `M/I Compound Product ID (489-TE), ${which}`);
    const qty = (r.ED ?? '').trim();
    if (!/^\d{1,10}$/.test(qty) || Number(qty) === 0)
      return invalid('ED', `M/I Compound Ingredient Quantity (448-ED), ${which}`);
    const cost = tryDecodeOverpunch((r.EE ?? '').trim());
    if (cost === undefined || cost < 0)
      return invalid('EE', `M/I Compound Ingredient Drug Cost (449-EE), ${which}`);
    ingredients.push({ ndc, quantityMilli: Number(qty), submittedCostCents: cost });
  }
  return { kind: 'compound', compound: { dosageForm, dispensingUnit, ingredients } };
}

/**
 * Reads the transaction's compound, if any. A valid compound's claim is looked up under its first ingredient
 * (407-D7 is 0 on a compound), so the one-drug rules have a drug to work on.
 */
export function compoundOfTransaction(env: TransactionEnv): CompoundReading {
  const reading = readCompound(env.request.transactions[env.index] ?? {});
  const first = reading.kind === 'compound' ? reading.compound.ingredients[0] : undefined;
  if (first) env.submission = { ...env.submission, productIdQualifier: '03', productId: first.ndc };
  return reading;
}
