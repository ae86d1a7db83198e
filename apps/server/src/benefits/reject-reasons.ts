// Plain-language reasons for rejected claims, written for the member: what the NCPDP reject code means for them
// and what they can do next. The pharmacy still gets the standard descriptions (../claims/reject-codes.ts);
// `reject-reasons.test.ts` checks every code the engine can return has an entry here.
import type { MemberRejectReason } from '@openpbm/shared/benefits';

/** Facts a reason can name; read from the stored claim. */
export interface RejectFacts {
  /** Refill too soon (79): the first day the fill is allowed. */
  refillOn?: string | null;
}

type Entry = Omit<MemberRejectReason, 'code'>;

const PRIOR_AUTH_PAGE = { label: 'Start or check a prior authorization', href: '/members/prior-auth' };
const COVERAGE_PAGE = { label: 'See covered alternatives', href: '/members/coverage' };
const LOCATOR_PAGE = { label: 'Find an in-network pharmacy', href: '/members/pharmacy-locator' };
const ID_CARD_PAGE = { label: 'See your ID card', href: '/members/id-card' };

/** Codes about the data the pharmacy sent: the member need not act, the pharmacy resends. */
const PHARMACY_DATA: Entry = {
  title: 'The pharmacy needs to correct the claim',
  explanation:
    'The claim the pharmacy sent was missing information or had information in a form we could not accept.',
  nextStep:
    'The pharmacy can correct it and send it again; you do not need to do anything. If it happens again, ask the pharmacist to call the help desk on your ID card.',
  action: null,
};

const IDENTITY: Entry = {
  title: 'We could not match the claim to your coverage',
  explanation:
    'The member ID or person code the pharmacy sent does not match our records, so the plan could not find you.',
  nextStep:
    'Show the pharmacist your current ID card so they can send your member ID and person code exactly as printed.',
  action: ID_CARD_PAGE,
};

const PRESCRIBER: Entry = {
  title: 'We could not confirm the prescriber',
  explanation:
    'The prescriber on the prescription was not found in our records, or is not registered to prescribe this kind of medicine.',
  nextStep:
    'Ask the pharmacy to check the prescriber’s details. If they are right, your prescriber can contact us to update them.',
  action: null,
};

const SYSTEM: Entry = {
  title: 'We could not process the claim at that moment',
  explanation:
    'A problem on our side stopped the claim from being processed. It was not about you or your drug.',
  nextStep: 'The pharmacy can send the claim again.',
  action: null,
};

const REASONS: Record<string, Entry | ((facts: RejectFacts) => Entry)> = {
  // Routing and the header: the pharmacy's data.
  '1': PHARMACY_DATA,
  '2': PHARMACY_DATA,
  '3': PHARMACY_DATA,
  '4': PHARMACY_DATA,
  '5': PHARMACY_DATA,
  '6': {
    ...PHARMACY_DATA,
    nextStep:
      'Show the pharmacist your ID card: the claim needs the BIN, PCN and group printed on it. You do not need to do anything else.',
    action: ID_CARD_PAGE,
  },
  '7': IDENTITY,
  '52': IDENTITY,
  '53': IDENTITY,
  '9': {
    title: 'Your date of birth did not match',
    explanation: 'The date of birth the pharmacy sent is not the one on your plan record.',
    nextStep:
      'Ask the pharmacy to check the date of birth in your pharmacy profile. If the one on your plan record is wrong, contact member services.',
    action: null,
  },
  '13': PHARMACY_DATA,
  '15': PHARMACY_DATA,
  '16': PHARMACY_DATA,
  '17': {
    title: 'This fill number is not allowed',
    explanation:
      'The prescription has no refill left for this fill, or it is a medicine that cannot be refilled (for example a Schedule II controlled substance).',
    nextStep: 'Ask your prescriber for a new prescription.',
    action: null,
  },
  '19': PHARMACY_DATA,
  '20': PHARMACY_DATA,
  '21': PHARMACY_DATA,
  E7: PHARMACY_DATA,
  '25': PRESCRIBER,
  '42': PRESCRIBER,
  '56': PRESCRIBER,
  '71': PRESCRIBER,
  '40': {
    title: 'This pharmacy is not in your plan’s network',
    explanation: 'Your plan pays only at pharmacies in its network on the date of the fill.',
    nextStep: 'Fill your prescription at an in-network pharmacy, or use home delivery.',
    action: LOCATOR_PAGE,
  },
  '41': {
    title: 'Your other coverage pays first',
    explanation:
      'You have other prescription coverage that is primary: it must be billed before this plan (coordination of benefits).',
    nextStep:
      'Show the pharmacist the ID card of your other coverage. The pharmacy bills that plan first and can then send what is left to us.',
    action: null,
  },
  '50': PHARMACY_DATA,
  '65': {
    title: 'Your coverage was not active on that date',
    explanation: 'Our records show no pharmacy coverage for you on the date the prescription was filled.',
    nextStep:
      'Check the date with the pharmacy. If you believe you were covered, contact member services or your employer’s benefits office.',
    action: null,
  },
  '70': {
    title: 'Your plan does not cover this drug',
    explanation:
      'This drug (or this package of it) is not on your plan’s list of covered drugs, or not through this kind of pharmacy.',
    nextStep:
      'Ask your prescriber about a covered alternative. If you need this drug, your prescriber can ask for a formulary exception.',
    action: COVERAGE_PAGE,
  },
  '75': {
    title: 'Your plan needs your doctor to request approval first (prior authorization)',
    explanation: 'Your plan covers this drug only after it approves a request from your prescriber.',
    nextStep:
      'Ask your prescriber to request prior authorization. Once it is approved, the pharmacy can send the claim again.',
    action: PRIOR_AUTH_PAGE,
  },
  '608': {
    title: 'Your plan asks you to try another drug first (step therapy)',
    explanation: 'Your plan pays for this drug after you have tried a preferred drug for the same condition.',
    nextStep:
      'Ask your prescriber about the preferred drug. If it is not right for you, your prescriber can request an exception.',
    action: PRIOR_AUTH_PAGE,
  },
  '76': {
    title: 'The amount is over your plan’s limit',
    explanation: 'The quantity or days supply is more than your plan covers for one fill of this drug.',
    nextStep:
      'Ask the pharmacy to fill the amount your plan allows. If you need more, your prescriber can request an exception.',
    action: PRIOR_AUTH_PAGE,
  },
  '79': (facts) => ({
    title: 'It is too soon to refill',
    explanation: 'You still have medicine left from your last fill of this drug, so the plan cannot pay yet.',
    nextStep: facts.refillOn
      ? `You can fill it on or after ${facts.refillOn}. If your dose changed or you are travelling, ask your pharmacist.`
      : 'You can fill it when most of your last supply is used. If your dose changed or you are travelling, ask your pharmacist.',
    action: null,
  }),
  '88': {
    title: 'A safety check stopped this fill',
    explanation:
      'The drug review found a possible problem, such as an interaction with another medicine you take, a duplicate therapy or an unusual dose.',
    nextStep:
      'Talk to your pharmacist. They can check with your prescriber and send the claim again if it is safe.',
    action: null,
  },
  '83': {
    title: 'This fill was already paid',
    explanation: 'The plan had already paid a claim for the same prescription and fill on that date.',
    nextStep: 'Nothing to do: you are not charged twice.',
    action: null,
  },
  '85': PHARMACY_DATA,
  '87': {
    title: 'The pharmacy’s cancellation did not go through',
    explanation: 'The pharmacy tried to cancel or resend a claim we could not find.',
    nextStep: 'Nothing to do: the pharmacy checks its records.',
    action: null,
  },
  '99': SYSTEM,
  '3X': {
    title: 'We could not find that prior authorization',
    explanation: 'The prior authorization number the pharmacy sent is not on file.',
    nextStep: 'Check the status of your request, or ask your prescriber to submit one.',
    action: PRIOR_AUTH_PAGE,
  },
  '3Y': {
    title: 'The prior authorization was not approved',
    explanation: 'The request for this drug was denied, withdrawn or has been revoked.',
    nextStep:
      'You or your prescriber can appeal a denial, or ask your prescriber about a covered alternative.',
    action: PRIOR_AUTH_PAGE,
  },
  // Compound and segment structure: the pharmacy's data.
  EC: PHARMACY_DATA,
  ED: PHARMACY_DATA,
  EE: PHARMACY_DATA,
  EF: PHARMACY_DATA,
  EG: PHARMACY_DATA,
  RE: PHARMACY_DATA,
  TE: PHARMACY_DATA,
  PC: PHARMACY_DATA,
  PJ: PHARMACY_DATA,
  PK: PHARMACY_DATA,
  PP: PHARMACY_DATA,
  R7: PHARMACY_DATA,
  // Partial fills: the dispensing status and intended quantity/days the pharmacy sent.
  HD: PHARMACY_DATA,
  HF: PHARMACY_DATA,
  HG: PHARMACY_DATA,
};

/** True when the catalogue has its own entry for the code (the test's completeness check). */
export function hasMemberReason(code: string): boolean {
  return Object.hasOwn(REASONS, code);
}

/**
 * The member's explanation of one reject code. A field's own M/I code (the data dictionary's, e.g. DV or 23)
 * is about what the pharmacy sent, so any code not listed reads as a claim the pharmacy must correct.
 */
export function memberRejectReason(code: string, facts: RejectFacts = {}): MemberRejectReason {
  const entry = Object.hasOwn(REASONS, code) ? REASONS[code] : PHARMACY_DATA;
  const resolved = typeof entry === 'function' ? entry(facts) : (entry ?? PHARMACY_DATA);
  return { code, ...resolved };
}

/** The reasons of a rejected claim, one per distinct explanation (several M/I codes read as one). */
export function memberRejectReasons(codes: readonly string[], facts: RejectFacts = {}): MemberRejectReason[] {
  const seen = new Set<string>();
  const out: MemberRejectReason[] = [];
  for (const code of codes) {
    const reason = memberRejectReason(code, facts);
    if (seen.has(reason.title)) continue;
    seen.add(reason.title);
    out.push(reason);
  }
  return out;
}
