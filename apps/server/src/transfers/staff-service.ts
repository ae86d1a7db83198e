// Transfers to home delivery, the pharmacy side: the staff queue of the home-delivery pharmacy, starting a
// transfer, completing it (a new prescription on file, the old one marked transferred) or rejecting it; the member
// gets a secure message either way. Every read goes through the pharmacy's scope (transfersRepo).
import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import type { TransferStatus } from '@openpbm/db/schema/home-delivery';
import { addDays, addMonths, localDateInTimeZone } from '@openpbm/domain';
import type { CompleteTransferRequest, StaffTransferView } from '@openpbm/shared/transfers';
import type { AppDeps } from '../app-deps';
import { homeDeliveryPharmacyOf } from '../home-delivery/staff-pharmacy';
import type { Principal } from '../identity/principal';
import { notifyMember } from '../messages/notify';
import { pharmacyScope } from '../platform/data-scope';
import { badRequest, conflict, notFound } from '../platform/problem';
import { createPrescription, productByNdc } from '../prescriptions/create';
import { selectPrescriptions } from '../prescriptions/repo';
import { recordAudit } from '../privacy/audit';
import { systemTransfersRepo, type TransferRow, transfersRepo } from './repo';
import { asView, auditTransfer } from './view';

async function staffView(deps: AppDeps, row: TransferRow): Promise<StaffTransferView> {
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
  const rows = await (await pharmacyTransfers(deps, principal)).list([status as TransferStatus]);
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

async function pharmacyTransfers(deps: AppDeps, principal: Principal) {
  const pharmacy = await homeDeliveryPharmacyOf(
    deps,
    principal,
    'Transfers are handled by home-delivery pharmacy staff.',
  );
  return transfersRepo(deps.db, pharmacyScope(principal, pharmacy.id));
}

async function staffTransfer(deps: AppDeps, principal: Principal, id: string) {
  const transfers = await pharmacyTransfers(deps, principal);
  const row = await transfers.one(id);
  if (!row) throw notFound('No transfer with this id at your pharmacy.');
  return { row, transfers };
}

export async function startTransfer(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  id: string,
): Promise<StaffTransferView> {
  const { row, transfers } = await staffTransfer(deps, principal, id);
  const moved = await transfers.move(id, ['requested'], {
    status: 'in_progress',
    staffUserId: principal.userId,
    updatedAt: deps.now(),
  });
  if (!moved) throw conflict(`This transfer is ${row.status}.`, 'invalid-state');
  await auditTransfer(deps, principal, ip, 'started', id, row.member_id);
  return staffView(deps, (await transfers.one(id)) as TransferRow);
}

export async function completeTransfer(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  id: string,
  input: CompleteTransferRequest,
): Promise<StaffTransferView> {
  const { row, transfers } = await staffTransfer(deps, principal, id);
  if (row.status !== 'requested' && row.status !== 'in_progress')
    throw conflict(`This transfer is ${row.status}.`, 'invalid-state');
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
    const p = await systemTransfersRepo(deps.db).prescriberByNpi(input.prescriberNpi);
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
  const timeZone = await systemTransfersRepo(deps.db).memberTimeZone(row.member_id);
  if (!timeZone) throw notFound();
  const today = localDateInTimeZone(deps.now(), timeZone);
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
    if (source) await systemTransfersRepo(deps.db).markPrescriptionTransferred(tx, source.id, now);
    const moved = await transfers.move(
      id,
      ['requested', 'in_progress'],
      {
        status: 'completed',
        staffUserId: principal.userId,
        newPrescriptionId: rx.id,
        resolutionNote: input.note ?? null,
        resolvedAt: now,
        updatedAt: now,
      },
      tx,
    );
    if (!moved) throw conflict('Someone else changed this transfer. Reload it.', 'changed-concurrently');
    return rx;
  });
  await auditTransfer(deps, principal, ip, 'completed', id, row.member_id);
  await notifyMember(deps, {
    kind: 'transfer_update',
    memberId: row.member_id,
    subject: 'Your prescription transfer is complete',
    body: `${asView(row).drugDescription} (Rx ${row.from_rx_number} at ${row.from_pharmacy_name}) is now at home delivery as Rx ${created.rxNumber}. You can order refills from your Prescriptions page.`,
    portalPath: `/members/prescriptions/${created.id}`,
  });
  return staffView(deps, (await transfers.one(id)) as TransferRow);
}

export async function rejectTransfer(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  id: string,
  reason: string,
): Promise<StaffTransferView> {
  const { row, transfers } = await staffTransfer(deps, principal, id);
  const now = deps.now();
  const moved = await transfers.move(id, ['requested', 'in_progress'], {
    status: 'rejected',
    staffUserId: principal.userId,
    resolutionNote: reason,
    resolvedAt: now,
    updatedAt: now,
  });
  if (!moved) throw conflict(`This transfer is ${row.status}.`, 'invalid-state');
  await auditTransfer(deps, principal, ip, 'rejected', id, row.member_id);
  await notifyMember(deps, {
    kind: 'transfer_update',
    memberId: row.member_id,
    subject: 'We could not transfer your prescription',
    body: `We could not transfer ${asView(row).drugDescription} (Rx ${row.from_rx_number} at ${row.from_pharmacy_name}): ${reason}`,
    portalPath: '/members/transfers',
  });
  return staffView(deps, (await transfers.one(id)) as TransferRow);
}
