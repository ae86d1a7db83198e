// API contracts of the member benefits pages: drug coverage search, price check, claims history and receipts.
// The server validates and documents with these schemas; the web app uses the same types and form rules.
// Money is integer cents, dates are 'YYYY-MM-DD' calendar dates in the member's time zone.
import { z } from 'zod';
import { calendarDate, quantity, text } from './input';

const cents = z.number().int().min(0);
const localDate = calendarDate();
const uuid = z.uuid();

export const TIER_LABELS: Record<1 | 2 | 3 | 4, string> = {
  1: 'Tier 1: generic',
  2: 'Tier 2: preferred brand',
  3: 'Tier 3: non-preferred brand',
  4: 'Tier 4: specialty',
};

export const channel = z.enum(['retail_30', 'retail_90', 'home_delivery_90', 'specialty']);
export type BenefitChannel = z.infer<typeof channel>;

export const CHANNEL_LABELS: Record<BenefitChannel, string> = {
  retail_30: 'Retail pharmacy, 30-day supply',
  retail_90: 'Retail pharmacy, 90-day supply',
  home_delivery_90: 'Home delivery, 90-day supply',
  specialty: 'Specialty pharmacy',
};

// ---------- people whose benefits the signed-in member may see ----------

export const viewableMember = z.object({
  memberId: uuid,
  firstName: z.string(),
  lastName: z.string(),
  /** 'self'; 'dependent': a child under 18 today; 'proxy': an adult who shared access with the viewer. */
  relationship: z.enum(['self', 'dependent', 'proxy']),
});
export const viewableMembersResponse = z.object({
  members: z.array(viewableMember),
  /** Why some family members are not listed (adult dependents control their own data). */
  notice: z.string().nullable(),
});
export type ViewableMember = z.infer<typeof viewableMember>;
export type ViewableMembersResponse = z.infer<typeof viewableMembersResponse>;

// ---------- formulary search ----------

export const formularySearchRequest = z.object({
  /** Whose plan to search; the signed-in member when absent. */
  memberId: uuid.optional(),
  query: text(80, { maxMessage: 'Enter at most 80 characters' }).min(
    2,
    'Enter at least 2 letters of the drug name',
  ),
});
export type FormularySearchRequest = z.infer<typeof formularySearchRequest>;

export const quantityLimit = z.object({
  /** Units (tablets, mL, g) allowed per period; decimals allowed (2.5 mL). */
  quantity: z.number(),
  unit: z.string(),
  days: z.number().int(),
});

export const drugAlternative = z.object({
  drugGroupId: uuid,
  name: z.string(),
  tier: z.number().int().min(1).max(4).nullable(),
});

export const coverageStatus = z.enum(['covered', 'excluded', 'not_on_formulary']);
export type CoverageStatus = z.infer<typeof coverageStatus>;

export const drugProductOption = z.object({
  ndc: z.string(),
  name: z.string(),
  brandName: z.string().nullable(),
  isGeneric: z.boolean(),
  unit: z.string(),
});

export const formularyResult = z.object({
  drugGroupId: uuid,
  /** e.g. "atorvastatin 20 mg oral tablet". */
  name: z.string(),
  strength: z.string(),
  dosageForm: z.string(),
  brandNames: z.array(z.string()),
  genericAvailable: z.boolean(),
  status: coverageStatus,
  tier: z.number().int().min(1).max(4).nullable(),
  requiresPriorAuth: z.boolean(),
  requiresStepTherapy: z.boolean(),
  quantityLimit: quantityLimit.nullable(),
  specialty: z.boolean(),
  maintenance: z.boolean(),
  preferredAlternatives: z.array(drugAlternative),
  products: z.array(drugProductOption),
});
export type FormularyResult = z.infer<typeof formularyResult>;

export const formularySearchResponse = z.object({
  memberId: uuid,
  planName: z.string(),
  formularyName: z.string(),
  results: z.array(formularyResult),
  /** True when more drugs matched than were returned. */
  truncated: z.boolean(),
});
export type FormularySearchResponse = z.infer<typeof formularySearchResponse>;

// ---------- accumulators ("what you've paid so far") ----------

export const limitProgress = z.object({
  paidCents: cents,
  limitCents: cents,
  remainingCents: cents,
});
export const accumulatorSummary = z.object({
  planYear: z.object({ startDate: localDate, endDate: localDate }),
  coverageLevel: z.enum(['individual', 'family']),
  deductible: z.object({ individual: limitProgress, family: limitProgress.nullable() }),
  outOfPocket: z.object({ individual: limitProgress, family: limitProgress.nullable() }),
  /** What is left for this member after embedded family limits (the smaller of individual and family). */
  deductibleRemainingCents: cents,
  outOfPocketRemainingCents: cents,
});
export type AccumulatorSummary = z.infer<typeof accumulatorSummary>;

// ---------- price check ----------

export const priceCheckRequest = z.object({
  memberId: uuid.optional(),
  drugGroupId: uuid,
  /** A specific package (brand or a generic); the lowest-cost equivalent package when absent. */
  ndc: z
    .string()
    .regex(/^\d{11}$/, 'Enter an 11-digit NDC')
    .optional(),
  /** Units per fill (tablets, mL, g), up to 3 decimals. */
  quantity: quantity(100_000),
  daysSupply: z
    .number({ error: 'Enter the number of days' })
    .int('Enter whole days')
    .min(1, 'Enter at least 1 day')
    .max(365, 'Enter at most 365 days'),
  /** Price at this pharmacy's own network contract and cash price; any in-network pharmacy when absent. */
  pharmacyId: uuid.optional(),
});
export type PriceCheckRequest = z.infer<typeof priceCheckRequest>;

export const explanationLine = z.object({ kind: z.string(), amountCents: cents, description: z.string() });

export const priceQuote = z.object({
  channel,
  daysSupply: z.number().int(),
  quantity: z.number(),
  /** False when the plan would reject the fill through this channel (see `messages`). */
  available: z.boolean(),
  /** NCPDP reject codes a claim would get (e.g. 70, 75, 76); empty when it would pay. */
  rejectCodes: z.array(z.string()),
  messages: z.array(z.string()),
  totalPriceCents: cents.nullable(),
  memberPayCents: cents.nullable(),
  planPayCents: cents.nullable(),
  appliedToDeductibleCents: cents.nullable(),
  appliedToOopCents: cents.nullable(),
  explanation: z.array(explanationLine),
  /** The chosen pharmacy this quote is priced at; null: any in-network pharmacy at the network's rates. */
  pharmacyName: z.string().nullable(),
});
export type PriceQuote = z.infer<typeof priceQuote>;

export const pricedDrug = z.object({
  drugGroupId: uuid,
  ndc: z.string(),
  name: z.string(),
  isGeneric: z.boolean(),
  status: coverageStatus,
  tier: z.number().int().min(1).max(4).nullable(),
  requiresPriorAuth: z.boolean(),
  requiresStepTherapy: z.boolean(),
  quantityLimit: quantityLimit.nullable(),
});

export const priceAlternative = z.object({
  kind: z.enum(['generic_equivalent', 'lower_tier_alternative', 'preferred_alternative']),
  drug: pricedDrug,
  /** The alternative priced like the cheapest available channel of the requested drug (or retail 30-day). */
  quote: priceQuote,
});
export type PriceAlternative = z.infer<typeof priceAlternative>;

export const priceCheckResponse = z.object({
  memberId: uuid,
  memberName: z.string(),
  planName: z.string(),
  /** Date the quote is for (today in the member's time zone). */
  asOf: localDate,
  drug: pricedDrug,
  quotes: z.array(priceQuote),
  alternatives: z.array(priceAlternative),
  /** The pharmacy asked for (retail or specialty quotes use its contract and, when known, its cash price). */
  pharmacy: z
    .object({
      pharmacyId: uuid,
      name: z.string(),
      inNetwork: z.boolean(),
      /** Its usual & customary (cash) price for this drug was known from its latest claim. */
      cashPriceKnown: z.boolean(),
    })
    .nullable(),
  paidSoFar: accumulatorSummary,
  /** How the estimate was made (network rates, no coupons, may change with the pharmacy's own price). */
  disclaimer: z.string(),
});
export type PriceCheckResponse = z.infer<typeof priceCheckResponse>;

/** Pharmacies the member filled at recently, to pick one for the price check. */
export const memberPharmaciesResponse = z.object({
  pharmacies: z.array(
    z.object({
      pharmacyId: uuid,
      name: z.string(),
      addressLine1: z.string(),
      city: z.string(),
      state: z.string(),
      lastFilledOn: localDate,
    }),
  ),
});
export type MemberPharmaciesResponse = z.infer<typeof memberPharmaciesResponse>;

// ---------- claims history and receipts ----------

export const claimsQuery = z.object({
  /** Plan year by its start year; the current plan year when absent. */
  planYear: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** Why a claim was rejected, in plain words for the member, and what they can do next. */
export const memberRejectReason = z.object({
  /** NCPDP reject code (511-FB), for a call with the pharmacy or member services. */
  code: z.string(),
  title: z.string(),
  explanation: z.string(),
  nextStep: z.string(),
  action: z.object({ label: z.string(), href: z.string() }).nullable(),
});
export type MemberRejectReason = z.infer<typeof memberRejectReason>;

export const CLAIM_STATUS_LABELS = {
  paid: 'Paid',
  captured: 'Accepted, pending',
  rejected: 'Not paid',
  reversed: 'Reversed',
} as const;

export const claimSummary = z.object({
  claimId: uuid,
  dateOfService: localDate,
  drugName: z.string(),
  ndc: z.string().nullable(),
  pharmacyName: z.string().nullable(),
  rxNumber: z.string().nullable(),
  quantity: z.number().nullable(),
  daysSupply: z.number().int().nullable(),
  /**
   * paid; captured (accepted, not final yet, e.g. a home-delivery fill before it ships); rejected (the plan did
   * not pay: see rejectReasons); reversed (the pharmacy took the claim back; nothing owed, nothing counts).
   */
  status: z.enum(['paid', 'captured', 'rejected', 'reversed']),
  /** One sentence on what the status means for the member. */
  statusNote: z.string(),
  /** Null while there is no amount to show (rejected, captured). A reversed claim's shares are 0. */
  totalCents: cents.nullable(),
  planPaidCents: cents.nullable(),
  youPaidCents: cents.nullable(),
  appliedToDeductibleCents: cents.nullable(),
  appliedToOopCents: cents.nullable(),
  rejectReasons: z.array(memberRejectReason),
  /** A receipt (explanation of benefits) exists for paid and reversed claims. */
  hasReceipt: z.boolean(),
});
export type ClaimSummary = z.infer<typeof claimSummary>;

export const claimsHistoryResponse = z.object({
  memberId: uuid,
  memberName: z.string(),
  planName: z.string().nullable(),
  planYear: z.object({ year: z.number().int(), startDate: localDate, endDate: localDate }).nullable(),
  /** Plan years with claims, newest first, for the year picker. */
  planYears: z.array(z.number().int()),
  claims: z.array(claimSummary),
  totals: z.object({ planPaidCents: cents, youPaidCents: cents, claimCount: z.number().int() }),
  paidSoFar: accumulatorSummary.nullable(),
});
export type ClaimsHistoryResponse = z.infer<typeof claimsHistoryResponse>;

export const claimReceiptResponse = z.object({
  claim: claimSummary.extend({
    totalCents: cents,
    planPaidCents: cents,
    youPaidCents: cents,
    appliedToDeductibleCents: cents,
    appliedToOopCents: cents,
    tier: z.number().int().min(1).max(4).nullable(),
    channel: channel.nullable(),
    ingredientCostCents: cents,
    dispensingFeeCents: cents,
    authorizationNumber: z.string().nullable(),
    pharmacy: z
      .object({
        name: z.string(),
        addressLine1: z.string(),
        city: z.string(),
        state: z.string(),
        zip: z.string(),
        phone: z.string(),
        npi: z.string(),
      })
      .nullable(),
    reversedAt: z.string().nullable(),
  }),
  member: z.object({ memberId: uuid, name: z.string() }),
  plan: z
    .object({
      name: z.string(),
      bin: z.string(),
      pcn: z.string(),
      rxGroup: z.string(),
      customerServicePhone: z.string(),
    })
    .nullable(),
  /** Deductible and OOP totals for the claim's plan year as of now. */
  paidSoFar: accumulatorSummary.nullable(),
  issuedOn: localDate,
});
export type ClaimReceiptResponse = z.infer<typeof claimReceiptResponse>;
