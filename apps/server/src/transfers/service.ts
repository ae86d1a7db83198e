// Transfers to home delivery. A member asks for a retail prescription (one from their prescriptions list, a fill
// from their claims history, or a pharmacy and Rx number typed in) to move to the home-delivery pharmacy; staff
// there contact the other pharmacy and complete the transfer (a new prescription on file, the old one marked
// transferred) or reject it with a reason; the member follows the status and gets a secure message either way.
import { schema } from '@openpbm/db';
import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { addDays, addMonths, localDateInTimeZone } from '@openpbm/domain';
import type {
  CompleteTransferRequest,
  CreateTransferRequest,
  StaffTransferView,
  TransferCandidate,
  TransferView,
} from '@openpbm/shared/transfers';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../app-deps';
import { listAccessibleMembers, requireMemberAccess } from '../family/access';
import { homeDeliveryPharmacyOf } from '../home-delivery/staff-pharmacy';
import type { Principal } from '../identity/principal';
import { notifyMember } from '../messages/notify';
import { badRequest, conflict, notFound } from '../platform/problem';
import { createPrescription, homeDeliveryPharmacyFor, productByNdc } from '../prescriptions/create';
import { refillFacts } from '../prescriptions/refill-view';
import { selectPrescriptions } from '../prescriptions/repo';
import { auditRead, type ReadContext } from '../prescriptions/service';
import { auditMemberRecord, recordAudit } from '../privacy/audit';
import * as repo from './repo';

const asView = (row: repo.TransferRow): TransferView => ({
  id: row.id,
  memberId: row.member_id,
  memberName: `${row.first_name} ${row.last_name}`,
  status: row.status,
  fromPharmacyName: row.from_pharmacy_name,
  fromPharmacyPhone: row.from_pharmacy_phone,
  fromRxNumber: row.from_rx_number,
  drugDescription: row.drug_description ?? row.claim_drug_name ?? 'Prescription',
  createdAt: row.created_at,
  resolvedAt: row.resolved_at,
  resolutionNote: row.resolution_note,
  newPrescriptionId: row.new_prescription_id,
  canCancel: row.status === 'requested',
});

const noAccess = (error: unknown, what: string) => {
  if ((error as { status?: number }).status === 403) throw error;
  throw notFound(`No ${what} with this id is available to you.`);
};

export async function listTransfers(deps: AppDeps, ctx: ReadContext): Promise<TransferView[]> {
  const members = await listAccessibleMembers(deps, ctx.principal);
  const rows = await repo.listForMembers(
    deps.db.sql,
    members.map((m) => m.memberId),
  );
  for (const memberId of new Set(rows.map((r) => r.member_id))) {
    await auditRead(deps, ctx, { resourceType: 'transfers', memberId });
  }
  return rows.map(asView);
}

export async function transferCandidates(deps: AppDeps, ctx: ReadContext): Promise<TransferCandidate[]> {
  const members = (await listAccessibleMembers(deps, ctx.principal)).filter((m) => m.access === 'manage');
  const today = localDateInTimeZone(deps.now(), members[0]?.timeZone ?? 'America/New_York');
  const rows = await repo.claimCandidates(
    deps.db.sql,
    members.map((m) => m.memberId),
    addMonths(today, -13),
  );
  for (const memberId of new Set(rows.map((r) => r.member_id))) {
    await auditRead(deps, ctx, { resourceType: 'claims_history', memberId, detail: { purpose: 'transfer' } });
  }
  return rows.map((r) => ({
    claimId: r.claim_id,
    memberId: r.member_id,
    memberName: `${r.first_name} ${r.last_name}`,
    drugName: r.drug_name,
    rxNumber: r.rx_number,
    pharmacyName: r.pharmacy_name,
    lastFillDate: r.last_fill_date,
  }));
}

export async function requestTransfer(
  deps: AppDeps,
  ctx: ReadContext,
  input: CreateTransferRequest,
): Promise<TransferView> {
  let fields: {
    memberId: string;
    fromPharmacyId: string | null;
    fromPharmacyName: string;
    fromPharmacyPhone: string | null;
    fromRxNumber: string;
    drugDescription: string | null;
    claimId: string | null;
    sourcePrescriptionId: string | null;
  };
  if (input.source === 'prescription') {
    const [row] = await selectPrescriptions(deps.db.sql, [input.prescriptionId]);
    if (!row) throw notFound('No prescription with this id is available to you.');
    const member = await requireMemberAccess(deps, ctx.principal, row.member_id, 'manage').catch((e) =>
      noAccess(e, 'prescription'),
    );
    const facts = refillFacts(row, localDateInTimeZone(deps.now(), member.timeZone));
    if (facts.state !== 'retail') {
      throw badRequest('This prescription cannot be transferred.', [
        {
          field: 'prescriptionId',
          message: row.home_delivery ? 'It is already at home delivery' : facts.message,
        },
      ]);
    }
    fields = {
      memberId: row.member_id,
      fromPharmacyId: row.pharmacy_id,
      fromPharmacyName: row.pharmacy_name,
      fromPharmacyPhone: row.pharmacy_phone,
      fromRxNumber: row.rx_number,
      drugDescription: row.drug_name,
      claimId: null,
      sourcePrescriptionId: row.id,
    };
  } else if (input.source === 'claim') {
    const claim = await repo.claimSource(deps.db.sql, input.claimId);
    if (!claim) throw notFound('No claim with this id is available to you.');
    await requireMemberAccess(deps, ctx.principal, claim.member_id, 'manage').catch((e) =>
      noAccess(e, 'claim'),
    );
    if (claim.home_delivery) {
      throw badRequest('This prescription is already at home delivery.', [
        { field: 'claimId', message: 'Already at home delivery' },
      ]);
    }
    fields = {
      memberId: claim.member_id,
      fromPharmacyId: claim.pharmacy_id,
      fromPharmacyName: claim.pharmacy_name,
      fromPharmacyPhone: claim.pharmacy_phone,
      fromRxNumber: claim.rx_number,
      drugDescription: claim.drug_name,
      claimId: claim.claim_id,
      sourcePrescriptionId: claim.prescription_id,
    };
  } else {
    const member = await requireMemberAccess(deps, ctx.principal, input.memberId, 'manage');
    let pharmacy: { id: string; name: string; phone: string; homeDelivery: boolean } | null = null;
    if (input.pharmacyId) {
      const [found] = await deps.db.db
        .select()
        .from(schema.pharmacies)
        .where(eq(schema.pharmacies.id, input.pharmacyId));
      if (!found)
        throw badRequest('Choose a pharmacy from the list.', [
          { field: 'pharmacyId', message: 'Unknown pharmacy' },
        ]);
      pharmacy = found;
    }
    if (!pharmacy && !input.pharmacyName) {
      throw badRequest('Tell us which pharmacy has the prescription.', [
        { field: 'pharmacyName', message: 'Enter the pharmacy name' },
      ]);
    }
    if (pharmacy?.homeDelivery) {
      throw badRequest('This prescription is already at home delivery.', [
        { field: 'pharmacyId', message: 'Already at home delivery' },
      ]);
    }
    fields = {
      memberId: member.memberId,
      fromPharmacyId: pharmacy?.id ?? null,
      fromPharmacyName: pharmacy?.name ?? (input.pharmacyName as string),
      fromPharmacyPhone: pharmacy?.phone ?? input.pharmacyPhone ?? null,
      fromRxNumber: input.rxNumber,
      drugDescription: input.drugDescription,
      claimId: null,
      sourcePrescriptionId: null,
    };
  }
  if (await repo.openTransferExists(deps.db.db, fields.memberId, fields.fromRxNumber)) {
    throw conflict('A transfer of this prescription is already under way.');
  }
  const to = await homeDeliveryPharmacyFor(deps.db.db, fields.memberId);
  if (!to) throw conflict('This plan has no home-delivery pharmacy.');
  const now = deps.now();
  const created = await repo.insertTransfer(deps.db.db, {
    ...fields,
    requestedByUserId: ctx.principal.userId,
    toPharmacyId: to.id,
    createdAt: now,
    updatedAt: now,
  });
  await audit(deps, ctx.principal, ctx.ip, 'created', created.id, fields.memberId);
  const view = await repo.one(deps.db.sql, created.id);
  return asView(view as repo.TransferRow);
}

export async function cancelTransfer(deps: AppDeps, ctx: ReadContext, id: string): Promise<TransferView> {
  const row = await repo.one(deps.db.sql, id);
  if (!row) throw notFound('No transfer with this id is available to you.');
  await requireMemberAccess(deps, ctx.principal, row.member_id, 'manage').catch((e) =>
    noAccess(e, 'transfer'),
  );
  const now = deps.now();
  const moved = await repo.moveTransfer(deps.db.db, id, ['requested'], {
    status: 'cancelled',
    resolvedAt: now,
    updatedAt: now,
  });
  if (!moved)
    throw conflict('The pharmacy is already working on this transfer; call member services to stop it.');
  await audit(deps, ctx.principal, ctx.ip, 'cancelled', id, row.member_id);
  return asView((await repo.one(deps.db.sql, id)) as repo.TransferRow);
}

// ---------- staff ----------

async function staffView(deps: AppDeps, row: repo.TransferRow): Promise<StaffTransferView> {
  const [source] = row.source_prescription_id
    ? await selectPrescriptions(deps.db.sql, [row.source_prescription_id])
    : [];
  const { memberId: _internal, ...member } = asView(row);
  return {
    ...member,
    memberDateOfBirth: decryptField(
      fieldKeyFromConfig(deps.config),
      row.date_of_birth_enc,
      FIELD_CONTEXTS.dateOfBirth,
    ),
    sourcePrescription: source
      ? {
          rxNumber: source.rx_number,
          drugName: source.drug_name,
          ndc: source.ndc,
          quantity: source.quantity_milli / 1000,
          daysSupply: source.days_supply,
          refillsRemaining: source.refills_remaining,
          prescriberName: source.prescriber_name,
          lastFillDate: source.last_fill_date,
        }
      : null,
  };
}

export async function staffTransfers(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  status: string,
): Promise<StaffTransferView[]> {
  const pharmacyId = (
    await homeDeliveryPharmacyOf(deps, principal, 'Transfers are handled by home-delivery pharmacy staff.')
  ).id;
  const rows = await repo.listForPharmacy(deps.db.sql, pharmacyId, [status]);
  await recordAudit(
    deps.db.db,
    {
      actorUserId: principal.userId,
      actorRole: principal.role,
      action: 'viewed',
      resourceType: 'transfer_queue',
      reason: 'treatment',
      ip,
      detail: { status, transferIds: rows.map((r) => r.id) },
    },
    deps.now(),
  );
  return Promise.all(rows.map((r) => staffView(deps, r)));
}

async function staffTransfer(deps: AppDeps, principal: Principal, id: string) {
  const pharmacyId = (
    await homeDeliveryPharmacyOf(deps, principal, 'Transfers are handled by home-delivery pharmacy staff.')
  ).id;
  const row = await repo.one(deps.db.sql, id);
  if (!row || row.to_pharmacy_id !== pharmacyId) throw notFound('No transfer with this id at your pharmacy.');
  return row;
}

export async function startTransfer(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  id: string,
): Promise<StaffTransferView> {
  const row = await staffTransfer(deps, principal, id);
  const moved = await repo.moveTransfer(deps.db.db, id, ['requested'], {
    status: 'in_progress',
    staffUserId: principal.userId,
    updatedAt: deps.now(),
  });
  if (!moved) throw conflict(`This transfer is ${row.status}.`);
  await audit(deps, principal, ip, 'started', id, row.member_id);
  return staffView(deps, (await repo.one(deps.db.sql, id)) as repo.TransferRow);
}

export async function completeTransfer(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  id: string,
  input: CompleteTransferRequest,
): Promise<StaffTransferView> {
  const row = await staffTransfer(deps, principal, id);
  if (row.status !== 'requested' && row.status !== 'in_progress')
    throw conflict(`This transfer is ${row.status}.`);
  const [source] = row.source_prescription_id
    ? await selectPrescriptions(deps.db.sql, [row.source_prescription_id])
    : [];
  const missing = (field: string, message: string) =>
    badRequest('Fill in what the other pharmacy told you.', [{ field, message }]);
  const ndc = input.ndc ?? source?.ndc;
  if (!ndc) throw missing('ndc', 'Enter the NDC');
  const product = await productByNdc(deps.db.db, ndc);
  if (!product)
    throw badRequest('Unknown NDC.', [{ field: 'ndc', message: 'This NDC is not in the drug list' }]);
  let prescriberId = source?.prescriber_id ?? null;
  if (input.prescriberNpi) {
    const [p] = await deps.db.db
      .select()
      .from(schema.prescribers)
      .where(eq(schema.prescribers.npi, input.prescriberNpi));
    if (!p)
      throw badRequest('Unknown prescriber.', [
        { field: 'prescriberNpi', message: 'No prescriber with this NPI' },
      ]);
    prescriberId = p.id;
  }
  if (!prescriberId) throw missing('prescriberNpi', 'Enter the prescriber’s NPI');
  const quantity = input.quantity ?? (source ? source.quantity_milli / 1000 : undefined);
  const daysSupply = input.daysSupply ?? source?.days_supply;
  const directions = input.directions ?? source?.directions;
  const refillsRemaining = input.refillsRemaining ?? source?.refills_remaining;
  const writtenDate = input.writtenDate ?? source?.written_date;
  if (quantity === undefined) throw missing('quantity', 'Enter the quantity');
  if (daysSupply === undefined) throw missing('daysSupply', 'Enter the days supply');
  if (!directions) throw missing('directions', 'Enter the directions');
  if (refillsRemaining === undefined) throw missing('refillsRemaining', 'Enter the refills left');
  if (!writtenDate) throw missing('writtenDate', 'Enter the date written');
  const expiryDate = input.expiryDate ?? source?.expiry_date ?? addDays(addMonths(writtenDate, 12), -1);
  const member = await requireMemberRow(deps, row.member_id);
  const today = localDateInTimeZone(deps.now(), member.timeZone);
  if (expiryDate < today)
    throw badRequest('This prescription has expired.', [
      { field: 'expiryDate', message: 'Expired prescriptions cannot be transferred' },
    ]);
  if (refillsRemaining === 0) {
    throw badRequest('No refills are left to transfer.', [
      { field: 'refillsRemaining', message: 'Reject the transfer: no refills left' },
    ]);
  }
  const now = deps.now();
  const created = await deps.db.db.transaction(async (tx) => {
    const rx = await createPrescription(tx, {
      memberId: row.member_id,
      prescriberId: prescriberId as string,
      pharmacyId: row.to_pharmacy_id,
      ndc,
      drugGroupId: product.drug_group_id,
      quantityMilli: Math.round(quantity * 1000),
      daysSupply,
      directions,
      refillsAuthorized: refillsRemaining,
      refillsRemaining,
      writtenDate,
      expiryDate,
      // The fills made at the other pharmacy: the first fill here uses one of the refills left.
      fillCount: 1,
      lastFillDate: input.lastFillDate ?? source?.last_fill_date ?? null,
      origin: { kind: 'transfer', createdByUserId: principal.userId, transferId: id },
      now,
    });
    if (source) {
      await tx
        .update(schema.prescriptions)
        .set({ status: 'transferred', updatedAt: now })
        .where(eq(schema.prescriptions.id, source.id));
    }
    const moved = await repo.moveTransfer(tx, id, ['requested', 'in_progress'], {
      status: 'completed',
      staffUserId: principal.userId,
      newPrescriptionId: rx.id,
      resolutionNote: input.note ?? null,
      resolvedAt: now,
      updatedAt: now,
    });
    if (!moved) throw conflict('Someone else changed this transfer. Reload it.');
    return rx;
  });
  await audit(deps, principal, ip, 'completed', id, row.member_id);
  await notifyMember(deps, {
    kind: 'transfer_update',
    memberId: row.member_id,
    subject: 'Your prescription transfer is complete',
    body: `${asView(row).drugDescription} (Rx ${row.from_rx_number} at ${row.from_pharmacy_name}) is now at home delivery as Rx ${created.rxNumber}. You can order refills from your Prescriptions page.`,
    portalPath: `/members/prescriptions/${created.id}`,
  });
  return staffView(deps, (await repo.one(deps.db.sql, id)) as repo.TransferRow);
}

export async function rejectTransfer(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  id: string,
  reason: string,
): Promise<StaffTransferView> {
  const row = await staffTransfer(deps, principal, id);
  const now = deps.now();
  const moved = await repo.moveTransfer(deps.db.db, id, ['requested', 'in_progress'], {
    status: 'rejected',
    staffUserId: principal.userId,
    resolutionNote: reason,
    resolvedAt: now,
    updatedAt: now,
  });
  if (!moved) throw conflict(`This transfer is ${row.status}.`);
  await audit(deps, principal, ip, 'rejected', id, row.member_id);
  await notifyMember(deps, {
    kind: 'transfer_update',
    memberId: row.member_id,
    subject: 'We could not transfer your prescription',
    body: `We could not transfer ${asView(row).drugDescription} (Rx ${row.from_rx_number} at ${row.from_pharmacy_name}): ${reason}`,
    portalPath: '/members/transfers',
  });
  return staffView(deps, (await repo.one(deps.db.sql, id)) as repo.TransferRow);
}

async function requireMemberRow(deps: AppDeps, memberId: string) {
  const [member] = await deps.db.db.select().from(schema.members).where(eq(schema.members.id, memberId));
  if (!member) throw notFound();
  return member;
}

function audit(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  action: string,
  id: string,
  memberId: string,
) {
  return auditMemberRecord(deps, principal, ip, {
    action,
    resourceType: 'prescription_transfer',
    resourceId: id,
    memberId,
  });
}
