// "Ask my doctor for a new prescription": a member asks home delivery to contact the prescriber (from a
// prescription that ran out or expired, or a doctor they name). A prescriber in the directory (one with a
// prescriber-portal account) sees the request in their portal and answers with a new e-prescription (completing it)
// or declines; home-delivery staff see every open request for their members (they phone or fax doctors outside the
// directory) and can close it. The member is told which of the two will act.
import { schema } from '@openpbm/db';
import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { localDateInTimeZone } from '@openpbm/domain';
import type {
  ContactRequestView,
  CreateContactRequest,
  PrescriberRequestView,
  StaffContactRequestView,
} from '@openpbm/shared/transfers';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppDeps } from '../app-deps';
import { listAccessibleMembers, requireMemberAccess } from '../family/access';
import { homeDeliveryPharmacyOf } from '../home-delivery/staff-pharmacy';
import type { Principal } from '../identity/principal';
import { notifyMember } from '../messages/notify';
import { badRequest, conflict, forbidden, notFound } from '../platform/problem';
import { homeDeliveryPharmacyFor } from '../prescriptions/create';
import { refillFacts } from '../prescriptions/refill-view';
import { selectPrescriptions } from '../prescriptions/repo';
import { auditRead, type ReadContext } from '../prescriptions/service';
import { auditMemberRecord, recordAudit } from '../privacy/audit';

const { prescriberContactRequests: r, members, prescribers, prescriptions, users } = schema;

async function rowsWithNames(deps: AppDeps, where: ReturnType<typeof eq> | undefined) {
  // In the directory means the prescriber can see the request: they have an active prescriber-portal account.
  const inDirectory = sql<boolean>`exists (select 1 from ${users} u where u.prescriber_id = ${r.prescriberId}
    and u.role = 'prescriber' and u.status = 'active')`;
  return deps.db.db
    .select({ request: r, member: members, prescriber: prescribers, rx: prescriptions, inDirectory })
    .from(r)
    .innerJoin(members, eq(members.id, r.memberId))
    .leftJoin(prescribers, eq(prescribers.id, r.prescriberId))
    .leftJoin(prescriptions, eq(prescriptions.id, r.prescriptionId))
    .where(where)
    .orderBy(desc(r.createdAt));
}

type Row = Awaited<ReturnType<typeof rowsWithNames>>[number];

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
  const memberIds = (await listAccessibleMembers(deps, ctx.principal)).map((m) => m.memberId);
  if (memberIds.length === 0) return [];
  const rows = await rowsWithNames(deps, inArray(r.memberId, memberIds) as ReturnType<typeof eq>);
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
  let values: typeof r.$inferInsert;
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
    const open = await deps.db.db
      .select({ id: r.id })
      .from(r)
      .where(and(eq(r.prescriptionId, row.id), eq(r.status, 'open')));
    if (open.length > 0) throw conflict('We already asked your doctor about this prescription.');
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
  const [created] = await deps.db.db.insert(r).values(values).returning();
  if (!created) throw new Error('contact request insert returned nothing');
  await audit(deps, ctx.principal, ctx.ip, 'created', created.id, created.memberId);
  const [row] = await rowsWithNames(deps, eq(r.id, created.id));
  return view(row as Row, await drugNames(deps, [row as Row]));
}

export async function cancelContactRequest(
  deps: AppDeps,
  ctx: ReadContext,
  id: string,
): Promise<ContactRequestView> {
  const [row] = await rowsWithNames(deps, eq(r.id, id));
  if (!row) throw notFound('No request with this id is available to you.');
  await requireMemberAccess(deps, ctx.principal, row.request.memberId, 'manage').catch((error: unknown) => {
    if ((error as { status?: number }).status === 403) throw error;
    throw notFound('No request with this id is available to you.');
  });
  await closeRequest(deps, id, 'cancelled', null, null);
  await audit(deps, ctx.principal, ctx.ip, 'cancelled', id, row.request.memberId);
  const [updated] = await rowsWithNames(deps, eq(r.id, id));
  return view(updated as Row, await drugNames(deps, [updated as Row]));
}

async function closeRequest(
  deps: AppDeps,
  id: string,
  status: 'completed' | 'declined' | 'cancelled',
  note: string | null,
  newPrescriptionId: string | null,
  tx?: Pick<AppDeps['db']['db'], 'update'>,
) {
  const now = deps.now();
  const [updated] = await (tx ?? deps.db.db)
    .update(r)
    .set({ status, responseNote: note, newPrescriptionId, resolvedAt: now, updatedAt: now })
    .where(and(eq(r.id, id), eq(r.status, 'open')))
    .returning();
  if (!updated) throw conflict('This request is already closed.');
  return updated;
}

export { closeRequest };

// ---------- prescriber side ----------

export function prescriberOf(principal: Principal): string {
  if (!principal.prescriberId) throw forbidden();
  return principal.prescriberId;
}

export async function prescriberRequests(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
): Promise<PrescriberRequestView[]> {
  const prescriberId = prescriberOf(principal);
  const rows = (await rowsWithNames(deps, eq(r.prescriberId, prescriberId))).filter(
    (x) => x.request.status === 'open',
  );
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
  const prescriberId = prescriberOf(principal);
  const [row] = await rowsWithNames(deps, eq(r.id, id));
  if (!row || row.request.prescriberId !== prescriberId) throw notFound('No request with this id for you.');
  await closeRequest(deps, id, 'declined', reason, null);
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

export async function staffContactRequests(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
): Promise<StaffContactRequestView[]> {
  const pharmacyId = (
    await homeDeliveryPharmacyOf(deps, principal, 'This is for home-delivery pharmacy staff.')
  ).id;
  const rows = (await rowsWithNames(deps, eq(r.status, 'open'))).filter(Boolean);
  const mine: Row[] = [];
  for (const row of rows) {
    if ((await homeDeliveryPharmacyFor(deps.db.db, row.request.memberId))?.id === pharmacyId) mine.push(row);
  }
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
  const pharmacyId = (
    await homeDeliveryPharmacyOf(deps, principal, 'This is for home-delivery pharmacy staff.')
  ).id;
  const [row] = await rowsWithNames(deps, eq(r.id, id));
  if (!row || (await homeDeliveryPharmacyFor(deps.db.db, row.request.memberId))?.id !== pharmacyId) {
    throw notFound('No request with this id for your pharmacy.');
  }
  await closeRequest(deps, id, 'declined', reason, null);
  await audit(deps, principal, ip, 'declined', id, row.request.memberId);
  await notifyMember(deps, {
    kind: 'new_prescription',
    memberId: row.request.memberId,
    subject: 'Update on your request to your doctor',
    body: `About ${row.request.drugDescription ?? 'your medicine'}: ${reason}`,
    portalPath: '/members/ask-doctor',
  });
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
    resourceType: 'prescriber_contact_request',
    resourceId: id,
    memberId,
  });
}
