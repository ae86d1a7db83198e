// Claim rows from the domain's adjudication result: B1 paid or rejected, and the B2 that reverses a paid B1.
import type { AdjudicationResult, DurResponse, SubmittedAmounts } from '@openpbm/domain';
import { NO_CLAIM_AMOUNTS } from '../schema/claims';
import type { claims, DurResponseEntry } from '../schema/index';
import type { CatalogProduct } from './drug-catalog';
import type { Prng } from './prng';

export type ClaimRow = typeof claims.$inferInsert;

/**
 * What a pharmacy bills: an ingredient cost above the contracted price, its own dispensing fee, and a usual and
 * customary price; some generics are on a $4 / $10 discount list, which then sets the price (basis 04).
 */
export function submittedAmounts(
  prng: Prng,
  product: CatalogProduct,
  quantityMilli: number,
  contractedFeeCents: number,
): SubmittedAmounts {
  const acquisitionCents = Math.round((product.unitPriceMicros * quantityMilli) / 10_000_000);
  const ingredientCostCents = Math.max(1, Math.round(acquisitionCents * (1.1 + prng.next() * 0.5)));
  const dispensingFeeCents = contractedFeeCents + prng.int(0, 300);
  const discountList =
    product.isGeneric && quantityMilli <= 90_000 && prng.chance(0.12)
      ? quantityMilli <= 30_000
        ? 400
        : 1000
      : null;
  return {
    ingredientCostCents,
    dispensingFeeCents,
    usualAndCustomaryCents: discountList ?? ingredientCostCents + dispensingFeeCents + prng.int(0, 500),
  };
}

export function durEntries(responses: readonly DurResponse[]): DurResponseEntry[] | null {
  if (responses.length === 0) return null;
  return responses.map((r) => ({
    reasonForServiceCode: r.reasonForServiceCode,
    clinicalSignificanceCode: r.clinicalSignificanceCode,
    otherPharmacyIndicator: r.otherPharmacyIndicator,
    previousDateOfFill: r.previousDateOfFill,
    quantityOfPreviousFillMilli: r.quantityOfPreviousFillMilli,
    freeText: r.freeText,
    additionalText: r.additionalText,
    conflictingNdc: r.conflictingNdc,
    disposition: r.disposition,
    source: r.source,
  }));
}

/** The money and outcome columns of a B1 from its adjudication. */
export function outcomeColumns(
  result: AdjudicationResult,
  authorizationNumber: () => string,
): Pick<
  ClaimRow,
  | 'status'
  | 'rejectCodes'
  | 'tier'
  | 'ingredientCostCents'
  | 'dispensingFeeCents'
  | 'patientPayCents'
  | 'planPayCents'
  | 'appliedToDeductibleCents'
  | 'appliedToOopCents'
  | 'authorizationNumber'
  | 'durResponse'
> {
  const paid = result.outcome === 'paid' && result.pricing && result.costShare;
  return {
    status: paid ? 'paid' : 'rejected',
    rejectCodes: [...result.rejectCodes],
    tier: result.tier,
    ingredientCostCents: result.pricing?.ingredientCostPaidCents ?? 0,
    dispensingFeeCents: result.pricing?.dispensingFeePaidCents ?? 0,
    patientPayCents: result.costShare?.patientPayCents ?? 0,
    planPayCents: result.costShare?.planPayCents ?? 0,
    appliedToDeductibleCents: result.costShare?.appliedToDeductibleCents ?? 0,
    appliedToOopCents: result.costShare?.appliedToOopCents ?? 0,
    authorizationNumber: paid ? authorizationNumber() : null,
    durResponse: durEntries(result.dur),
  };
}

/** The accepted B2 for a paid B1: same claim keys, no money (the reversal only undoes the B1). */
export function reversalRow(original: ClaimRow, id: string, receivedAt: Date): ClaimRow {
  return {
    ...original,
    id,
    transactionCode: 'B2',
    status: 'reversed',
    rejectCodes: [],
    ...NO_CLAIM_AMOUNTS,
    authorizationNumber: null,
    durResponse: null,
    reversalOfClaimId: original.id,
    reversedAt: null,
    receivedAt,
  };
}
