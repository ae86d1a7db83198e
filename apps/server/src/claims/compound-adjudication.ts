// A compound B1: the first ingredient stands for the fill in the rules that look at one drug (eligibility, PA,
// limits, refill timing, DUR, run by `adjudicate` as usual); then every ingredient is looked up, checked against
// the plan's formulary (70 not covered, 75 prior authorization) and priced on its own NDC (`priceCompound`),
// with the plan's compound fee. The fill cost-shares at its highest ingredient tier.
import {
  type AdjudicationInput,
  type AdjudicationResult,
  computeCostShare,
  type PriceBenchmark,
  priceCompound,
  type Tier,
} from '@openpbm/domain';
import type { CompoundRequest } from './compound';
import type { Run } from './repo';

const COMPOUND_INGREDIENTS = {
  name: 'claim_compound_ingredients_v2',
  // bigint micros as float8: exact below 2^53, and a number (not a string) from node-postgres.
  text: `select p.ndc, p.source, p.obsolete_date,
    (select dp.unit_price_micros::float8 from drug_prices dp where dp.ndc = p.ndc and dp.price_type = $4
       and dp.effective_date <= $3::date order by dp.effective_date desc limit 1) as unit_price_micros,
    (select dp.unit_price_micros::float8 from drug_prices dp where dp.ndc = p.ndc and dp.price_type = 'mac'
       and dp.effective_date <= $3::date order by dp.effective_date desc limit 1) as mac_micros,
    coalesce(fn.tier, fg.tier) as tier,
    coalesce(fn.excluded, fg.excluded) as excluded,
    coalesce(fn.requires_prior_auth, fg.requires_prior_auth) as requires_prior_auth,
    (select compound_fee_cents from plans where id = $2::uuid) as compound_fee_cents
  from drug_products p
  left join formulary_entries fg on fg.formulary_id = (select formulary_id from plans where id = $2::uuid)
    and fg.drug_group_id = p.drug_group_id
  left join formulary_entries fn on fn.formulary_id = (select formulary_id from plans where id = $2::uuid)
    and fn.ndc = p.ndc
  where p.ndc = any($1::text[])`,
};

interface IngredientRow {
  ndc: string;
  source: 'brand' | 'generic';
  obsolete_date: string | null;
  unit_price_micros: number | null;
  mac_micros: number | null;
  tier: Tier | null;
  excluded: boolean | null;
  requires_prior_auth: boolean | null;
  compound_fee_cents: number;
}

export async function adjudicateCompound(
  run: Run,
  args: {
    compound: CompoundRequest;
    planId: string;
    input: AdjudicationInput;
    result: AdjudicationResult;
  },
): Promise<AdjudicationResult> {
  const { compound, input, result } = args;
  const ndcs = compound.ingredients.map((i) => i.ndc);
  const rows = await run<IngredientRow>(COMPOUND_INGREDIENTS, [
    ndcs,
    args.planId,
    input.claim.dateOfService,
    input.network.benchmark satisfies PriceBenchmark,
  ]);
  const byNdc = new Map(rows.map((r) => [r.ndc, r]));
  const codes: string[] = [];
  const messages: string[] = [];
  const reject = (code: string, text: string) => {
    codes.push(code);
    messages.push(text);
  };
  let tier: Tier | null = null;
  for (const [i, ingredient] of compound.ingredients.entries()) {
    const which = `Compound ingredient ${i + 1} (${ingredient.ndc})`;
    const row = byNdc.get(ingredient.ndc);
    if (!row || row.unit_price_micros === null) reject('70', `${which} is not on file or has no price`);
    else if (row.obsolete_date && row.obsolete_date < input.claim.dateOfService)
      reject('70', `${which} is obsolete on the date of service`);
    else if (row.tier === null || row.excluded) reject('70', `${which} is not covered by the formulary`);
    else {
      if (row.requires_prior_auth && !result.priorAuthorizationId)
        reject('75', `${which} requires prior authorization`);
      tier = tier === null || row.tier > tier ? row.tier : tier;
    }
  }

  const rejectCodes = [...new Set([...result.rejectCodes, ...codes])] as AdjudicationResult['rejectCodes'];
  const allMessages = [...result.messages, ...messages.map((text) => ({ rejectCode: null, text }))];
  if (rejectCodes.length > 0 || result.outcome !== 'paid' || tier === null) {
    const { pricing: _p, costShare: _c, accumulatorDelta: _a, ...rest } = result;
    return { ...rest, outcome: 'rejected', rejectCodes, messages: allMessages, tier: tier ?? result.tier };
  }
  const pricing = priceCompound({
    channel: input.claim.channel,
    contract: input.network,
    compoundFeeCents: rows[0]?.compound_fee_cents ?? 0,
    submitted: {
      dispensingFeeCents: input.claim.submitted.dispensingFeeCents ?? null,
      usualAndCustomaryCents: input.claim.submitted.usualAndCustomaryCents ?? null,
    },
    ingredients: compound.ingredients.map((i) => {
      const row = byNdc.get(i.ndc) as IngredientRow;
      return {
        ndc: i.ndc,
        quantityMilli: i.quantityMilli,
        submittedCostCents: i.submittedCostCents,
        drug: {
          unitPriceMicrodollars: row.unit_price_micros ?? 0,
          macUnitPriceMicrodollars: row.mac_micros,
          isGeneric: row.source === 'generic',
        },
      };
    }),
  });
  const costShare = computeCostShare({
    plan: input.plan,
    coverageLevel: input.member.coverageLevel,
    tier,
    channel: input.claim.channel,
    totalPriceCents: pricing.totalPriceCents,
    accumulators: input.accumulators,
    // A compound dispensed in part (343-HD) splits its share like any other fill.
    fillPart: input.claim.fillPart ?? null,
  });
  return { ...result, tier, pricing, costShare, accumulatorDelta: costShare.accumulatorDelta };
}
