// What every transaction family shares: the per-transaction environment, the field-crypto kit, the one context
// read, the claim row every stored transaction starts from, and the outcome builders. No policy of its own
// beyond the gate every member-bound transaction passes (signer, routing, cardholder).
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
import type { InvalidationBus } from '@openpbm/db/invalidation';
import { type DurResponseEntry, NO_CLAIM_AMOUNTS } from '@openpbm/db/schema/claims';
import { addDays, isLocalDate } from '@openpbm/domain';
import { buildResponse, type NcpdpRequest, parseResponse, type ResponseTransaction } from '@openpbm/ncpdp';
import type { Config } from '@openpbm/shared/config';
import {
  type MemberBenefitContext,
  type RawContext,
  toMemberBenefitContext,
} from '../benefits/member-benefit-context';
import { type RawClaimContext, selectClaimContext } from './claim-context-repo';
import { type ClaimRow, insertClaim } from './claim-write-repo';
import { ncpdpResponseFor, type TransactionOutcome } from './outcome';
import { type ReferenceCache, referenceCacheFor } from './reference-cache';
import { rejectDescription } from './reject-codes';
import type { Run } from './repo';
import { type ClaimSubmission, dispensingStatusOf, PROVIDER_ID_QUALIFIERS } from './submission';

export interface ClaimsServiceDeps {
  /** The database; its invalidation bus (when given) drops changed reference data at once. */
  db: { db: Database; invalidations?: InvalidationBus };
  config: Pick<Config, 'FIELD_ENCRYPTION_KEY'>;
  now: () => Date;
}

/** The pharmacy that signed the transmission (session principal or TCP shared secret). */
export interface SigningPharmacy {
  pharmacyId: string;
}

/** The database and field key every family needs, derived once per service. */
export interface ClaimsKit {
  /** The service's own deps (the prior-authorization engine gathers its facts with them). */
  deps: ClaimsServiceDeps;
  db: Database;
  /** Plan, drug, formulary and pharmacy data held in process (reference-cache.ts). */
  references: ReferenceCache;
  key: FieldKey;
  now: () => Date;
  encode: (bytes: Uint8Array, context: string) => string;
  decode: (stored: string, context: string) => Uint8Array;
}

export function claimsKit(deps: ClaimsServiceDeps): ClaimsKit {
  const key: FieldKey = fieldKeyFromConfig(deps.config);
  return {
    deps,
    db: deps.db.db,
    references: referenceCacheFor(deps.db.db, deps.db.invalidations),
    key,
    // Read at call time, as before the split: a caller may swap deps.now after creating the service.
    now: () => deps.now(),
    encode: (bytes, context) => encryptField(key, Buffer.from(bytes).toString('base64'), context),
    decode: (stored, context) => new Uint8Array(Buffer.from(decryptField(key, stored, context), 'base64')),
  };
}

/** Medication history read for refill-too-soon, DUR and step therapy. */
const HISTORY_DAYS = 400;
export const NOT_SIGNER = 'Service provider ID is not the signing pharmacy';
export const NO_ORIGINAL = 'No paid claim matches this Rx, fill and date';

export interface TransactionEnv {
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

/** The stored response bytes of this one transaction (what a duplicate submission gets back). */
export function storedResponse(kit: ClaimsKit, env: TransactionEnv, outcome: TransactionOutcome): string {
  const single: NcpdpRequest = {
    ...env.request,
    transactions: [env.request.transactions[env.index] ?? {}],
  };
  const bytes = buildResponse(ncpdpResponseFor(single, [outcome]));
  env.storedBytes = bytes;
  return kit.encode(bytes, FIELD_CONTEXTS.claimRawResponse);
}

export function claimRowBase(
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
    ...NO_CLAIM_AMOUNTS,
    usualAndCustomaryCents: s.usualAndCustomaryCents,
    authorizationNumber: null,
    rawRequestEnc: env.rawRequestEnc,
    rawResponseEnc: '',
    durResponse: null,
    reversalOfClaimId: null,
    receivedAt: env.receivedAt,
    dispensingStatus: dispensingStatusOf(s),
    intendedQuantityMilli: s.intendedQuantityMilli,
    intendedDaysSupply: s.intendedDaysSupply,
    partialOfClaimId: null,
  };
}

export async function storeRejected(
  kit: ClaimsKit,
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
  stored.rawResponseEnc = storedResponse(kit, env, withId);
  env.storedRow = stored;
  await insertClaim(run, stored);
  return withId;
}

/** Checks every transaction shares: the signer, the routing and the cardholder. */
export function gatekeep(
  s: ClaimSubmission,
  raw: RawClaimContext,
): { codes: string[]; messages: string[] } | null {
  if (!signs(s, raw.pharmacy)) return { codes: ['50'], messages: [NOT_SIGNER] };
  if (!isLocalDate(s.dateOfService)) return { codes: ['15'], messages: [] };
  if (!raw.binKnown) return { codes: ['1'], messages: ['BIN not processed here'] };
  if (!raw.pcnKnown) return { codes: ['4'], messages: ['Processor control number not on file for this BIN'] };
  if (!raw.planId) return { codes: ['6'], messages: ['Group ID not on file for this BIN/PCN'] };
  if (!s.cardholderId) return { codes: ['7'], messages: [] };
  if (!raw.cardholderFound) return { codes: ['52'], messages: ['Cardholder ID not on file'] };
  if (!raw.context) return { codes: ['53'], messages: ['Person code not on file for this cardholder'] };
  return null;
}

export const DOB_MISMATCH = 'Date of birth does not match the member on file';

/** The member's date of birth on file (decrypted), or null when none is stored. */
export function memberDateOfBirth(kit: ClaimsKit, raw: RawClaimContext): string | null {
  const enc = raw.memberDateOfBirthEnc;
  return enc ? decryptField(kit.key, enc, FIELD_CONTEXTS.dateOfBirth) : null;
}

/** A submitted 304-C4 that differs from the member's on file (reject 9); no date sent is not a mismatch. */
export function dateOfBirthMismatch(kit: ClaimsKit, s: ClaimSubmission, raw: RawClaimContext): boolean {
  if (!s.dateOfBirth || !raw.memberDateOfBirthEnc) return false;
  return memberDateOfBirth(kit, raw) !== s.dateOfBirth;
}

export async function readContext(
  kit: ClaimsKit,
  run: Run,
  s: ClaimSubmission,
  pharmacy: SigningPharmacy,
  bidx: string,
) {
  const dateOfService = isLocalDate(s.dateOfService) ? s.dateOfService : '1900-01-01';
  const raw = await selectClaimContext(run, kit.references, {
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
    dispensingStatus: dispensingStatusOf(s),
  });
  const ctx = raw.context
    ? toMemberBenefitContext(raw.context as RawContext, s.productId ? [{ ndc: s.productId }] : [])
    : null;
  return { raw, ctx };
}

/** The cardholder's blind index ('-' when absent, which matches no member). */
export function cardholderIndex(kit: ClaimsKit, s: ClaimSubmission): string {
  return memberNumberIndex(kit.key, s.cardholderId || '-');
}

/** The stored response transaction of a claim, with its status letter replaced (D or S). */
export function replayOf(
  kit: ClaimsKit,
  stored: string | null,
  statusLetter: 'D' | 'S',
): ResponseTransaction | undefined {
  if (!stored) return undefined;
  const transaction = parseResponse(kit.decode(stored, FIELD_CONTEXTS.claimRawResponse)).transactions[0];
  if (!transaction) return undefined;
  return { ...transaction, status: { ...transaction.status, transactionResponseStatus: statusLetter } };
}

/** The header's service provider (NPI with qualifier 01, NCPDP ID with 07) must be the signing pharmacy. */
export function signs(s: ClaimSubmission, pharmacy: RawClaimContext['pharmacy']): boolean {
  if (!pharmacy) return false;
  if (s.serviceProviderIdQualifier === PROVIDER_ID_QUALIFIERS.npi)
    return s.serviceProviderId === pharmacy.npi;
  if (s.serviceProviderIdQualifier === PROVIDER_ID_QUALIFIERS.ncpdp)
    return s.serviceProviderId === pharmacy.ncpdp_id;
  return false;
}

export function rejectedOutcome(
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

export function durEntry(d: TransactionOutcome['dur'][number]): DurResponseEntry {
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
    source: d.source,
  };
}

export function acceptedOutcome(s: ClaimSubmission, claimId: string | null): TransactionOutcome {
  return { ...rejectedOutcome(s, []), status: 'accepted', claimId };
}
