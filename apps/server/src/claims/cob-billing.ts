// Coordination of benefits and 420-DK overrides in a B1: the gate (41 "bill the primary payer first" with its
// AM28 data; a secondary claim's COB segment checked), the secondary's amounts after the other payer, and the
// rows a paid claim writes beside itself (other payments, overrides used) in the same transaction.
import { newId } from '@openpbm/db';
import { decryptField, FIELD_CONTEXTS } from '@openpbm/db/field-crypto';
import {
  type AdjudicationResult,
  type CostShareResult,
  clarificationOverrideOf,
  isSecondaryClaim,
  otherCoverageInForce,
  primaryPayerFirst,
  secondaryPayment,
} from '@openpbm/domain';
import {
  otherPayerAmountPaid,
  otherPayerPatientResponsibility,
  type ResponseOtherPayer,
} from '@openpbm/ncpdp';
import type { NamedStatement } from '../platform/named-query';
import type { RawClaimContext } from './claim-context-repo';
import type { ClaimRow } from './claim-write-repo';
import type { OtherCoverageRow } from './cob-context-sql';
import type { Run } from './repo';
import type { ClaimSubmission } from './submission';
import type { ClaimsKit } from './transaction-kit';

const cut = (value: string | null, max: number) => (value ? value.slice(0, max) : undefined);

/** AM28 occurrences for other coverage rows (340-7C is the BIN: 339-6C 03). */
export function responseOtherPayers(kit: ClaimsKit, rows: readonly OtherCoverageRow[]): ResponseOtherPayer[] {
  return rows.slice(0, 3).map((row) => {
    const payer: ResponseOtherPayer = {
      coverageType: row.coverage_type,
      idQualifier: '03',
      id: row.bin,
      cardholderId: cut(
        decryptField(kit.key, row.cardholder_id_enc, FIELD_CONTEXTS.otherCoverageCardholderId),
        20,
      ),
      benefitEffectiveDate: row.effective_date,
    };
    const optional: Partial<ResponseOtherPayer> = {
      processorControlNumber: cut(row.pcn, 10),
      groupId: cut(row.group_id, 15),
      personCode: cut(row.person_code, 3),
      helpDeskPhoneNumber: cut(row.help_desk_phone?.replace(/\D/g, '') ?? null, 18),
      benefitTerminationDate: row.termination_date ?? undefined,
    };
    for (const [k, v] of Object.entries(optional)) if (v) (payer as Record<string, unknown>)[k] = v;
    return payer;
  });
}

/** Other coverage in force on the date of service, as AM28 tells it. */
export function otherPayersInForce(kit: ClaimsKit, s: ClaimSubmission, raw: RawClaimContext) {
  return responseOtherPayers(kit, otherCoverageInForce(otherCoverageOf(raw), s.dateOfService));
}

function otherCoverageOf(raw: RawClaimContext) {
  return (raw.otherCoverage ?? []).map((row) => ({
    ...row,
    coverageType: row.coverage_type,
    effectiveDate: row.effective_date,
    terminationDate: row.termination_date,
  }));
}

export interface CobRejection {
  codes: string[];
  messages: string[];
  otherPayers?: ResponseOtherPayer[];
}

/**
 * A claim billed to this plan as primary while another payer is primary: 41, with that payer in AM28. A secondary
 * claim (308-C8 2, 3, 4, 8) needs its COB/Other Payments segment, well formed (each bad field its own code).
 */
export function coordinationGate(
  kit: ClaimsKit,
  s: ClaimSubmission,
  raw: RawClaimContext,
): CobRejection | null {
  if (!isSecondaryClaim(s.otherCoverageCode)) {
    const primary = primaryPayerFirst(otherCoverageOf(raw), s.dateOfService);
    if (!primary) return null;
    return {
      codes: ['41'],
      messages: [`Submit to the primary payer first: ${primary.payer_name}, BIN ${primary.bin}`],
      otherPayers: responseOtherPayers(kit, [primary]),
    };
  }
  if (!s.cob || s.cob.otherPayers.length === 0) {
    return {
      codes: ['13'],
      messages: [`Other coverage code ${s.otherCoverageCode} needs the COB/Other Payments segment (AM05)`],
    };
  }
  if (s.cob.findings.length > 0) {
    return { codes: s.cob.findings.map((f) => f.field), messages: s.cob.findings.map((f) => f.message) };
  }
  return null;
}

/**
 * A secondary claim's shares: this plan pays at most the patient responsibility the other payer left, and no
 * more than its own benefit would; what the member pays counts toward the accumulators no further than the
 * own benefit's share did (so the limits still hold).
 */
export function secondaryShare(
  s: ClaimSubmission,
  allowedCents: number,
  own: CostShareResult,
): { share: CostShareResult; otherPaidCents: number } | null {
  if (!isSecondaryClaim(s.otherCoverageCode) || !s.cob) return null;
  const otherPaidCents = otherPayerAmountPaid(s.cob);
  const pay = secondaryPayment({
    allowedCents,
    ownPatientPayCents: own.patientPayCents,
    otherPaidCents,
    otherPatientResponsibilityCents: otherPayerPatientResponsibility(s.cob),
  });
  const oop = Math.min(pay.patientPayCents, own.appliedToOopCents);
  const deductible = Math.min(own.appliedToDeductibleCents, oop);
  const rest = pay.patientPayCents - deductible;
  const share: CostShareResult = {
    ...own,
    patientPayCents: pay.patientPayCents,
    planPayCents: pay.planPayCents,
    appliedToDeductibleCents: deductible,
    appliedToOopCents: oop,
    components: {
      deductibleCents: deductible,
      copayCents: own.components.coinsuranceCents > 0 ? 0 : rest,
      coinsuranceCents: own.components.coinsuranceCents > 0 ? rest : 0,
    },
    accumulatorDelta: { deductibleCents: deductible, oopCents: oop },
  };
  return { share, otherPaidCents };
}

/** A B1 whose paid claim writes rows beside it, so it takes the locked path (one transaction). */
export function writesBesideClaim(s: ClaimSubmission): boolean {
  return s.cob !== null || clarificationOverrideOf(s.submissionClarificationCodes) !== null;
}

const INSERT_OTHER_PAYMENT: NamedStatement = {
  name: 'claim_other_payment_insert_v1',
  text: `insert into claim_other_payments (id, claim_id, coverage_type, payer_id_qualifier, payer_id, payer_date,
    amount_paid_cents, patient_responsibility_cents, reject_codes)
  values ($1::uuid, $2::uuid, $3, $4, $5, $6::date, $7::int, $8::int, $9::text[])`,
};

const INSERT_OVERRIDE: NamedStatement = {
  name: 'claim_override_insert_v1',
  text: `insert into claim_overrides (id, claim_id, member_id, drug_group_id, pharmacy_id, clarification_code,
    overridden_reject_code, date_of_service, prior_uses)
  values ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::uuid, $6, '79', $7::date, $8::int)`,
};

/** The other payments a secondary claim reported and the override it used, beside the paid claim. */
export async function writeBesideClaim(
  run: Run,
  paid: ClaimRow,
  s: ClaimSubmission,
  result: AdjudicationResult,
): Promise<void> {
  for (const payer of s.cob?.otherPayers ?? []) {
    const responsibility = payer.patientResponsibility.length
      ? payer.patientResponsibility.reduce((sum, a) => sum + a.amountCents, 0)
      : null;
    await run(INSERT_OTHER_PAYMENT, [
      newId(),
      paid.id,
      payer.coverageType,
      payer.idQualifier ?? null,
      payer.id ?? null,
      payer.date ?? null,
      payer.amountsPaid.reduce((sum, a) => sum + a.amountCents, 0),
      responsibility,
      payer.rejectCodes,
    ]);
  }
  const override = result.clarificationOverride;
  if (override?.allowed && paid.memberId && paid.drugGroupId) {
    await run(INSERT_OVERRIDE, [
      newId(),
      paid.id,
      paid.memberId,
      paid.drugGroupId,
      paid.pharmacyId,
      override.code,
      paid.dateOfService,
      override.priorUses,
    ]);
  }
}
