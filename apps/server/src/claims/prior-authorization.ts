// P1-P4 prior authorization transactions, through the prior-authorization engine (../prior-auth):
// P1 request and billing: a case approved at once (from the member's own claims) then bills as a B1, answered
// with the case number in AM26; P4 request only: the case is approved or waits in the review queue (F, deferred);
// P3 inquiry: the case's status; P2 reversal: reverses the P1's billing as a B2 does (the approval stays).
import type { ResponsePriorAuthorizationSegment } from '@openpbm/ncpdp';
import { type CaseRow, findCaseForInquiry } from '../prior-auth/case-repo';
import { findPrescriberIdByNpi } from '../prior-auth/facts-repo';
import { requestFromPharmacy } from '../prior-auth/pharmacy-request-service';
import { billing } from './billing';
import type { TransactionOutcome } from './outcome';
import { runOn } from './repo';
import { reversal } from './reversal';
import {
  acceptedOutcome,
  type ClaimsKit,
  cardholderIndex,
  gatekeep,
  readContext,
  rejectedOutcome,
  type TransactionEnv,
} from './transaction-kit';

export async function priorAuthorization(kit: ClaimsKit, env: TransactionEnv): Promise<TransactionOutcome> {
  const code = env.submission.transactionCode;
  if (code === 'P2') return reversal(kit, env);
  const member = await memberOf(kit, env);
  if ('status' in member) return member;
  if (code === 'P3') return inquiry(kit, env, member);
  return request(kit, env, member, code === 'P1');
}

interface MemberFacts {
  memberId: string;
  drugGroupId: string | null;
  helpDeskPhone: string | null;
}

/** The gate every member-bound transaction passes (signer, routing, cardholder), then the drug's group. */
async function memberOf(kit: ClaimsKit, env: TransactionEnv): Promise<MemberFacts | TransactionOutcome> {
  const s = env.submission;
  const { raw, ctx } = await readContext(kit, runOn(kit.db), s, env.pharmacy, cardholderIndex(kit, s));
  const phone = ctx?.plan?.customerServicePhone ?? null;
  const gate = gatekeep(s, raw);
  if (gate) return rejectedOutcome(s, gate.codes, gate.messages, phone);
  if (!ctx) return rejectedOutcome(s, ['53'], [], phone);
  return { memberId: ctx.member.id, drugGroupId: ctx.drugs[0]?.drugGroupId ?? null, helpDeskPhone: phone };
}

async function request(
  kit: ClaimsKit,
  env: TransactionEnv,
  member: MemberFacts,
  bill: boolean,
): Promise<TransactionOutcome> {
  const s = env.submission;
  const reject = (codes: string[], messages: string[] = []) =>
    rejectedOutcome(s, codes, messages, member.helpDeskPhone);
  if (!member.drugGroupId) return reject(['21'], ['Product not on file']);
  if (!s.prescriberNpi) return reject(['25']);
  const prescriberId = await findPrescriberIdByNpi(kit.db, s.prescriberNpi);
  if (!prescriberId) return reject(['56'], ['Prescriber not on file']);
  const t = env.request.transactions[env.index] ?? {};
  const segment = t.priorAuthorization ?? {};
  const result = await requestFromPharmacy(kit.deps, {
    memberId: member.memberId,
    prescriberId,
    drugGroupId: member.drugGroupId,
    ndc: s.productId && /^\d{11}$/.test(s.productId) ? s.productId : null,
    dateOfService: s.dateOfService,
    quantityMilli: s.quantityMilli ?? 0,
    daysSupply: s.daysSupply ?? 0,
    diagnosisCodes: (t.clinical?.diagnoses ?? []).map((d) => d.code ?? '').filter(Boolean),
    segment: {
      requestType: segment.requestType ?? null,
      periodBegin: segment.requestPeriodBegin ?? null,
      periodEnd: segment.requestPeriodEnd ?? null,
      basisOfRequest: segment.basisOfRequest ?? null,
      supportingDocumentation: segment.supportingDocumentation ?? null,
    },
  });
  if (result.kind === 'not_covered') return reject(['65'], [result.message]);
  if (result.kind === 'not_needed' && !bill) {
    return {
      ...acceptedOutcome(s, null),
      messages: ['No prior authorization is needed for this drug'],
      helpDeskPhone: member.helpDeskPhone,
    };
  }
  const pa = result.kind === 'case' ? paSegment(result.row, kit.now()) : undefined;
  const withPa = (o: TransactionOutcome): TransactionOutcome => ({
    ...o,
    transactionCode: s.transactionCode,
    ...(pa ? { priorAuthorization: pa } : {}),
    ...(o.replay && pa ? { replay: { ...o.replay, priorAuthorization: pa } } : {}),
  });
  // P4 answers the case; a P1 whose case is not approved answers it too (deferred or denied), unbilled.
  if (result.kind === 'case' && (!bill || result.row.status !== 'approved')) {
    return withPa(caseAnswer(s, result.row));
  }
  // Approved (or no PA needed): billed as a B1, stored as one; the answer adds AM26.
  const billed = await billing(kit, { ...env, submission: { ...s, transactionCode: 'B1' } });
  return withPa(billed);
}

async function inquiry(
  kit: ClaimsKit,
  env: TransactionEnv,
  member: MemberFacts,
): Promise<TransactionOutcome> {
  const s = env.submission;
  const t = env.request.transactions[env.index] ?? {};
  const number =
    t.priorAuthorization?.priorAuthorizationNumberAssigned?.trim() ||
    t.claim?.priorAuthorizationNumberSubmitted?.trim() ||
    null;
  const row = await findCaseForInquiry(kit.db, {
    memberId: member.memberId,
    caseNumber: number,
    drugGroupId: member.drugGroupId,
  });
  if (!row) return rejectedOutcome(s, ['3X'], [], member.helpDeskPhone);
  return { ...caseAnswer(s, row), priorAuthorization: paSegment(row, kit.now()) };
}

/** A case as a D.0 answer: approved A, still open F (deferred), denied or ended R 3Y. */
function caseAnswer(s: TransactionEnv['submission'], row: CaseRow): TransactionOutcome {
  if (row.status === 'approved') return acceptedOutcome(s, null);
  if (row.status === 'denied' || row.status === 'withdrawn' || row.status === 'revoked') {
    return rejectedOutcome(s, ['3Y'], [`Prior authorization ${row.status}`]);
  }
  return {
    ...acceptedOutcome(s, null),
    status: 'deferred',
    messages: ['Prior authorization request pended for clinical review'],
  };
}

/** AM26: 498-PY the case number, 498-PR processed, 498-PS/PT the approval's dates, 498-RA its quantity. */
function paSegment(row: CaseRow, now: Date): ResponsePriorAuthorizationSegment {
  const segment: ResponsePriorAuthorizationSegment = {
    processedDate: (row.decidedAt ?? now).toISOString().slice(0, 10),
    numberAssigned: row.caseNumber.slice(0, 11),
  };
  if (row.status === 'approved') {
    if (row.effectiveFrom) segment.effectiveDate = row.effectiveFrom;
    if (row.effectiveTo) segment.expirationDate = row.effectiveTo;
    if (row.approvedQuantityMilli !== null) segment.quantity = row.approvedQuantityMilli;
  }
  return segment;
}
