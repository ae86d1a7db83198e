// Price check: for a drug, quantity and days supply, what the member and the plan would pay at retail 30-day,
// retail 90-day and home delivery (and specialty for specialty drugs), using the member's real accumulators;
// the generic equivalent and covered alternatives on a lower tier with their member cost; and what the
// member has paid so far toward the deductible and out-of-pocket maximum. Read-only, audited.
import { addDays, type Channel, channelFor, localDateInTimeZone, withPharmacyTerms } from '@openpbm/domain';
import type {
  MemberPharmaciesResponse,
  PriceAlternative,
  PriceCheckRequest,
  PriceCheckResponse,
} from '@openpbm/shared/benefits';
import type { AppDeps } from '../app-deps';
import { InvariantBroken } from '../platform/internal-errors';
import { badRequest, notFound } from '../platform/problem';
import { findApprovedPriorAuths } from './approvals-repo';
import { auditMemberRead, type ReadContext } from './audit-reads';
import { findDrugGroups, findGroupsInClass } from './formulary-repo';
import { entryFlags } from './formulary-view';
import { type DrugCoverage, type DrugRef, loadMemberBenefitContext } from './member-benefit-context';
import { summarizePaidSoFar } from './paid-so-far';
import {
  findLatestCashPrice,
  findPharmacyContract,
  findRecentPharmacies,
  type PharmacyContractRow,
} from './pharmacy-price-repo';
import {
  type Fill,
  fillFor,
  outOfNetworkQuote,
  type QuoteBenefits,
  type QuotePharmacy,
  quoteFill,
} from './quote';
import { resolveViewableMember } from './viewable-members';

/** How many other drugs of the class are looked at, and how many cheaper ones are shown. */
const CLASS_CANDIDATES = 15;
const SHOWN_ALTERNATIVES = 3;

export const PRICE_CHECK_DISCLAIMER =
  'This is an estimate for an in-network pharmacy, based on your plan’s rates today and what you have paid so far ' +
  'this plan year. What you pay can differ if the pharmacy’s own cash price is lower, if other claims are ' +
  'processed first, or if the prescription changes.';

const pharmacyDisclaimer = (name: string, cashPriceKnown: boolean) =>
  `This is an estimate at ${name}, using its contract with your plan’s network${
    cashPriceKnown ? ' and its latest cash price for this drug' : ''
  }, your plan’s rates today and what you have paid so far this plan year. What you pay can differ if other ` +
  'claims are processed first, if the pharmacy’s price changes, or if the prescription changes.';

/** A pharmacy's cash price is taken from its claims of the last year. */
const CASH_PRICE_LOOKBACK_DAYS = 365;

/** The channels a pharmacy fills through: its own contract prices those quotes. */
function channelsOf(pharmacy: PharmacyContractRow): Channel[] {
  if (pharmacy.homeDelivery) return ['home_delivery_90'];
  if (pharmacy.specialty) return ['specialty'];
  return ['retail_30', 'retail_90'];
}

/** Active and under a contract in the plan's network on the date (a claim there would otherwise reject 40). */
function inNetworkOn(pharmacy: PharmacyContractRow, date: string): boolean {
  const contract = pharmacy.contract;
  return (
    pharmacy.status === 'active' &&
    contract !== null &&
    contract.effectiveDate <= date &&
    (contract.terminationDate === null || contract.terminationDate >= date)
  );
}

function pricedDrug(coverage: DrugCoverage) {
  const product = coverage.product;
  if (!product || !coverage.drugGroupId) throw new InvariantBroken('pricedDrug needs a resolved product');
  const flags = entryFlags(coverage.formulary, product.unit);
  return {
    drugGroupId: coverage.drugGroupId,
    ndc: product.ndc,
    name: product.name,
    isGeneric: product.source === 'generic',
    ...flags,
  };
}

/** Tier for comparisons: excluded or non-formulary drugs rank below every covered tier. */
const rankOf = (coverage: DrugCoverage): number =>
  coverage.formulary && !coverage.formulary.excluded ? coverage.formulary.tier : 5;

export async function checkPrice(
  deps: AppDeps,
  read: ReadContext,
  request: PriceCheckRequest,
): Promise<PriceCheckResponse> {
  const member = await resolveViewableMember(deps, read.principal, request.memberId);
  const db = deps.db.db;
  const ref: DrugRef = request.ndc ? { ndc: request.ndc } : { drugGroupId: request.drugGroupId };
  const context = await loadMemberBenefitContext(db, {
    memberId: member.memberId,
    at: deps.now(),
    drugs: [ref],
  });
  const plan = context?.plan;
  if (!context || !plan || !context.network || !context.eligibility.inForce || !context.planYear) {
    throw notFound('There is no pharmacy coverage for this member today.');
  }
  const main = context.drugs[0];
  if (!main?.product || main.drugGroupId !== request.drugGroupId) {
    if (request.ndc) {
      throw badRequest('The package does not belong to this drug.', [
        { field: 'ndc', message: 'Choose a package of the selected drug' },
      ]);
    }
    throw notFound('No drug with this id was found.');
  }

  const approvals = await findApprovedPriorAuths(db, member.memberId, [request.drugGroupId]);
  const benefits: QuoteBenefits = {
    plan: plan.benefit,
    network: context.network,
    coverageLevel: context.eligibility.coverageLevel,
    accumulators: context.accumulators.values,
    dateOfService: context.dateOfService,
    approvals,
  };
  const requested = { quantityMilli: Math.round(request.quantity * 1000), daysSupply: request.daysSupply };
  const retail30Max = plan.benefit.maxDaysSupply.retail_30;
  const channels: Channel[] = ['retail_30', 'retail_90', 'home_delivery_90'];
  if (main.specialty || main.formulary?.tier === 4) channels.push('specialty');
  const chosen = request.pharmacyId
    ? await findPharmacyContract(db, request.pharmacyId, context.network.id)
    : null;
  if (request.pharmacyId && !chosen) {
    throw badRequest('No pharmacy with this id.', [{ field: 'pharmacyId', message: 'Choose a pharmacy' }]);
  }
  const inNetwork = chosen ? inNetworkOn(chosen, context.dateOfService) : false;
  const atChosen: QuoteBenefits | null =
    chosen?.contract && inNetwork
      ? { ...benefits, network: withPharmacyTerms(context.network, chosen.contract) }
      : null;
  // The pharmacy's cash price for this package, for the quantity of its latest claim; scaled per unit.
  const cashPrice =
    atChosen && chosen && main.product
      ? await findLatestCashPrice(
          db,
          chosen.id,
          main.product.ndc,
          addDays(context.dateOfService, -CASH_PRICE_LOOKBACK_DAYS),
        )
      : null;
  const quotePharmacy = (fill: Fill): QuotePharmacy | null =>
    chosen && {
      name: chosen.name,
      usualAndCustomaryCents: cashPrice
        ? Math.round((cashPrice.usualAndCustomaryCents * fill.quantityMilli) / cashPrice.quantityMilli)
        : null,
    };
  const quotes = channels.map((channel) => {
    const fill = fillFor(channel, requested, retail30Max);
    if (!chosen || !channelsOf(chosen).includes(channel)) return quoteFill(benefits, main, fill);
    if (!atChosen) return outOfNetworkQuote(fill, chosen.name);
    return quoteFill(atChosen, main, fill, quotePharmacy(fill));
  });

  // Alternatives are quoted like the requested fill at a retail pharmacy (the chosen one's contract if retail).
  const alternativeFill: Fill = {
    channel: channelFor('retail', requested.daysSupply, retail30Max),
    ...requested,
  };
  const alternativeBenefits =
    atChosen && chosen && channelsOf(chosen).includes(alternativeFill.channel) ? atChosen : benefits;
  const alternatives = await priceAlternatives(
    deps,
    member.memberId,
    alternativeBenefits,
    main,
    alternativeFill,
  );

  await auditMemberRead(deps, read, { resourceType: 'price_check', member });
  return {
    memberId: member.memberId,
    memberName: `${context.member.firstName} ${context.member.lastName}`,
    planName: plan.name,
    asOf: context.dateOfService,
    drug: pricedDrug(main),
    quotes,
    alternatives,
    pharmacy: chosen
      ? { pharmacyId: chosen.id, name: chosen.name, inNetwork, cashPriceKnown: cashPrice !== null }
      : null,
    paidSoFar: summarizePaidSoFar({
      limits: plan.benefit,
      coverageLevel: context.eligibility.coverageLevel,
      planYear: context.planYear,
      accumulators: context.accumulators.values,
    }),
    disclaimer:
      chosen && inNetwork ? pharmacyDisclaimer(chosen.name, cashPrice !== null) : PRICE_CHECK_DISCLAIMER,
  };
}

/** How far back, and how many, of the member's pharmacies are offered in the price check. */
const RECENT_PHARMACY_DAYS = 730;
const RECENT_PHARMACIES = 5;

/** The pharmacies a member filled at recently, to price a fill there. Audited: where someone fills is health data. */
export async function listRecentPharmacies(
  deps: AppDeps,
  read: ReadContext,
  memberId: string,
): Promise<MemberPharmaciesResponse> {
  const member = await resolveViewableMember(deps, read.principal, memberId);
  const today = localDateInTimeZone(deps.now(), member.timeZone);
  const pharmacies = await findRecentPharmacies(
    deps.db.db,
    member.memberId,
    addDays(today, -RECENT_PHARMACY_DAYS),
    RECENT_PHARMACIES,
  );
  await auditMemberRead(deps, read, {
    resourceType: 'recent_pharmacies',
    member,
    detail: { pharmacies: pharmacies.length },
  });
  return { pharmacies };
}

/**
 * The generic equivalent (when a brand was asked for), the formulary's preferred alternatives, and up to three
 * covered drugs of the same therapeutic class on a lower tier, cheapest for the member first.
 */
async function priceAlternatives(
  deps: AppDeps,
  memberId: string,
  benefits: QuoteBenefits,
  main: DrugCoverage,
  fill: Fill,
): Promise<PriceAlternative[]> {
  const db = deps.db.db;
  const mainGroupId = main.drugGroupId as string;
  const wantGeneric = main.product?.source === 'brand';
  const preferredIds = (main.formulary?.preferredAlternatives ?? [])
    .map((alternative) => alternative.drugGroupId)
    .filter((id): id is string => Boolean(id) && id !== mainGroupId);
  const [mainGroup] = await findDrugGroups(db, [mainGroupId]);
  const classIds = mainGroup
    ? (await findGroupsInClass(db, mainGroup.therapeuticClassId))
        .map((group) => group.id)
        .filter((id) => id !== mainGroupId && !preferredIds.includes(id))
        .slice(0, CLASS_CANDIDATES)
    : [];
  const refs: DrugRef[] = [
    ...(wantGeneric ? [{ drugGroupId: mainGroupId }] : []),
    ...preferredIds.map((drugGroupId) => ({ drugGroupId })),
    ...classIds.map((drugGroupId) => ({ drugGroupId })),
  ];
  if (refs.length === 0) return [];
  const context = await loadMemberBenefitContext(db, {
    memberId,
    dateOfService: benefits.dateOfService,
    drugs: refs,
  });
  if (!context) return [];
  const withApprovals: QuoteBenefits = {
    ...benefits,
    approvals: await findApprovedPriorAuths(db, memberId, [...preferredIds, ...classIds]),
  };
  const priced = (coverage: DrugCoverage, kind: PriceAlternative['kind']): PriceAlternative | null =>
    coverage.product && coverage.drugGroupId
      ? { kind, drug: pricedDrug(coverage), quote: quoteFill(withApprovals, coverage, fill) }
      : null;

  const results: PriceAlternative[] = [];
  let index = 0;
  if (wantGeneric) {
    const generic = context.drugs[index++];
    if (generic?.product?.source === 'generic') {
      const alternative = priced(generic, 'generic_equivalent');
      if (alternative) results.push(alternative);
    }
  }
  for (const coverage of context.drugs.slice(index, index + preferredIds.length)) {
    const alternative = priced(coverage, 'preferred_alternative');
    if (alternative) results.push(alternative);
  }
  index += preferredIds.length;
  const mainRank = rankOf(main);
  const lowerTier = context.drugs
    .slice(index)
    .filter((coverage) => rankOf(coverage) < mainRank)
    .map((coverage) => priced(coverage, 'lower_tier_alternative'))
    .filter((alternative): alternative is PriceAlternative => alternative?.quote.available === true)
    .sort((a, b) => (a.quote.memberPayCents ?? 0) - (b.quote.memberPayCents ?? 0))
    .slice(0, SHOWN_ALTERNATIVES);
  return [...results, ...lowerTier];
}
