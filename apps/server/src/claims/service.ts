// Real-time claims adjudication (NCPDP D.0 E1/B1/B2/B3, C1-C3 reports). Every transport (raw D.0 over HTTP,
// the JSON form, the TCP listener) hands a parsed request and the pharmacy that authenticated; each transaction
// is adjudicated and stored with its encrypted raw request and response, and one D.0 response answers the
// transmission.
import type { Database } from '@openpbm/db';
import { newId } from '@openpbm/db';
import {
  decryptField,
  encryptField,
  FIELD_CONTEXTS,
  type FieldKey,
  fieldKeyFromConfig,
  memberNumberIndex,
} from '@openpbm/db/field-crypto';
import type { DurResponseEntry } from '@openpbm/db/schema/claims';
import {
  addDays,
  adjudicate,
  applyAccumulatorDelta,
  checkEligibility,
  isLocalDate,
  remainingLimits,
} from '@openpbm/domain';
import {
  buildResponse,
  buildTransmissionRejection,
  checkStructure,
  NcpdpParseError,
  type NcpdpRequest,
  parseRequest,
  parseResponse,
  type ResponseTransaction,
  vendorSegmentIds,
} from '@openpbm/ncpdp';
import type { Config } from '@openpbm/shared/config';
import {
  type MemberBenefitContext,
  type RawContext,
  toMemberBenefitContext,
} from '../benefits/member-benefit-context';
import { adjudicationInput, channelOf, isInNetwork } from './adjudication-input';
import { ncpdpResponseBytes, ncpdpResponseFor, type TransactionOutcome } from './outcome';
import { rejectDescription } from './reject-codes';
import {
  AccumulatorConflict,
  type ClaimRow,
  ensurePlanYear,
  findReport,
  findReversibleClaim,
  insertClaim,
  isDuplicatePaidViolation,
  lockFamily,
  lockFamilyOfClaim,
  payClaim,
  type RawClaimContext,
  ReversalRaced,
  type ReversibleClaim,
  type Run,
  reverseClaim,
  runOn,
  type StoredClaimSummary,
  selectClaimContext,
  withdrawReport,
  withTransaction,
} from './repo';
import { type ClaimSubmission, PROVIDER_ID_QUALIFIERS, submissionOf } from './submission';

export interface ClaimsServiceDeps {
  db: { db: Database };
  config: Pick<Config, 'FIELD_ENCRYPTION_KEY'>;
  now: () => Date;
}

/** The pharmacy that signed the transmission (session principal or TCP shared secret). */
export interface SigningPharmacy {
  pharmacyId: string;
}

export interface TransmissionResult {
  /** The D.0 response bytes. */
  response: Uint8Array;
  /** Null when the bytes could not be parsed (the response is then a transmission rejection). */
  request: NcpdpRequest | null;
  outcomes: TransactionOutcome[];
  /** Ids of segments the standard does not define (switch vendors'), for the transport to log. */
  vendorSegments: string[];
}

/** Medication history read for refill-too-soon, DUR and step therapy. */
const HISTORY_DAYS = 400;
const MAX_ATTEMPTS = 3;
/** Lock-free tries before a B1 waits on its family's lock instead (claims of one family arriving together). */
const OPTIMISTIC_ATTEMPTS = 2;
const MAX_BILLING_ATTEMPTS = 5;

export function createClaimsService(deps: ClaimsServiceDeps) {
  const db = deps.db.db;
  const key: FieldKey = fieldKeyFromConfig(deps.config);
  const encode = (bytes: Uint8Array, context: string) =>
    encryptField(key, Buffer.from(bytes).toString('base64'), context);
  const decode = (stored: string, context: string) =>
    new Uint8Array(Buffer.from(decryptField(key, stored, context), 'base64'));

  /** Parses and processes a raw transmission; unparseable bytes get a D.0 transmission rejection. */
  async function processBytes(bytes: Uint8Array, pharmacy: SigningPharmacy): Promise<TransmissionResult> {
    let request: NcpdpRequest;
    try {
      request = parseRequest(bytes);
    } catch (err) {
      if (!(err instanceof NcpdpParseError)) throw err;
      return {
        response: transmissionRejection(bytes, err),
        request: null,
        outcomes: [],
        vendorSegments: [],
      };
    }
    return processRequest(request, bytes, pharmacy);
  }

  function transmissionRejection(bytes: Uint8Array, err: NcpdpParseError): Uint8Array {
    return buildTransmissionRejection({
      bytes,
      rejectCodes: [parseErrorRejectCode(err)],
      message: `Unreadable transmission: ${err.code}`.slice(0, 200),
      today: deps.now().toISOString().slice(0, 10),
    });
  }

  async function processRequest(
    request: NcpdpRequest,
    rawBytes: Uint8Array,
    pharmacy: SigningPharmacy,
  ): Promise<TransmissionResult> {
    const receivedAt = deps.now();
    const rawRequestEnc = encode(rawBytes, FIELD_CONTEXTS.claimRawRequest);
    const outcomes: TransactionOutcome[] = [];
    let stored: Uint8Array | undefined;
    for (let i = 0; i < request.transactions.length; i++) {
      const submission = submissionOf(request, i);
      const env: TransactionEnv = { request, index: i, submission, pharmacy, rawRequestEnc, receivedAt };
      outcomes.push(await processTransaction(env));
      stored = env.storedBytes;
    }
    // A one-transaction transmission is answered with exactly the response stored with its claim.
    const single = outcomes.length === 1 && stored !== undefined && !outcomes[0]?.replay;
    return {
      response: single && stored ? stored : ncpdpResponseBytes(request, outcomes),
      request,
      outcomes,
      vendorSegments: vendorSegmentIds(request),
    };
  }

  interface TransactionEnv {
    request: NcpdpRequest;
    index: number;
    submission: ClaimSubmission;
    pharmacy: SigningPharmacy;
    rawRequestEnc: string;
    receivedAt: Date;
    /** The response bytes last stored for this transaction (reused as the answer). */
    storedBytes?: Uint8Array;
    /** The rejected row last stored for this transaction (a rejected rebill stores it again after rollback). */
    storedRow?: ClaimRow;
  }

  async function processTransaction(env: TransactionEnv): Promise<TransactionOutcome> {
    const code = env.submission.transactionCode;
    for (let attempt = 1; ; attempt++) {
      env.storedBytes = undefined;
      try {
        if (!SUPPORTED_CODES.has(code)) {
          return rejectedOutcome(env.submission, ['3'], [`Transaction ${code} is not supported`]);
        }
        const structure = checkStructure(env.request, env.index).rejectCodes;
        if (structure.length > 0) return await malformed(env, structure);
        if (code === 'B1') return await billing(env);
        if (code === 'B2') return await reversal(env);
        if (code === 'B3') return await rebill(env);
        if (code.startsWith('C')) return await controlledSubstanceReport(env);
        return await eligibility(env);
      } catch (err) {
        // A concurrent identical submission or reversal won the race: answer again from what it stored.
        const raced = isDuplicatePaidViolation(err) || err instanceof ReversalRaced;
        if (!raced || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }

  /** The stored response bytes of this one transaction (what a duplicate submission gets back). */
  function storedResponse(env: TransactionEnv, outcome: TransactionOutcome): string {
    const single: NcpdpRequest = {
      ...env.request,
      transactions: [env.request.transactions[env.index] ?? {}],
    };
    const bytes = buildResponse(ncpdpResponseFor(single, [outcome]));
    env.storedBytes = bytes;
    return encode(bytes, FIELD_CONTEXTS.claimRawResponse);
  }

  function claimRowBase(
    env: TransactionEnv,
    raw: RawClaimContext | null,
    ctx: MemberBenefitContext | null,
  ): ClaimRow {
    const s = env.submission;
    return {
      id: newId(),
      transactionCode: s.transactionCode as ClaimRow['transactionCode'],
      bin: s.bin,
      pcn: s.pcn,
      rxGroup: s.group,
      serviceProviderId: s.serviceProviderId,
      pharmacyId: raw?.pharmacy ? raw.pharmacy.id : null,
      memberId: ctx?.member.id ?? null,
      clientId: ctx?.member.clientId ?? null,
      planId: raw?.planId ?? null,
      planYearId: ctx?.planYear?.id ?? null,
      prescriptionId: raw?.prescriptionId ?? null,
      prescriberId: raw?.prescriberId ?? null,
      rxNumber: s.rxNumber,
      fillNumber: s.fillNumber,
      ndc: s.productId && /^\d{11}$/.test(s.productId) ? s.productId : null,
      drugGroupId: ctx?.drugs[0]?.drugGroupId ?? null,
      quantityMilli: s.quantityMilli,
      daysSupply: s.daysSupply,
      dateOfService: s.dateOfService,
      status: 'rejected',
      rejectCodes: [],
      tier: null,
      channel: null,
      ingredientCostCents: 0,
      dispensingFeeCents: 0,
      patientPayCents: 0,
      planPayCents: 0,
      appliedToDeductibleCents: 0,
      appliedToOopCents: 0,
      authorizationNumber: null,
      rawRequestEnc: env.rawRequestEnc,
      rawResponseEnc: '',
      durResponse: null,
      reversalOfClaimId: null,
      receivedAt: env.receivedAt,
    };
  }

  async function storeRejected(
    run: Run,
    env: TransactionEnv,
    row: ClaimRow,
    outcome: TransactionOutcome,
  ): Promise<TransactionOutcome> {
    const stored: ClaimRow = {
      ...row,
      status: 'rejected',
      rejectCodes: outcome.rejectCodes,
      durResponse: outcome.dur.length ? outcome.dur.map(durEntry) : null,
      rawResponseEnc: '',
    };
    const withId = { ...outcome, claimId: stored.id };
    stored.rawResponseEnc = storedResponse(env, withId);
    env.storedRow = stored;
    await insertClaim(run, stored);
    return withId;
  }

  /**
   * A required segment missing or a segment repeated: rejected with the standard's code before any look-up.
   * Stored like any reject (a B3 as the rejected B1 it would have billed), except a B2 or C2, whose row needs
   * the claim it reverses.
   */
  async function malformed(env: TransactionEnv, codes: string[]): Promise<TransactionOutcome> {
    const outcome = rejectedOutcome(env.submission, codes);
    const code = env.submission.transactionCode;
    if (code === 'B2' || code === 'C2') return outcome;
    const stored = (code === 'B3' ? 'B1' : code) as ClaimRow['transactionCode'];
    const row: ClaimRow = { ...claimRowBase(env, null, null), transactionCode: stored };
    return storeRejected(runOn(db), env, row, outcome);
  }

  /** Checks every transaction shares: the signer, the routing and the cardholder. */
  function gatekeep(
    s: ClaimSubmission,
    raw: RawClaimContext,
  ): { codes: string[]; messages: string[] } | null {
    if (!signs(s, raw.pharmacy)) return { codes: ['50'], messages: [NOT_SIGNER] };
    if (!isLocalDate(s.dateOfService)) return { codes: ['15'], messages: [] };
    if (!raw.binKnown) return { codes: ['1'], messages: ['BIN not processed here'] };
    if (!raw.pcnKnown)
      return { codes: ['4'], messages: ['Processor control number not on file for this BIN'] };
    if (!raw.planId) return { codes: ['6'], messages: ['Group ID not on file for this BIN/PCN'] };
    if (!s.cardholderId) return { codes: ['7'], messages: [] };
    if (!raw.cardholderFound) return { codes: ['52'], messages: ['Cardholder ID not on file'] };
    if (!raw.context) return { codes: ['53'], messages: ['Person code not on file for this cardholder'] };
    return null;
  }

  async function readContext(run: Run, s: ClaimSubmission, pharmacy: SigningPharmacy, bidx: string) {
    const dateOfService = isLocalDate(s.dateOfService) ? s.dateOfService : '1900-01-01';
    const raw = await selectClaimContext(run, {
      memberNumberBidx: bidx,
      personCode: s.personCode,
      bin: s.bin,
      pcn: s.pcn,
      group: s.group,
      dateOfService,
      ndc: s.productId,
      pharmacyId: pharmacy.pharmacyId,
      serviceProviderId: s.serviceProviderId,
      rxNumber: s.rxNumber,
      fillNumber: s.fillNumber,
      historySince: addDays(dateOfService, -HISTORY_DAYS),
      prescriberNpi: s.prescriberNpi,
    });
    const ctx = raw.context
      ? toMemberBenefitContext(raw.context as RawContext, s.productId ? [{ ndc: s.productId }] : [])
      : null;
    return { raw, ctx };
  }

  // ---- B1 -------------------------------------------------------------------------------------------------

  async function billing(env: TransactionEnv): Promise<TransactionOutcome> {
    const bidx = memberNumberIndex(key, env.submission.cardholderId || '-');
    for (let attempt = 1; ; attempt++) {
      try {
        if (attempt <= OPTIMISTIC_ATTEMPTS) return await billOnce(runOn(db), env, bidx);
        // Contended family: queue behind the family lock; the reads then see every committed claim of it.
        return await withTransaction(db, async (run) => {
          await lockFamily(run, bidx);
          return billOnce(run, env, bidx);
        });
      } catch (err) {
        if (!(err instanceof AccumulatorConflict) || attempt >= MAX_BILLING_ATTEMPTS) throw err;
      }
    }
  }

  /** Reads, adjudicates and writes one B1; throws AccumulatorConflict when its read went stale. */
  async function billOnce(run: Run, env: TransactionEnv, bidx: string): Promise<TransactionOutcome> {
    const s = env.submission;
    env.storedBytes = undefined;
    const { raw, ctx } = await readContext(run, s, env.pharmacy, bidx);
    const row = claimRowBase(env, raw, ctx);
    const reject = (codes: string[], messages: string[] = []) =>
      storeRejected(run, env, row, rejectedOutcome(s, codes, messages, ctx?.plan?.customerServicePhone));

    const gate = gatekeep(s, raw);
    if (gate) return reject(gate.codes, gate.messages);
    if (!s.rxNumber) return reject(['16']);
    if (s.fillNumber === null) return reject(['17']);
    if (!ctx?.plan || !ctx.network || !raw.pharmacy) return reject(['85']);

    if (raw.duplicate) {
      if (sameClaim(raw.duplicate, row)) return duplicateOf(env, raw.duplicate);
      return reject(['83'], ['A paid claim with this Rx, fill and date already exists']);
    }

    const coverage = ctx.drugs[0];
    if (coverage?.product?.obsoleteDate && coverage.product.obsoleteDate < s.dateOfService) {
      return reject(['70'], ['Product is obsolete on the date of service']);
    }
    if (coverage?.product && !coverage.drug) return reject(['70'], ['No price on file for this product']);

    const codes: string[] = [];
    const messages: string[] = [];
    if (!isInNetwork(raw.pharmacy, raw.contract, s.dateOfService)) {
      codes.push('40');
      messages.push('Pharmacy not in the plan network on the date of service');
    }
    const channel = channelOf(raw.pharmacy, s.daysSupply ?? 0, ctx);
    const result = adjudicate(
      adjudicationInput({ submission: s, raw, ctx, pharmacy: raw.pharmacy, channel }),
    );
    codes.push(...result.rejectCodes);
    messages.push(...result.messages.map((m) => m.text));

    const base: TransactionOutcome = {
      ...rejectedOutcome(s, codes, messages, ctx.plan.customerServicePhone),
      tier: result.tier,
      channel,
      dur: result.dur,
      preferredAlternatives: result.preferredAlternatives,
      refillEligibleOn: result.refillEligibleOn,
      priorAuthorizationId: result.priorAuthorizationId,
    };
    if (codes.length > 0 || result.outcome !== 'paid' || !result.pricing || !result.costShare) {
      return storeRejected(run, env, { ...row, tier: result.tier, channel }, base);
    }

    const planYearId = ctx.planYear?.id ?? (await ensurePlanYear(run, ctx.plan.id, result.planYear));
    const pricing = result.pricing;
    const share = result.costShare;
    const after = remainingLimits(
      ctx.plan.benefit,
      ctx.eligibility.coverageLevel,
      applyAccumulatorDelta(ctx.accumulators.values, share.accumulatorDelta),
    );
    const authorizationNumber = authorizationNumberFor(row.id);
    const outcome: TransactionOutcome = {
      ...base,
      status: 'paid',
      claimId: row.id,
      authorizationNumber,
      rejectCodes: [],
      pricing: {
        ingredientCostPaidCents: pricing.ingredientCostPaidCents,
        dispensingFeePaidCents: pricing.dispensingFeePaidCents,
        totalPriceCents: pricing.totalPriceCents,
        patientPayCents: share.patientPayCents,
        planPayCents: share.planPayCents,
        appliedToDeductibleCents: share.appliedToDeductibleCents,
        appliedToOopCents: share.appliedToOopCents,
        copayCents: share.components.copayCents,
        coinsuranceCents: share.components.coinsuranceCents,
        basisOfReimbursementCode: pricing.basisOfReimbursementCode,
        accumulatedDeductibleCents:
          ctx.accumulators.values.individualDeductibleCents + share.accumulatorDelta.deductibleCents,
        remainingDeductibleCents: after.deductibleRemainingCents,
        remainingOopCents: after.oopRemainingCents,
      },
    };
    const paid: ClaimRow = {
      ...row,
      planYearId,
      status: 'paid',
      tier: result.tier,
      channel,
      ingredientCostCents: pricing.ingredientCostPaidCents,
      dispensingFeeCents: pricing.dispensingFeePaidCents,
      patientPayCents: share.patientPayCents,
      planPayCents: share.planPayCents,
      appliedToDeductibleCents: share.appliedToDeductibleCents,
      appliedToOopCents: share.appliedToOopCents,
      authorizationNumber,
      durResponse: result.dur.length ? result.dur.map(durEntry) : null,
      rawResponseEnc: storedResponse(env, outcome),
    };
    await payClaim(run, paid, {
      subscriberId: ctx.member.subscriberId,
      deltaDeductibleCents: share.accumulatorDelta.deductibleCents,
      deltaOopCents: share.accumulatorDelta.oopCents,
      familyVersion: ctx.accumulators.family?.version ?? 0,
      individualVersion: ctx.accumulators.individual?.version ?? 0,
    });
    return outcome;
  }

  /** A resubmission of a paid claim: the same member and fill facts. */
  function sameClaim(original: StoredClaimSummary, row: ClaimRow): boolean {
    return (
      original.member_id === row.memberId &&
      original.ndc === row.ndc &&
      original.quantity_milli === row.quantityMilli &&
      original.days_supply === row.daysSupply
    );
  }

  /** The stored response transaction of a claim, with its status letter replaced (D or S). */
  function replayOf(stored: string | null, statusLetter: 'D' | 'S'): ResponseTransaction | undefined {
    if (!stored) return undefined;
    const transaction = parseResponse(decode(stored, FIELD_CONTEXTS.claimRawResponse)).transactions[0];
    if (!transaction) return undefined;
    return { ...transaction, status: { ...transaction.status, transactionResponseStatus: statusLetter } };
  }

  /** NCPDP duplicate: the original response with its status turned into "duplicate of paid" (D). */
  function duplicateOf(env: TransactionEnv, original: StoredClaimSummary): TransactionOutcome {
    const s = env.submission;
    const replay = replayOf(original.raw_response_enc, 'D');
    const storedPricing = replay?.pricing;
    return {
      ...rejectedOutcome(s, []),
      status: 'duplicate-paid',
      claimId: original.id,
      authorizationNumber: original.authorization_number,
      rejectCodes: [],
      messages: (replay?.status?.additionalMessages ?? []).map((m) => m.text ?? ''),
      ndc: original.ndc,
      tier: original.tier,
      channel: original.channel,
      pricing: {
        ingredientCostPaidCents: original.ingredient_cost_cents,
        dispensingFeePaidCents: original.dispensing_fee_cents,
        totalPriceCents: original.ingredient_cost_cents + original.dispensing_fee_cents,
        patientPayCents: original.patient_pay_cents,
        planPayCents: original.plan_pay_cents,
        appliedToDeductibleCents: original.applied_to_deductible_cents,
        appliedToOopCents: original.applied_to_oop_cents,
        copayCents: storedPricing?.amountOfCopay ?? 0,
        coinsuranceCents: storedPricing?.amountOfCoinsurance ?? 0,
        basisOfReimbursementCode: storedPricing?.basisOfReimbursementDetermination ?? null,
        accumulatedDeductibleCents: storedPricing?.accumulatedDeductibleAmount ?? null,
        remainingDeductibleCents: storedPricing?.remainingDeductibleAmount ?? null,
        remainingOopCents: null,
      },
      ...(replay ? { replay } : {}),
    };
  }

  // ---- B2 -------------------------------------------------------------------------------------------------

  interface Original {
    raw: RawClaimContext;
    ctx: MemberBenefitContext | null;
    original: ReversibleClaim;
  }

  /** The B1 a B2 or B3 names (pharmacy, Rx, fill, date), or the reject that answers instead. */
  async function originalOf(run: Run, env: TransactionEnv): Promise<Original | TransactionOutcome> {
    const s = env.submission;
    const bidx = memberNumberIndex(key, s.cardholderId || '-');
    const { raw, ctx } = await readContext(run, s, env.pharmacy, bidx);
    if (!signs(s, raw.pharmacy)) return rejectedOutcome(s, ['50'], [NOT_SIGNER]);
    if (!s.rxNumber) return rejectedOutcome(s, ['16']);
    if (s.fillNumber === null) return rejectedOutcome(s, ['17']);
    const original = await findReversibleClaim(run, {
      serviceProviderId: s.serviceProviderId,
      rxNumber: s.rxNumber,
      fillNumber: s.fillNumber,
      dateOfService: s.dateOfService,
    });
    // A B2 row must point at the claim it reverses, so one that matches nothing is answered, not stored.
    if (!original) return rejectedOutcome(s, ['87'], [NO_ORIGINAL]);
    return { raw, ctx, original };
  }

  /** Marks the original reversed, takes its amounts off the accumulators and stores the B2 row. */
  async function reverseOriginal(
    run: Run,
    env: TransactionEnv,
    found: Original,
  ): Promise<TransactionOutcome> {
    const { raw, ctx, original } = found;
    await lockFamilyOfClaim(run, original.id);
    const outcome = acceptedOutcome(env.submission, null);
    const row: ClaimRow = {
      ...claimRowBase(env, raw, ctx),
      transactionCode: 'B2',
      memberId: original.member_id,
      planYearId: original.plan_year_id,
      pharmacyId: original.pharmacy_id,
      status: 'reversed',
      reversalOfClaimId: original.id,
    };
    outcome.claimId = row.id;
    row.rawResponseEnc = storedResponse(env, outcome);
    await reverseClaim(run, row, original.subscriber_id ?? original.member_id ?? '');
    return outcome;
  }

  async function reversal(env: TransactionEnv): Promise<TransactionOutcome> {
    return withTransaction(db, async (run) => {
      const found = await originalOf(run, env);
      if ('status' in found) return found;
      const { original } = found;
      if (original.status === 'reversed') {
        const replay = replayOf(original.reversal_response_enc, 'S');
        return {
          ...acceptedOutcome(env.submission, original.reversal_id),
          status: 'duplicate-accepted',
          ...(replay ? { replay } : {}),
        };
      }
      return reverseOriginal(run, env, found);
    });
  }

  // ---- B3 -------------------------------------------------------------------------------------------------

  /**
   * Rebill: reverse the paid original and bill the corrected claim, all or nothing, under the family lock.
   * Stored as the B2 that reverses the original and the B1 that replaces it (both keep the B3's raw request,
   * so the pair stays one rebill); a rejected rebill leaves the original paid and is stored as a rejected B1.
   */
  async function rebill(env: TransactionEnv): Promise<TransactionOutcome> {
    const billing: TransactionEnv = { ...env, submission: { ...env.submission, transactionCode: 'B1' } };
    const answer = (o: TransactionOutcome): TransactionOutcome => {
      env.storedBytes = billing.storedBytes;
      return { ...o, transactionCode: 'B3' };
    };
    try {
      const outcome = await withTransaction(db, async (run) => {
        const found = await originalOf(run, env);
        if ('status' in found) return found;
        if (found.original.status !== 'paid') return rejectedOutcome(env.submission, ['87'], [NO_ORIGINAL]);
        await reverseOriginal(run, { ...env }, found);
        const billed = await billOnce(
          run,
          billing,
          memberNumberIndex(key, env.submission.cardholderId || '-'),
        );
        if (billed.status !== 'paid') throw new RebillRejected(billed);
        return billed;
      });
      return answer(outcome);
    } catch (err) {
      if (!(err instanceof RebillRejected)) throw err;
      // The transaction rolled back the reversal and the reject row with it; the reject is stored on its own.
      if (billing.storedRow) await insertClaim(runOn(db), billing.storedRow);
      return answer(err.outcome);
    }
  }

  function acceptedOutcome(s: ClaimSubmission, claimId: string | null): TransactionOutcome {
    return { ...rejectedOutcome(s, []), status: 'accepted', claimId };
  }

  // ---- C1-C3 --------------------------------------------------------------------------------------------

  /**
   * Controlled substance reporting: accept, store, acknowledge (501-F1 A, 112-AN A). Nothing is adjudicated or
   * paid. A C1 is stored 'captured'; a C2 reverses the report in force for the same pharmacy, Rx, fill and
   * date (stored 'reversed', pointing at it); a C3 replaces it. C2/C3 with no report in force: 87, not stored.
   * No member is linked, so reports stay out of member claim history.
   */
  async function controlledSubstanceReport(env: TransactionEnv): Promise<TransactionOutcome> {
    const s = env.submission;
    const code = s.transactionCode as 'C1' | 'C2' | 'C3';
    return withTransaction(db, async (run) => {
      const { raw } = await readContext(run, s, env.pharmacy, memberNumberIndex(key, s.cardholderId || '-'));
      if (!signs(s, raw.pharmacy)) return rejectedOutcome(s, ['50'], [NOT_SIGNER]);
      if (!s.rxNumber) return rejectedOutcome(s, ['16']);
      if (s.fillNumber === null) return rejectedOutcome(s, ['17']);
      const row: ClaimRow = {
        ...claimRowBase(env, raw, null),
        transactionCode: code,
        status: code === 'C2' ? 'reversed' : 'captured',
      };
      const outcome = acceptedOutcome(s, row.id);
      row.rawResponseEnc = storedResponse(env, outcome);
      if (code === 'C1') {
        await insertClaim(run, row);
        return outcome;
      }
      const keys = { ...s, rxNumber: s.rxNumber, fillNumber: s.fillNumber };
      const reportId = await findReport(run, keys);
      if (!reportId) {
        env.storedBytes = undefined;
        return rejectedOutcome(s, ['87'], ['No report in force for this Rx, fill and date']);
      }
      await withdrawReport(run, reportId, code === 'C2' ? { ...row, reversalOfClaimId: reportId } : row);
      return outcome;
    });
  }

  // ---- E1 -------------------------------------------------------------------------------------------------

  async function eligibility(env: TransactionEnv): Promise<TransactionOutcome> {
    const s = { ...env.submission, productId: null };
    const run = runOn(db);
    const bidx = memberNumberIndex(key, s.cardholderId || '-');
    const { raw, ctx } = await readContext(run, s, env.pharmacy, bidx);
    const row = { ...claimRowBase(env, raw, ctx), ndc: null, drugGroupId: null };
    const gate = gatekeep(s, raw);
    const phone = ctx?.plan?.customerServicePhone;
    if (gate) return storeRejected(run, env, row, rejectedOutcome(s, gate.codes, gate.messages, phone));
    if (!ctx?.plan) return storeRejected(run, env, row, rejectedOutcome(s, ['85'], [], phone));
    const notCovered = checkEligibility(ctx.eligibility.coverageSpans, s.dateOfService);
    if (notCovered)
      return storeRejected(run, env, row, rejectedOutcome(s, ['65'], [notCovered.message], phone));
    const outcome: TransactionOutcome = {
      ...rejectedOutcome(s, [], [], phone),
      status: 'accepted',
      claimId: row.id,
      eligibility: {
        planCode: ctx.plan.code,
        planName: ctx.plan.name,
        rxGroup: ctx.plan.rxGroup,
        cardholderId: s.cardholderId,
        firstName: ctx.member.firstName,
        lastName: ctx.member.lastName,
        dateOfBirth: raw.memberDateOfBirthEnc
          ? decryptField(key, raw.memberDateOfBirthEnc, FIELD_CONTEXTS.dateOfBirth)
          : null,
        coverageLevel: ctx.eligibility.coverageLevel,
      },
    };
    await insertClaim(run, { ...row, status: 'paid', rawResponseEnc: storedResponse(env, outcome) });
    return outcome;
  }

  return { processBytes, processRequest };
}

export type ClaimsService = ReturnType<typeof createClaimsService>;

/** Vendor segments are logged by id only: their values may be health data. */
export function logVendorSegments(log: { info: (obj: object, msg: string) => void }, ids: string[]): void {
  if (ids.length > 0)
    log.info({ event: 'ncpdp_vendor_segments', segments: ids }, 'NCPDP vendor segments kept');
}

const NOT_SIGNER = 'Service provider ID is not the signing pharmacy';
const SUPPORTED_CODES = new Set(['E1', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3']);
const NO_ORIGINAL = 'No paid claim matches this Rx, fill and date';

/** Aborts a rebill's transaction (undoing its reversal) and carries the rejected outcome out. */
class RebillRejected extends Error {
  constructor(readonly outcome: TransactionOutcome) {
    super('rebill rejected');
  }
}

/** The header's service provider (NPI with qualifier 01, NCPDP ID with 07) must be the signing pharmacy. */
function signs(s: ClaimSubmission, pharmacy: RawClaimContext['pharmacy']): boolean {
  if (!pharmacy) return false;
  if (s.serviceProviderIdQualifier === PROVIDER_ID_QUALIFIERS.npi)
    return s.serviceProviderId === pharmacy.npi;
  if (s.serviceProviderIdQualifier === PROVIDER_ID_QUALIFIERS.ncpdp)
    return s.serviceProviderId === pharmacy.ncpdp_id;
  return false;
}

function rejectedOutcome(
  s: ClaimSubmission,
  codes: string[],
  messages: string[] = [],
  helpDeskPhone?: string | null,
): TransactionOutcome {
  const unique = [...new Set(codes)];
  return {
    transactionCode: s.transactionCode,
    status: 'rejected',
    claimId: null,
    authorizationNumber: null,
    rejectCodes: unique,
    messages: messages.length ? messages : unique.map(rejectDescription),
    rxNumber: s.rxNumber,
    fillNumber: s.fillNumber,
    ndc: s.productId,
    tier: null,
    channel: null,
    pricing: null,
    dur: [],
    preferredAlternatives: [],
    refillEligibleOn: null,
    priorAuthorizationId: null,
    eligibility: null,
    helpDeskPhone: helpDeskPhone ?? null,
  };
}

function durEntry(d: TransactionOutcome['dur'][number]): DurResponseEntry {
  return {
    reasonForServiceCode: d.reasonForServiceCode,
    clinicalSignificanceCode: d.clinicalSignificanceCode,
    otherPharmacyIndicator: d.otherPharmacyIndicator,
    previousDateOfFill: d.previousDateOfFill,
    quantityOfPreviousFillMilli: d.quantityOfPreviousFillMilli,
    freeText: d.freeText,
    additionalText: d.additionalText,
    conflictingNdc: d.conflictingNdc,
    disposition: d.disposition,
  };
}

/** 503-F3: 20 characters; the claim's UUIDv7 without its timestamp prefix (74 random bits) keeps it unique. */
export function authorizationNumberFor(claimId: string): string {
  return claimId.replace(/-/g, '').slice(12).toUpperCase();
}

/** The closest NCPDP code for a transmission the parser refused. */
function parseErrorRejectCode(err: NcpdpParseError): string {
  if (err.code === 'UNSUPPORTED_VERSION') return '2';
  const field = err.field ?? '';
  const byField: Record<string, string> = {
    bin: '1',
    version: '2',
    transactionCode: '3',
    processorControlNumber: '4',
    serviceProviderId: '5',
    dateOfService: '15',
    D7: '21',
    E7: 'E7',
    D5: '19',
    D2: '16',
    D3: '17',
  };
  return byField[field] ?? '85';
}
