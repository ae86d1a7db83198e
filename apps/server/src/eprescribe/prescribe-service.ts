// Prescribers send new prescriptions electronically: the patient is identified by the member ID on their card and
// their date of birth, the drug by NDC; refills and the expiry follow the federal limits for controlled substances
// (which also need the prescriber's DEA registration). The prescription goes to home delivery unless a retail
// pharmacy is named; it may answer a member's "ask my doctor" request.
import {
  decryptField,
  FIELD_CONTEXTS,
  fieldKeyFromConfig,
  memberNumberIndex,
} from '@openpbm/db/field-crypto';
import {
  addDays,
  type DeaSchedule,
  localDateInTimeZone,
  maxRefillsAllowed,
  prescriptionExpiresOn,
} from '@openpbm/domain';
import type { NewPrescriptionRequest, PrescriberPrescriptionView } from '@openpbm/shared/transfers';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { notifyMember } from '../messages/notify';
import { prescriberScope } from '../platform/data-scope';
import { badRequest, forbidden, notFound } from '../platform/problem';
import { createPrescription, homeDeliveryPharmacyFor, productByNdc } from '../prescriptions/create';
import { recordAudit } from '../privacy/audit';
import { closeRequest, prescriberRequestsRepo } from './contact-service';
import { prescriberRepo, systemPrescribeRepo } from './prescribe-repo';

const SCHEDULES: Record<string, DeaSchedule> = {
  '2': 'II',
  '3': 'III',
  '4': 'IV',
  '5': 'V',
  II: 'II',
  III: 'III',
  IV: 'IV',
  V: 'V',
};

export async function sendPrescription(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  input: NewPrescriptionRequest,
): Promise<PrescriberPrescriptionView> {
  const scope = prescriberScope(principal);
  const { prescriberId } = scope;
  const db = deps.db.db;
  const system = systemPrescribeRepo(deps.db);
  const key = fieldKeyFromConfig(deps.config);
  const prescriber = await prescriberRepo(deps.db, scope).self();
  if (!prescriber) throw forbidden();

  const member = await system.memberByNumberIndex(memberNumberIndex(key, input.patient.memberNumber));
  if (
    !member ||
    decryptField(key, member.dateOfBirthEnc, FIELD_CONTEXTS.dateOfBirth) !== input.patient.dateOfBirth
  ) {
    throw notFound('No member matches this member ID and date of birth.');
  }
  const product = await productByNdc(db, input.ndc);
  if (!product)
    throw badRequest('Unknown NDC.', [{ field: 'ndc', message: 'This NDC is not in the drug list' }]);
  const schedule = product.dea_schedule ? (SCHEDULES[product.dea_schedule] ?? null) : null;
  if (schedule && !prescriber.dea) {
    throw forbidden('Controlled substances need a DEA registration on your prescriber record.');
  }
  const today = localDateInTimeZone(deps.now(), member.timeZone);
  const facts = {
    writtenDate: today,
    refillsAuthorized: input.refills,
    fillsDispensed: 0,
    deaSchedule: schedule,
  };
  if (input.refills > maxRefillsAllowed(facts)) {
    throw badRequest('Too many refills for this drug.', [
      { field: 'refills', message: `At most ${maxRefillsAllowed(facts)} refills are allowed for this drug` },
    ]);
  }
  const expiryDate = addDays(prescriptionExpiresOn(facts), -1);

  let pharmacy: { id: string; name: string } | null;
  if (input.pharmacyNcpdpId) {
    pharmacy = await system.pharmacyByNcpdpId(input.pharmacyNcpdpId);
    if (!pharmacy)
      throw badRequest('Unknown pharmacy.', [
        { field: 'pharmacyNcpdpId', message: 'No pharmacy with this NCPDP ID' },
      ]);
  } else {
    pharmacy = await homeDeliveryPharmacyFor(db, member.id);
    if (!pharmacy)
      throw badRequest('This member’s plan has no home delivery; name a pharmacy.', [
        { field: 'pharmacyNcpdpId', message: 'Enter the pharmacy’s NCPDP ID' },
      ]);
  }

  const requests = prescriberRequestsRepo(deps, principal);
  if (input.contactRequestId) {
    const request = (await requests.one(input.contactRequestId))?.request;
    if (!request || request.memberId !== member.id || request.status !== 'open') {
      throw badRequest('This request is not open for this patient.', [
        { field: 'contactRequestId', message: 'Not an open request of this patient' },
      ]);
    }
  }

  const now = deps.now();
  const created = await db.transaction(async (tx) => {
    const rx = await createPrescription(tx, {
      memberId: member.id,
      prescriberId,
      pharmacyId: pharmacy.id,
      ndc: product.ndc,
      drugGroupId: product.drug_group_id,
      quantityMilli: Math.round(input.quantity * 1000),
      daysSupply: input.daysSupply,
      directions: input.directions,
      refillsAuthorized: input.refills,
      refillsRemaining: input.refills,
      writtenDate: today,
      expiryDate,
      fillCount: 0,
      lastFillDate: null,
      origin: {
        kind: 'eprescribed',
        createdByUserId: principal.userId,
        ...(input.contactRequestId ? { contactRequestId: input.contactRequestId } : {}),
      },
      now,
    });
    if (input.contactRequestId)
      await closeRequest(deps, requests, input.contactRequestId, 'completed', null, rx.id, tx);
    return rx;
  });
  await recordAudit(
    db,
    {
      actorUserId: principal.userId,
      actorRole: principal.role,
      action: 'created',
      resourceType: 'prescription',
      resourceId: created.id,
      memberId: member.id,
      reason: 'treatment',
      ip,
      detail: { origin: 'eprescribed' },
    },
    now,
  );
  await notifyMember(deps, {
    kind: 'new_prescription',
    memberId: member.id,
    subject: 'You have a new prescription',
    body: `${prescriber.firstName} ${prescriber.lastName}, ${prescriber.credential} sent a new prescription for ${product.name} (Rx ${created.rxNumber}) to ${pharmacy.name}.`,
    portalPath: `/members/prescriptions/${created.id}`,
  });
  return {
    id: created.id,
    rxNumber: created.rxNumber,
    patientName: `${member.firstName} ${member.lastName}`,
    drugName: product.name,
    quantity: input.quantity,
    daysSupply: input.daysSupply,
    refills: input.refills,
    writtenDate: today,
    expiryDate,
    pharmacyName: pharmacy.name,
    status: 'active',
  };
}

/** The prescriber's own recent prescriptions (each patient's read audited). */
export async function prescriberPrescriptions(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
): Promise<PrescriberPrescriptionView[]> {
  const rows = await prescriberRepo(deps.db, prescriberScope(principal)).recentPrescriptions();
  for (const memberId of new Set(rows.map((r) => r.member_id))) {
    await recordAudit(
      deps.db.db,
      {
        actorUserId: principal.userId,
        actorRole: principal.role,
        action: 'viewed',
        resourceType: 'prescriptions',
        memberId,
        reason: 'treatment',
        ip,
      },
      deps.now(),
    );
  }
  return rows.map((r) => ({
    id: r.id,
    rxNumber: r.rx_number,
    patientName: `${r.first_name} ${r.last_name}`,
    drugName: r.drug_name,
    quantity: r.quantity_milli / 1000,
    daysSupply: r.days_supply,
    refills: r.refills_authorized,
    writtenDate: r.written_date,
    expiryDate: r.expiry_date,
    pharmacyName: r.pharmacy_name,
    status: r.status,
  }));
}
