// "Ask my doctor for a new prescription": a member asks home delivery to contact the prescriber (from a
// prescription that ran out or expired, or a doctor they name). A prescriber in the directory (one with a
// prescriber-portal account) sees the request in their portal and answers with a new e-prescription (completing it)
// or declines; home-delivery staff see every open request for their members (they phone or fax doctors outside the
// directory) and can close it. The member is told which of the two will act.
import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { localDateInTimeZone } from '@openpbm/domain';
import type {
  ContactRequestView,
  CreateContactRequest,
  PrescriberRequestView,
  StaffContactRequestView,
} from '@openpbm/shared/transfers';
import type { AppDeps } from '../app-deps';
import { familyScope, requireMemberAccess } from '../family/access';
import { homeDeliveryPharmacyOf } from '../home-delivery/staff-pharmacy';
import type { Principal } from '../identity/principal';
import { notifyMember } from '../messages/notify';
import { pharmacyScope, prescriberScope } from '../platform/data-scope';
import { badRequest, conflict, notFound } from '../platform/problem';
import { refillFacts } from '../prescriptions/refill-view';
import { selectPrescriptions } from '../prescriptions/repo';
import { auditRead, type ReadContext } from '../prescriptions/service';
import { memberRecordAudit, recordAudit } from '../privacy/audit';
import {
  type ContactRequestInsert,
  type ContactRequestRow,
  type ContactRequestScope,
  contactRequestsRepo,
} from './contact-repo';

const audit = memberRecordAudit('prescriber_contact_request');

type Row = ContactRequestRow;

async function drugNames(deps: AppDeps, rows: Row[]): Promise<Map<string, string>> {
  const ids = rows.map((x) => x.request.prescriptionId).filter((id): id is string => Boolean(id));
  const rx = await selectPrescriptions(deps.db.sql, ids);
  return new Map(rx.map((p) => [p.id, p.drug_name]));
}

/** What happens next, for the member: whoever acts on the request, said plainly. */
function nextStep(handledBy: ContactRequestView['handledBy'], prescriberName: string): string {
  if (handledBy === 'prescriber')
    return `${prescriberName} gets this request in our prescriber portal. We will send you a secure message when they answer.`;
  return (
    `${prescriberName} is not in our prescriber directory, so this request goes to our home-delivery pharmacy, ` +
    'not to your doctor. Our pharmacists will phone or fax your doctor’s office and send you a secure message ' +
    'when they hear back.'
  );
}

const view = (row: Row, names: Map<string, string>): ContactRequestView => {
  const prescriberName = row.prescriber
    ? `${row.prescriber.firstName} ${row.prescriber.lastName}, ${row.prescriber.credential}`
    : (row.request.prescriberName ?? 'Your doctor');
  const handledBy = row.inDirectory ? 'prescriber' : 'pharmacy';
  return {
    id: row.request.id,
    memberId: row.request.memberId,
    memberName: `${row.member.firstName} ${row.member.lastName}`,
    prescriberName,
    drugDescription:
      row.request.drugDescription ??
      (row.request.prescriptionId ? names.get(row.request.prescriptionId) : null) ??
      'Prescription',
    status: row.request.status,
    handledBy,
    nextStep: nextStep(handledBy, prescriberName),
    createdAt: row.request.createdAt.toISOString(),
    responseNote: row.request.responseNote,
    newPrescriptionId: row.request.newPrescriptionId,
  };
};

export async function listContactRequests(deps: AppDeps, ctx: ReadContext): Promise<ContactRequestView[]> {
  const rows = await contactRequestsRepo(deps.db, await familyScope(deps, ctx.principal)).list();
  for (const memberId of new Set(rows.map((x) => x.request.memberId))) {
    await auditRead(deps, ctx, { resourceType: 'prescriber_contact_requests', memberId });
  }
  const names = await drugNames(deps, rows);
  return rows.map((row) => view(row, names));
}

export async function createContactRequest(
  deps: AppDeps,
  ctx: ReadContext,
  input: CreateContactRequest,
): Promise<ContactRequestView> {
  const now = deps.now();
  const requests = contactRequestsRepo(deps.db, await familyScope(deps, ctx.principal));
  let values: ContactRequestInsert;
  if ('prescriptionId' in input) {
    const [row] = await selectPrescriptions(deps.db.sql, [input.prescriptionId]);
    if (!row) throw notFound('No prescription with this id is available to you.');
    const member = await requireMemberAccess(deps, ctx.principal, row.member_id, 'manage').catch(
      (error: unknown) => {
        if ((error as { status?: number }).status === 403) throw error;
        throw notFound('No prescription with this id is available to you.');
      },
    );
    const facts = refillFacts(row, localDateInTimeZone(now, member.timeZone));
    if (facts.state !== 'no_refills_left' && facts.state !== 'expired') {
      throw badRequest('This prescription can still be refilled.', [
        { field: 'prescriptionId', message: facts.message },
      ]);
    }
    if (await requests.openForPrescription(row.id))
      throw conflict('We already asked your doctor about this prescription.', 'already-exists');
    values = {
      memberId: row.member_id,
      requestedByUserId: ctx.principal.userId,
      prescriptionId: row.id,
      prescriberId: row.prescriber_id,
      drugDescription: row.drug_name,
      createdAt: now,
      updatedAt: now,
    };
  } else {
    const member = await requireMemberAccess(deps, ctx.principal, input.memberId, 'manage');
    values = {
      memberId: member.memberId,
      requestedByUserId: ctx.principal.userId,
      prescriberName: input.prescriberName,
      prescriberPhone: input.prescriberPhone,
      drugDescription: input.drugDescription,
      createdAt: now,
      updatedAt: now,
    };
  }
  const created = await requests.create(values);
  await audit(deps, ctx.principal, ctx.ip, 'created', created.id, created.memberId);
  const row = await requests.one(created.id);
  return view(row as Row, await drugNames(deps, [row as Row]));
}

export async function cancelContactRequest(
  deps: AppDeps,
  ctx: ReadContext,
  id: string,
): Promise<ContactRequestView> {
  const requests = contactRequestsRepo(deps.db, await familyScope(deps, ctx.principal));
  const row = await requests.one(id);
  if (!row) throw notFound('No request with this id is available to you.');
  await requireMemberAccess(deps, ctx.principal, row.request.memberId, 'manage');
  await closeRequest(deps, requests, id, 'cancelled', null);
  await audit(deps, ctx.principal, ctx.ip, 'cancelled', id, row.request.memberId);
  const updated = await requests.one(id);
  return view(updated as Row, await drugNames(deps, [updated as Row]));
}

/** Closes an open request the repository's scope reaches; 409 when it is already closed. */
export async function closeRequest(
  deps: AppDeps,
  requests: ReturnType<typeof contactRequestsRepo>,
  id: string,
  status: 'completed' | 'declined' | 'cancelled',
  note: string | null,
  newPrescriptionId: string | null = null,
  tx?: Parameters<ReturnType<typeof contactRequestsRepo>['close']>[2],
) {
  const updated = await requests.close(id, { status, note, newPrescriptionId, now: deps.now() }, tx);
  if (!updated) throw conflict('This request is already closed.', 'invalid-state');
  return updated;
}

// ---------- prescriber side ----------

/** The requests a signed-in prescriber may answer (403 for anyone else). */
export const prescriberRequestsRepo = (deps: AppDeps, principal: Principal) =>
  contactRequestsRepo(deps.db, prescriberScope(principal));

export async function prescriberRequests(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
): Promise<PrescriberRequestView[]> {
  const rows = await prescriberRequestsRepo(deps, principal).list();
  const key = fieldKeyFromConfig(deps.config);
  const names = await drugNames(deps, rows);
  const result: PrescriberRequestView[] = [];
  for (const row of rows) {
    await audit(deps, principal, ip, 'viewed', row.request.id, row.request.memberId);
    result.push({
      id: row.request.id,
      patientName: `${row.member.firstName} ${row.member.lastName}`,
      patientDateOfBirth: decryptField(key, row.member.dateOfBirthEnc, FIELD_CONTEXTS.dateOfBirth),
      memberNumber: decryptField(key, row.member.memberNumberEnc, FIELD_CONTEXTS.memberNumber),
      drugDescription: view(row, names).drugDescription,
      previous: row.rx
        ? {
            rxNumber: row.rx.rxNumber,
            ndc: row.rx.ndc,
            quantity: row.rx.quantityMilli / 1000,
            daysSupply: row.rx.daysSupply,
            directions: row.rx.directions,
          }
        : null,
      createdAt: row.request.createdAt.toISOString(),
    });
  }
  return result;
}

export async function declineByPrescriber(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  id: string,
  reason: string,
) {
  const requests = prescriberRequestsRepo(deps, principal);
  const row = await requests.one(id);
  if (!row) throw notFound('No request with this id for you.');
  await closeRequest(deps, requests, id, 'declined', reason);
  await audit(deps, principal, ip, 'declined', id, row.request.memberId);
  await notifyMember(deps, {
    kind: 'new_prescription',
    memberId: row.request.memberId,
    subject: 'Your doctor answered your request',
    body: `Your doctor did not send a new prescription for ${row.request.drugDescription ?? 'your medicine'}: ${reason}`,
    portalPath: '/members/ask-doctor',
  });
}

// ---------- home-delivery staff side ----------

async function staffRequestsRepo(deps: AppDeps, principal: Principal) {
  const pharmacy = await homeDeliveryPharmacyOf(deps, principal, 'This is for home-delivery pharmacy staff.');
  const scope: ContactRequestScope = pharmacyScope(principal, pharmacy.id);
  return contactRequestsRepo(deps.db, scope);
}

export async function staffContactRequests(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
): Promise<StaffContactRequestView[]> {
  const mine = await (await staffRequestsRepo(deps, principal)).list();
  await recordAudit(
    deps.db.db,
    {
      actorUserId: principal.userId,
      actorRole: principal.role,
      action: 'viewed',
      resourceType: 'contact_request_queue',
      reason: 'treatment',
      ip,
      detail: { requestIds: mine.map((x) => x.request.id) },
    },
    deps.now(),
  );
  const names = await drugNames(deps, mine);
  return mine.map((row) => {
    const { memberId: _internal, ...shown } = view(row, names);
    return {
      ...shown,
      prescriberName: `${shown.prescriberName}${row.request.prescriberPhone ? `, ${row.request.prescriberPhone}` : row.prescriber ? `, ${row.prescriber.phone}` : ''}`,
    };
  });
}

export async function closeByStaff(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  id: string,
  reason: string,
) {
  const requests = await staffRequestsRepo(deps, principal);
  const row = await requests.one(id);
  if (!row) throw notFound('No request with this id for your pharmacy.');
  await closeRequest(deps, requests, id, 'declined', reason);
  await audit(deps, principal, ip, 'declined', id, row.request.memberId);
  await notifyMember(deps, {
    kind: 'new_prescription',
    memberId: row.request.memberId,
    subject: 'Update on your request to your doctor',
    body: `About ${row.request.drugDescription ?? 'your medicine'}: ${reason}`,
    portalPath: '/members/ask-doctor',
  });
}
