// Real-time claims adjudication (NCPDP D.0 E1/B1/B2/B3, P1-P4, N1-N3, S1-S3, C1-C3). Every transport (raw D.0 over HTTP,
// the JSON form, the TCP listener) hands a parsed request and the pharmacy that authenticated; each transaction
// is adjudicated and stored with its encrypted raw request and response, and one D.0 response answers the
// transmission.
//
// The transaction families live one per file (eligibility, billing, reversal, rebill, prior-authorization,
// information-reports, service-billing, controlled-substance-reports) over transaction-kit.ts; this file
// parses, dispatches and answers.
import { FIELD_CONTEXTS } from '@openpbm/db/field-crypto';
import {
  buildTransmissionRejection,
  checkStructure,
  type FieldFinding,
  NcpdpParseError,
  type NcpdpRequest,
  parseCheckedRequest,
  REJECT_CODE_OF_FIELD,
  rejectCodesOf,
  vendorSegmentIds,
} from '@openpbm/ncpdp';
import { billing } from './billing';
import type { ClaimRow } from './claim-write-repo';
import { controlledSubstanceReport } from './controlled-substance-reports';
import { eligibility } from './eligibility';
import { informationReport } from './information-reports';
import { ncpdpResponseBytes, type TransactionOutcome } from './outcome';
import { priorAuthorization } from './prior-authorization';
import { rebill } from './rebill';
import { isDuplicatePaidViolation, runOn } from './repo';
import { reversal } from './reversal';
import { ReversalRaced } from './reversal-repo';
import { serviceBilling } from './service-billing';
import { submissionOf } from './submission';
import {
  type ClaimsKit,
  type ClaimsServiceDeps,
  claimRowBase,
  claimsKit,
  rejectedOutcome,
  type SigningPharmacy,
  storeRejected,
  type TransactionEnv,
} from './transaction-kit';

export { authorizationNumberFor } from './billing';
export type { ClaimsServiceDeps, SigningPharmacy } from './transaction-kit';

export interface TransmissionResult {
  /** The D.0 response bytes. */
  response: Uint8Array;
  /** Null when the bytes could not be parsed (the response is then a transmission rejection). */
  request: NcpdpRequest | null;
  outcomes: TransactionOutcome[];
  /** Ids of segments the standard does not define (switch vendors'), for the transport to log. */
  vendorSegments: string[];
}

const MAX_ATTEMPTS = 3;
const SUPPORTED_CODES = new Set([
  'E1',
  'B1',
  'B2',
  'B3',
  'C1',
  'C2',
  'C3',
  'P1',
  'P2',
  'P3',
  'P4',
  'N1',
  'N2',
  'N3',
  'S1',
  'S2',
  'S3',
]);
/** The row a malformed transaction is stored as (a rebill as the billing it would make); none for the rest. */
const STORED_AS: Readonly<Record<string, ClaimRow['transactionCode']>> = {
  E1: 'E1',
  B1: 'B1',
  B3: 'B1',
  P1: 'B1',
  C1: 'C1',
  C3: 'C3',
  N1: 'N1',
  N3: 'N1',
  S1: 'S1',
  S3: 'S1',
};

export function createClaimsService(deps: ClaimsServiceDeps) {
  const kit: ClaimsKit = claimsKit(deps);

  /** Parses and processes a raw transmission; unparseable bytes get a D.0 transmission rejection. */
  async function processBytes(bytes: Uint8Array, pharmacy: SigningPharmacy): Promise<TransmissionResult> {
    let checked: ReturnType<typeof parseCheckedRequest>;
    try {
      checked = parseCheckedRequest(bytes);
    } catch (err) {
      if (!(err instanceof NcpdpParseError)) throw err;
      return {
        response: transmissionRejection(bytes, err),
        request: null,
        outcomes: [],
        vendorSegments: [],
      };
    }
    return processRequest(checked.request, bytes, pharmacy, checked.fieldRejects);
  }

  function transmissionRejection(bytes: Uint8Array, err: NcpdpParseError): Uint8Array {
    return buildTransmissionRejection({
      bytes,
      rejectCodes: err.rejectCodes ?? [parseErrorRejectCode(err)],
      // The parser's message names the field or byte and what is wrong, never a value.
      message: err.message.slice(0, 200),
      today: kit.now().toISOString().slice(0, 10),
    });
  }

  async function processRequest(
    request: NcpdpRequest,
    rawBytes: Uint8Array,
    pharmacy: SigningPharmacy,
    fieldRejects: FieldFinding[][] = [],
  ): Promise<TransmissionResult> {
    const receivedAt = kit.now();
    const rawRequestEnc = kit.encode(rawBytes, FIELD_CONTEXTS.claimRawRequest);
    const outcomes: TransactionOutcome[] = [];
    let stored: Uint8Array | undefined;
    for (let i = 0; i < request.transactions.length; i++) {
      const submission = submissionOf(request, i);
      const env: TransactionEnv = { request, index: i, submission, pharmacy, rawRequestEnc, receivedAt };
      const findings = fieldRejects[i] ?? [];
      outcomes.push(
        findings.length > 0
          ? await malformed(
              env,
              rejectCodesOf(findings),
              findings.map((f) => f.message),
            )
          : await processTransaction(env),
      );
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
        if (code === 'B1') return await billing(kit, env);
        if (code === 'B2') return await reversal(kit, env);
        if (code === 'B3') return await rebill(kit, env);
        if (code.startsWith('C')) return await controlledSubstanceReport(kit, env);
        if (code.startsWith('P')) return await priorAuthorization(kit, env);
        if (code.startsWith('N')) return await informationReport(kit, env);
        if (code.startsWith('S')) return await serviceBilling(kit, env);
        return await eligibility(kit, env);
      } catch (err) {
        // A concurrent identical submission or reversal won the race: answer again from what it stored.
        const raced = isDuplicatePaidViolation(err) || err instanceof ReversalRaced;
        if (!raced || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }

  /**
   * A required segment missing, a segment repeated, or a field that does not conform to the data dictionary:
   * rejected with the standard's code before any look-up.
   * Stored like any reject (a rebill as the rejected billing it would have made), except a reversal, whose row
   * needs the claim it reverses, and a P3/P4, which bill nothing.
   */
  async function malformed(
    env: TransactionEnv,
    codes: string[],
    messages: string[] = [],
  ): Promise<TransactionOutcome> {
    const outcome = rejectedOutcome(env.submission, codes, messages);
    const stored = STORED_AS[env.submission.transactionCode];
    if (!stored) return outcome;
    const row: ClaimRow = { ...claimRowBase(env, null, null), transactionCode: stored };
    return storeRejected(kit, runOn(kit.db), env, row, outcome);
  }

  return { processBytes, processRequest };
}

export type ClaimsService = ReturnType<typeof createClaimsService>;

/** Vendor segments are logged by id only: their values may be health data. */
export function logVendorSegments(log: { info: (obj: object, msg: string) => void }, ids: string[]): void {
  if (ids.length > 0)
    log.info({ event: 'ncpdp_vendor_segments', segments: ids }, 'NCPDP vendor segments kept');
}

/** The closest NCPDP code for a transmission the parser refused. */
function parseErrorRejectCode(err: NcpdpParseError): string {
  if (err.code === 'UNSUPPORTED_VERSION') return '2';
  if (err.code === 'TRANSACTION_COUNT_MISMATCH' || err.code === 'TOO_MANY_TRANSACTIONS') return 'A9';
  const field = err.field ?? '';
  const byHeaderField: Record<string, string> = {
    bin: '1',
    version: '2',
    transactionCode: '3',
    processorControlNumber: '4',
    serviceProviderId: '5',
    dateOfService: '15',
  };
  if (byHeaderField[field]) return byHeaderField[field];
  // A segment field the typed layer refused: its own M/I code (its id for the fields named after it).
  if (err.segment && /^[0-9A-Z]{2}$/.test(field)) return REJECT_CODE_OF_FIELD[field] ?? field;
  return '85';
}
