// What members and staff see of a transfer, and the one audit row every change of it writes.
import type { TransferView } from '@openpbm/shared/transfers';
import { memberRecordAudit } from '../privacy/audit';
import type { TransferRow } from './repo';

export const asView = (row: TransferRow): TransferView => ({
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

export const auditTransfer = memberRecordAudit('prescription_transfer');
