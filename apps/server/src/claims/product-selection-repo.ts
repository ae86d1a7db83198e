// DAW 2 needs the price of the generic the member turned down: the drug group's cheapest generic package priced
// on the date of service. Read only for a DAW 2 brand, so the B1 fast path keeps its one read.
import { type DrugPrice, dawCode, type PriceBenchmark } from '@openpbm/domain';
import type { MemberBenefitContext } from '../benefits/member-benefit-context';
import type { NamedStatement } from '../platform/named-query';
import type { Run } from './repo';
import type { ClaimSubmission } from './submission';

const GENERIC_EQUIVALENT: NamedStatement = {
  name: 'claim_generic_equivalent_v1',
  text: `select p.ndc, x.prices from drug_products p
  cross join lateral (
    select json_object_agg(d.price_type, d.unit_price_micros) as prices from (
      select distinct on (d.price_type) d.price_type, d.unit_price_micros from drug_prices d
      where d.ndc = p.ndc and d.effective_date <= $2::date
      order by d.price_type, d.effective_date desc) d) x
  where p.drug_group_id = $1::uuid and p.source = 'generic' and (p.obsolete_date is null or p.obsolete_date >= $2::date)
    and x.prices is not null
  order by (x.prices->>'nadac')::bigint asc nulls last, p.ndc
  limit 1`,
};

/** The cheapest generic of the dispensed brand's group when the claim is DAW 2; null otherwise or when none. */
export async function genericEquivalentFor(
  run: Run,
  s: ClaimSubmission,
  ctx: MemberBenefitContext,
): Promise<DrugPrice | null> {
  const drug = ctx.drugs[0]?.drug;
  if (dawCode(s.dispenseAsWritten) !== 2 || !drug || drug.isGeneric) return null;
  const rows = await run<{ ndc: string; prices: Partial<Record<PriceBenchmark | 'mac', number>> }>(
    GENERIC_EQUIVALENT,
    [drug.drugGroupId, s.dateOfService],
  );
  const prices = rows[0]?.prices;
  const benchmark = ctx.network?.benchmark;
  const unit = (benchmark ? prices?.[benchmark] : undefined) ?? prices?.nadac;
  if (!prices || unit == null) return null;
  return { unitPriceMicrodollars: unit, macUnitPriceMicrodollars: prices.mac ?? null, isGeneric: true };
}
