// Partial fills (343-HD): the completion's partial, found only when a B1 says 'C' (one extra statement for a
// completion; a whole fill and a partial never run it), and what its cost share needs of that partial.
import { checkPartialFillFields, type FillPart, type PartialFillFinding } from '@openpbm/domain';
import type { NamedStatement } from '../platform/named-query';
import type { Run } from './repo';
import { type ClaimSubmission, dispensingStatusOf } from './submission';

export function partialFillFindings(s: ClaimSubmission): PartialFillFinding[] {
  return checkPartialFillFields(s);
}

/** The paid partial fill a completion completes. */
export interface PartialToComplete {
  id: string;
  member_id: string | null;
  quantity_milli: number;
  intended_quantity_milli: number | null;
  patient_pay_cents: number;
  ingredient_cost_cents: number;
  dispensing_fee_cents: number;
  applied_to_deductible_cents: number;
}

/**
 * The latest paid partial of this pharmacy, Rx and fill (any earlier date, or the same day) that no paid
 * completion completes yet. A reversed partial or one already completed does not count.
 */
const FIND_PARTIAL: NamedStatement = {
  name: 'claim_find_partial_v1',
  text: `select id, member_id, quantity_milli, intended_quantity_milli, patient_pay_cents, ingredient_cost_cents,
    dispensing_fee_cents, applied_to_deductible_cents
  from claims p
  where service_provider_id = $1 and rx_number = $2 and fill_number = $3 and date_of_service <= $4::date
    and transaction_code = 'B1' and status = 'paid' and dispensing_status = 'P'
    and not exists (select 1 from claims c where c.partial_of_claim_id = p.id and c.transaction_code = 'B1'
      and c.status = 'paid')
  order by date_of_service desc, received_at desc
  limit 1`,
};

export async function findPartialToComplete(run: Run, s: ClaimSubmission): Promise<PartialToComplete | null> {
  if (dispensingStatusOf(s) !== 'C' || !s.rxNumber || s.fillNumber === null) return null;
  const rows = await run<PartialToComplete>(FIND_PARTIAL, [
    s.serviceProviderId,
    s.rxNumber,
    s.fillNumber,
    s.dateOfService,
  ]);
  return rows[0] ?? null;
}

/** The part of the whole fill this B1 is (cost share), or null for a whole fill. */
export function fillPartOf(s: ClaimSubmission, partial: PartialToComplete | null): FillPart | null {
  const status = dispensingStatusOf(s);
  if (status === 'P')
    return {
      kind: 'partial',
      dispensedMilli: s.quantityMilli ?? 0,
      intendedMilli: s.intendedQuantityMilli ?? 0,
    };
  if (status === 'C' && partial) {
    const remainder =
      partial.ingredient_cost_cents + partial.dispensing_fee_cents - partial.applied_to_deductible_cents;
    return {
      kind: 'completion',
      partialShareCents: Math.max(0, partial.patient_pay_cents - partial.applied_to_deductible_cents),
      partialRemainderCents: Math.max(0, remainder),
    };
  }
  return null;
}

/** What the completion dispenses on top of its partial may not exceed the intended whole fill (344-HF). */
export function completionOverfills(s: ClaimSubmission, partial: PartialToComplete): boolean {
  const intended = partial.intended_quantity_milli ?? s.intendedQuantityMilli ?? 0;
  return partial.quantity_milli + (s.quantityMilli ?? 0) > intended;
}
