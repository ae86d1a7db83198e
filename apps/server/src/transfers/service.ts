// Transfers to home delivery, the member side. A member asks for a retail prescription (one from their
// prescriptions list, a fill from their claims history, or a pharmacy and Rx number typed in) to move to the
// home-delivery pharmacy, follows its status and may cancel it until staff start on it. The pharmacy side
// (complete with a new prescription on file, or reject with a reason) is staff-service.ts.
import { addMonths, localDateInTimeZone } from '@openpbm/domain';
import type { CreateTransferRequest, TransferCandidate, TransferView } from '@openpbm/shared/transfers';
import type { AppDeps } from '../app-deps';
import { familyScope, requireMemberAccess } from '../family/access';
import { badRequest, conflict, notFound } from '../platform/problem';
import { homeDeliveryPharmacyFor } from '../prescriptions/create';
import { refillFacts } from '../prescriptions/refill-view';
import { selectPrescriptions } from '../prescriptions/repo';
import { auditRead, type ReadContext } from '../prescriptions/service';
import { systemTransfersRepo, type TransferRow, transfersRepo } from './repo';
import { asView, auditTransfer } from './view';

const noAccess = (error: unknown, what: string) => {
  if ((error as { status?: number }).status === 403) throw error;
  throw notFound(`No ${what} with this id is available to you.`);
};

export async function listTransfers(deps: AppDeps, ctx: ReadContext): Promise<TransferView[]> {
  const rows = await transfersRepo(deps.db, await familyScope(deps, ctx.principal)).list();
  for (const memberId of new Set(rows.map((r) => r.member_id))) {
    await auditRead(deps, ctx, { resourceType: 'transfers', memberId });
  }
  return rows.map(asView);
}

export async function transferCandidates(deps: AppDeps, ctx: ReadContext): Promise<TransferCandidate[]> {
  const scope = await familyScope(deps, ctx.principal, 'manage');
  const today = localDateInTimeZone(deps.now(), scope.members[0]?.timeZone ?? 'America/New_York');
  const rows = await transfersRepo(deps.db, scope).claimCandidates(addMonths(today, -13));
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
  const transfers = transfersRepo(deps.db, await familyScope(deps, ctx.principal));
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
    const claim = await transfers.claimSource(input.claimId);
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
      const found = await systemTransfersRepo(deps.db).pharmacy(input.pharmacyId);
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
  if (await transfers.openTransferExists(fields.memberId, fields.fromRxNumber)) {
    throw conflict('A transfer of this prescription is already under way.', 'already-exists');
  }
  const to = await homeDeliveryPharmacyFor(deps.db.db, fields.memberId);
  if (!to) throw conflict('This plan has no home-delivery pharmacy.', 'not-covered');
  const now = deps.now();
  const created = await transfers.create({
    ...fields,
    requestedByUserId: ctx.principal.userId,
    toPharmacyId: to.id,
    createdAt: now,
    updatedAt: now,
  });
  await auditTransfer(deps, ctx.principal, ctx.ip, 'created', created.id, fields.memberId);
  return asView((await transfers.one(created.id)) as TransferRow);
}

export async function cancelTransfer(deps: AppDeps, ctx: ReadContext, id: string): Promise<TransferView> {
  const transfers = transfersRepo(deps.db, await familyScope(deps, ctx.principal));
  const row = await transfers.one(id);
  if (!row) throw notFound('No transfer with this id is available to you.');
  await requireMemberAccess(deps, ctx.principal, row.member_id, 'manage').catch((e) =>
    noAccess(e, 'transfer'),
  );
  const now = deps.now();
  const moved = await transfers.move(id, ['requested'], {
    status: 'cancelled',
    resolvedAt: now,
    updatedAt: now,
  });
  if (!moved)
    throw conflict(
      'The pharmacy is already working on this transfer; call member services to stop it.',
      'invalid-state',
    );
  await auditTransfer(deps, ctx.principal, ctx.ip, 'cancelled', id, row.member_id);
  return asView((await transfers.one(id)) as TransferRow);
}
