// The member benefit context: for a member and a date of service, everything the benefit rules need, in the
// shapes packages/domain takes. Shared by claims adjudication and the member price check / coverage pages.
//
//   loadMemberBenefitContext(db, { memberId, dateOfService | at, planId?, drugs? }) → MemberBenefitContext | null
//
// One SQL statement (member-benefit-context-repo.ts), mapped to these shapes by member-benefit-context-mapping.ts.
// Reads committed data; it takes no locks, so a caller that writes (claims) must guard its write (the claims
// service checks the accumulator versions).
import type { Database } from '@openpbm/db';
import type {
  Accumulators,
  BenefitPlan,
  CoverageLevel,
  CoverageSpan,
  DrugProduct,
  FormularyEntry,
  LocalDate,
  NetworkContract,
  PreferredAlternative,
  Tier,
} from '@openpbm/domain';
import { type RawContext, toMemberBenefitContext } from './member-benefit-context-mapping';
import { selectMemberBenefitContext } from './member-benefit-context-repo';

export { type RawContext, toFormularyEntry, toMemberBenefitContext } from './member-benefit-context-mapping';

/** A drug to resolve on the member's formulary: a package (NDC) or a generic-equivalence group. */
export type DrugRef = { ndc: string } | { drugGroupId: string };

export interface MemberBenefitContextRequest {
  memberId: string;
  /** Date of service in the member's time zone; give `at` instead to use "now" as the member sees it. */
  dateOfService?: LocalDate;
  /** An instant (e.g. deps.now()); its calendar date in the member's time zone is the date of service. */
  at?: Date;
  /** The plan to use (a claim routed by BIN/PCN/Group); default: the plan of the span in force on the date. */
  planId?: string | null;
  /** Drugs to resolve (formulary entry, product, prices); results come back in the same order. */
  drugs?: DrugRef[];
}

export interface EligibilitySpanInfo {
  id: string;
  planId: string;
  groupId: string;
  startDate: LocalDate;
  /** Last covered day (inclusive); null while open-ended. */
  endDate: LocalDate | null;
  status: 'active' | 'expired' | 'terminated';
  coverageLevel: CoverageLevel;
}

export interface PlanInfo {
  id: string;
  code: string;
  name: string;
  status: 'active' | 'retired';
  formularyId: string;
  pharmacyNetworkId: string;
  bin: string;
  pcn: string;
  rxGroup: string;
  customerServicePhone: string;
  /** The benefit design in the domain's shape (cost share per tier and channel, limits). */
  benefit: BenefitPlan;
}

export interface PlanYearInfo {
  /** Null when the plan_years row does not exist yet (the claims write path creates it). */
  id: string | null;
  year: number;
  startDate: LocalDate;
  endDate: LocalDate;
}

export interface AccumulatorRowState {
  deductibleCents: number;
  oopCents: number;
  /** Incremented by every paid claim and reversal; the claims write checks it is unchanged. */
  version: number;
}

export interface FormularyFlags {
  entryId: string;
  tier: Tier;
  excluded: boolean;
  requiresPriorAuth: boolean;
  requiresStepTherapy: boolean;
  hasQuantityLimit: boolean;
  /** Quantity limit: at most quantityLimitMilli per quantityLimitDays days. */
  quantityLimitMilli: number | null;
  quantityLimitDays: number | null;
  /** True when the entry names this NDC (it then wins over the drug group's entry). */
  ndcSpecific: boolean;
  preferredAlternatives: PreferredAlternative[];
}

export interface ProductInfo {
  ndc: string;
  name: string;
  brandName: string | null;
  source: 'brand' | 'generic';
  packageSizeMilli: number;
  unit: 'EA' | 'ML' | 'GM';
  obsoleteDate: LocalDate | null;
}

export interface DrugCoverage {
  request: DrugRef;
  drugGroupId: string | null;
  drugGroupName: string | null;
  maintenance: boolean;
  specialty: boolean;
  /** The package: the requested NDC, or for a drug group its cheapest generic (else brand) package. */
  product: ProductInfo | null;
  /** Unit prices in force on the date, millionths of a dollar, by price type (nadac, awp, wac, mac). */
  unitPricesMicros: Partial<Record<'nadac' | 'awp' | 'wac' | 'mac', number>>;
  /**
   * The product as the pricing rules take it: benchmark = the plan network's benchmark price (NADAC when the
   * network's benchmark is not published for this NDC), MAC when listed. Null when the product is unknown or
   * has no price on the date.
   */
  drug: DrugProduct | null;
  /** Null when the drug is not on the formulary (non-formulary: reject 70). */
  formularyEntry: FormularyEntry | null;
  formulary: FormularyFlags | null;
}

export interface MemberInfo {
  id: string;
  subscriberId: string;
  clientId: string;
  personCode: string;
  relationshipCode: '1' | '2' | '3' | '4';
  firstName: string;
  lastName: string;
  gender: 'F' | 'M' | 'U';
  timeZone: string;
}

export interface MemberBenefitContext {
  dateOfService: LocalDate;
  member: MemberInfo;
  eligibility: {
    /** Every span of the member, oldest first. */
    spans: EligibilitySpanInfo[];
    /** The span (any plan) whose dates contain the date of service, or null: not eligible (reject 65). */
    inForce: EligibilitySpanInfo | null;
    /** The context plan's spans in the rules' shape (eligibility check 65). */
    coverageSpans: CoverageSpan[];
    coverageLevel: CoverageLevel;
  };
  /** Null when there is no plan in force and none was asked for. */
  plan: PlanInfo | null;
  planYear: PlanYearInfo | null;
  accumulators: {
    /** Plan-year totals in the rules' shape; family mirrors individual for individual coverage. */
    values: Accumulators;
    individual: AccumulatorRowState | null;
    /** The family row (keyed by the subscriber). */
    family: AccumulatorRowState | null;
  };
  /** The plan network's default terms per channel (a specific pharmacy's contract may override them). */
  network: NetworkContract | null;
  drugs: DrugCoverage[];
}

export async function loadMemberBenefitContext(
  db: Database,
  request: MemberBenefitContextRequest,
): Promise<MemberBenefitContext | null> {
  if (!request.dateOfService && !request.at) throw new RangeError('dateOfService or at is required');
  const drugs = request.drugs ?? [];
  const raw = await selectMemberBenefitContext(db, {
    memberId: request.memberId,
    dateOfService: request.dateOfService ?? null,
    at: request.at ? request.at.toISOString() : null,
    planId: request.planId ?? null,
    drugNdcs: drugs.map((d) => ('ndc' in d ? d.ndc : null)),
    drugGroupIds: drugs.map((d) => ('drugGroupId' in d ? d.drugGroupId : null)),
  });
  return raw ? toMemberBenefitContext(raw as RawContext, drugs) : null;
}
