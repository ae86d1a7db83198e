// Billing a home-delivery fill the way any pharmacy does: one NCPDP D.0 B1 per order item, sent by the
// home-delivery pharmacy (its NPI) to the member's plan (BIN/PCN/group), adjudicated in-process by the same claims
// service as POST /api/claims (so accumulators, claims history, DUR and dedupe all apply). B2 takes the claims
// back when the fill cannot complete. The submitted prices come from the drug price data the checkout quote uses.
import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { buildRequest } from '@openpbm/ncpdp';
import type { AppDeps } from '../app-deps';
import { loadMemberBenefitContext } from '../benefits/member-benefit-context';
import { estimatedSubmission } from '../benefits/quote';
import { rejectDescription } from '../claims/reject-codes';
import { type ClaimForm, requestFromForm } from '../claims/schemas';
import { createClaimsService } from '../claims/service';
import { HOME_DELIVERY_CHANNEL } from '../orders/pricing';
import { InvariantBroken } from '../platform/internal-errors';
import * as repo from './fill-repo';

const CLAIM_REJECTED = 'The plan rejected the claim for';

/** An exception from a rejected claim: what the pharmacist verified no longer bills as it is. */
export const isClaimRejection = (exceptionReason: string | null): boolean =>
  exceptionReason?.startsWith(CLAIM_REJECTED) ?? false;

/** One item's paid claim in this fill. */
export interface ItemClaim {
  prescriptionId: string;
  claimId: string;
  patientPayCents: number;
  /** The B1 as sent (a B2 reverses it with the same keys). */
  form: ClaimForm;
}

export type FillBilling =
  | { status: 'paid'; claims: ItemClaim[]; totalCents: number }
  /** `reason` names the Rx and the reject codes with their descriptions (for staff); nothing stays paid. */
  | { status: 'rejected'; reason: string };

/**
 * DUR/PPS codes for a conflict the pharmacist reviewed at verification: MR (medication review) and 1B (filled as
 * is). Without them the claim would reject 88 for a duplication or interaction the pharmacist already accepted.
 */
const REVIEWED = { professionalServiceCode: 'MR', resultOfServiceCode: '1B' } as const;

export interface BillArgs {
  orderId: string;
  memberId: string;
  pharmacyId: string;
  /** Date of service for new claims: today in the member's time zone. */
  today: string;
  /** DUR reason codes (TD, DD) the pharmacist reviewed, by prescription. */
  reviewedDur: Map<string, string[]>;
}

/** Bills every item in order; on the first reject, reverses what this fill already paid. */
export async function billFill(deps: AppDeps, args: BillArgs): Promise<FillBilling> {
  const forms = await claimForms(deps, args);
  if ('problem' in forms) return { status: 'rejected', reason: forms.problem };
  const claims = createClaimsService(deps);
  const signer = { pharmacyId: args.pharmacyId };
  const paid: ItemClaim[] = [];
  for (const { item, form } of forms.items) {
    const request = requestFromForm(form);
    const [outcome] = (await claims.processRequest(request, buildRequest(request), signer)).outcomes;
    const ok = outcome && (outcome.status === 'paid' || outcome.status === 'duplicate-paid');
    if (!ok || !outcome.claimId || !outcome.pricing) {
      await reverseFill(deps, args.orderId, args.pharmacyId, paid);
      const codes = outcome?.rejectCodes.length ? outcome.rejectCodes : ['85'];
      const named = codes.map((code) => `${code} ${rejectDescription(code)}`).join('; ');
      return { status: 'rejected', reason: `${CLAIM_REJECTED} Rx ${item.rx_number}: ${named}` };
    }
    // Kept at once, so a retry after a crash finds the claim (and its date of service) again.
    await repo.setItemClaim(deps.db.sql, args.orderId, item.prescription_id, outcome.claimId);
    paid.push({
      prescriptionId: item.prescription_id,
      claimId: outcome.claimId,
      patientPayCents: outcome.pricing.patientPayCents,
      form,
    });
  }
  return { status: 'paid', claims: paid, totalCents: paid.reduce((sum, c) => sum + c.patientPayCents, 0) };
}

/** B2 for each claim (accumulators go back); the items forget them, so the next fill bills afresh. */
export async function reverseFill(
  deps: AppDeps,
  orderId: string,
  pharmacyId: string,
  paid: ItemClaim[],
): Promise<void> {
  const claims = createClaimsService(deps);
  for (const claim of paid) {
    const { claim: line, ...rest } = claim.form;
    if (!line) continue;
    const request = requestFromForm({
      ...rest,
      transactionCode: 'B2',
      claim: { rxNumber: line.rxNumber, fillNumber: line.fillNumber, ...(line.ndc ? { ndc: line.ndc } : {}) },
    });
    const [outcome] = (await claims.processRequest(request, buildRequest(request), { pharmacyId })).outcomes;
    // 87: nothing paid to reverse (already reversed elsewhere) is as good as reversed.
    const reversed =
      outcome?.status === 'accepted' ||
      outcome?.status === 'duplicate-accepted' ||
      outcome?.rejectCodes.includes('87');
    if (!reversed) throw new InvariantBroken(`reversal of claim ${claim.claimId} was not accepted`);
    await repo.setItemClaim(deps.db.sql, orderId, claim.prescriptionId, null);
  }
}

type Forms = { items: Array<{ item: repo.BillableItem; form: ClaimForm }> } | { problem: string };

/** The B1 of every item, as the JSON claim form POST /api/claims takes. */
async function claimForms(deps: AppDeps, args: BillArgs): Promise<Forms> {
  const items = await repo.billableItems(deps.db.sql, args.orderId);
  const cardholder = await repo.cardholderOf(deps.db.sql, args.memberId);
  const pharmacy = await repo.pharmacyIds(deps.db.sql, args.pharmacyId);
  const context = await loadMemberBenefitContext(deps.db.db, {
    memberId: args.memberId,
    at: deps.now(),
    drugs: items.map((i) => ({ ndc: i.ndc })),
  });
  const plan = context?.plan;
  if (!cardholder || !pharmacy || !plan || !context?.eligibility.inForce) {
    return { problem: 'The member has no pharmacy coverage today, so the fill cannot be billed.' };
  }
  const key = fieldKeyFromConfig(deps.config);
  const dispensingFeeCents = context.network?.terms[HOME_DELIVERY_CHANNEL]?.dispensingFeeCents ?? 0;
  return {
    items: items.map((item, index) => {
      const drug = context.drugs[index]?.drug;
      const ingredientCostCents = drug
        ? estimatedSubmission(drug, item.quantity_milli).ingredientCostCents
        : 0;
      // A claim this fill already paid is sent again as it was (same date): the engine answers the duplicate.
      const dateOfService =
        item.claim_status === 'paid' && item.claim_date_of_service ? item.claim_date_of_service : args.today;
      const reviewed = args.reviewedDur.get(item.prescription_id) ?? [];
      const form: ClaimForm = {
        transactionCode: 'B1',
        bin: plan.bin,
        processorControlNumber: plan.pcn,
        groupId: plan.rxGroup,
        serviceProvider: { idQualifier: '01', id: pharmacy.npi },
        dateOfService,
        cardholder: {
          id: decryptField(key, cardholder.member_number_enc, FIELD_CONTEXTS.memberNumber),
          personCode: cardholder.person_code,
        },
        patient: {
          dateOfBirth: decryptField(key, cardholder.date_of_birth_enc, FIELD_CONTEXTS.dateOfBirth),
        },
        claim: {
          rxNumber: item.rx_number,
          fillNumber: item.fill_count,
          ndc: item.ndc,
          quantityDispensed: item.quantity_milli / 1000,
          daysSupply: item.days_supply,
          prescriberNpi: item.prescriber_npi,
          ingredientCostSubmittedCents: ingredientCostCents,
          dispensingFeeSubmittedCents: dispensingFeeCents,
          // The mail pharmacy's usual price is the benchmark price plus its fee: never below the contract rate.
          usualAndCustomaryCents: ingredientCostCents + dispensingFeeCents,
          grossAmountDueCents: ingredientCostCents + dispensingFeeCents,
          ...(reviewed.length
            ? { durOverrides: reviewed.map((reason) => ({ reasonForServiceCode: reason, ...REVIEWED })) }
            : {}),
        },
      };
      return { item, form };
    }),
  };
}
