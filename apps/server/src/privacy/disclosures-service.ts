// Legal and compelled disclosures, and the accounting of disclosures (HIPAA 164.528).
// The privacy officer logs a subpoena, court order or regulator request with its legal basis, the members in
// scope (by member ID) and a due date. Each member in scope gets a line in their accounting. The affected clients
// are e-mailed at once, unless notification is prohibited (which needs a basis and an end date): then both the
// client e-mail and the member's accounting line wait until the end date, and the job sends the e-mails.
import { fieldKeyFromConfig, memberNumberIndex } from '@openpbm/db/field-crypto';
import { localDateInTimeZone } from '@openpbm/domain';
import type { AccountingResponse, LegalRequestView, LogLegalRequest } from '@openpbm/shared/privacy';
import type { AppDeps } from '../app-deps';
import { publicBaseUrl } from '../identity/security-mail';
import { InvariantBroken } from '../platform/internal-errors';
import { badRequest } from '../platform/problem';
import type { Actor } from '../prior-auth/case-audit';
import { recordAudit } from './audit';
import { postClientMessages } from './disclosure-package-service';
import { requireOwnOrManagedChild } from './member-scope';
import * as repo from './repo';

/** HIPAA 164.528: the accounting covers the six years before the request. */
export const ACCOUNTING_YEARS = 6;
/** Dates of the privacy office (due dates, prohibition ends) are read in the PBM's own zone. */
const OFFICE_TIME_ZONE = 'America/Chicago';

const KIND_LABELS = {
  subpoena: 'Subpoena',
  court_order: 'Court order',
  regulator_request: 'Regulator request',
} as const;

const officeToday = (deps: AppDeps) => localDateInTimeZone(deps.now(), OFFICE_TIME_ZONE);

type LegalRequestRow = Awaited<ReturnType<typeof repo.listLegalRequests>>[number];

function toView({ request: r, members }: LegalRequestRow): LegalRequestView {
  return {
    id: r.id,
    kind: r.kind,
    requester: r.requester,
    legalBasis: r.legalBasis,
    dueDate: r.dueDate,
    recordsInScope: r.recordsInScope,
    sectionsInScope: r.sectionsInScope as LegalRequestView['sectionsInScope'],
    members: Number(members),
    notificationProhibited: r.notificationProhibited,
    prohibitedUntil: r.prohibitedUntil,
    clientsNotifiedAt: r.clientsNotifiedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listLegalRequests(deps: AppDeps): Promise<LegalRequestView[]> {
  return (await repo.listLegalRequests(deps.db.db)).map(toView);
}

export async function logLegalRequest(
  deps: AppDeps,
  actor: Actor,
  body: LogLegalRequest,
): Promise<LegalRequestView> {
  const db = deps.db.db;
  const key = fieldKeyFromConfig(deps.config);
  const wanted = [...new Set(body.memberNumbers)].map((n) => ({
    number: n,
    bidx: memberNumberIndex(key, n),
  }));
  const found = await repo.membersByNumberIndex(
    db,
    wanted.map((w) => w.bidx),
  );
  const missing = wanted.filter((w) => !found.some((f) => f.memberNumberBidx === w.bidx));
  if (missing.length > 0) {
    throw badRequest('Some member IDs were not found.', [
      { field: 'memberNumbers', message: `No member has the ID ${missing.map((m) => m.number).join(', ')}.` },
    ]);
  }
  const today = officeToday(deps);
  if (body.notificationProhibited && body.prohibitedUntil && body.prohibitedUntil <= today) {
    throw badRequest('The prohibition must end after today.', [
      { field: 'prohibitedUntil', message: 'Enter a date after today' },
    ]);
  }
  const prohibited = body.notificationProhibited;
  const row = await repo.insertLegalRequest(
    db,
    {
      kind: body.kind,
      requester: body.requester,
      legalBasis: body.legalBasis,
      dueDate: body.dueDate,
      recordsInScope: body.recordsInScope,
      sectionsInScope: body.sectionsInScope,
      notificationProhibited: prohibited,
      prohibitionBasis: prohibited ? (body.prohibitionBasis ?? null) : null,
      prohibitedUntil: prohibited ? (body.prohibitedUntil ?? null) : null,
      createdByUserId: actor.principal.userId,
      createdAt: deps.now(),
    },
    found.map((m) => ({ memberId: m.id, clientId: m.clientId })),
    {
      disclosedOn: today,
      recipient: body.requester,
      purpose: `Required by law: ${KIND_LABELS[body.kind].toLowerCase()}`,
      whatDisclosed: body.recordsInScope,
      hiddenUntil: prohibited ? (body.prohibitedUntil ?? null) : null,
    },
  );
  for (const m of found) {
    await recordAudit(
      db,
      {
        actorUserId: actor.principal.userId,
        actorRole: actor.principal.role,
        action: 'disclosed',
        resourceType: 'legal_request',
        resourceId: row.id,
        memberId: m.id,
        reason: 'required_by_law',
        ip: actor.ip,
      },
      deps.now(),
    );
  }
  if (!prohibited) await notifyClients(deps, row.id);
  const [view] = (await repo.listLegalRequests(db)).filter((r) => r.request.id === row.id);
  if (!view) throw new InvariantBroken('legal request vanished');
  return toView(view);
}

/**
 * Tells the affected clients once: a message in their portal inbox, and an e-mail to their users with a link to
 * the client portal. Neither names a member or holds a record.
 */
async function notifyClients(deps: AppDeps, legalRequestId: string): Promise<number> {
  const db = deps.db.db;
  if (!(await repo.markNotified(db, legalRequestId, deps.now()))) return 0;
  await postClientMessages(deps, legalRequestId);
  const recipients = await repo.clientUsersAffectedBy(db, legalRequestId);
  const link = `${publicBaseUrl(deps)}/clients`;
  for (const user of recipients) {
    await deps.mailer.send({
      to: user.email,
      subject: 'A legal disclosure involved members of your plan',
      text: [
        'OpenPBM disclosed records of one or more members of your plan because the law required it',
        '(a subpoena, court order or regulator request). Sign in to the client portal for details:',
        link,
      ].join('\n'),
    });
  }
  return recipients.length;
}

/** The job: tell the clients of every request whose notification may now go (prohibition ended). */
export async function sendHeldNotifications(deps: AppDeps): Promise<{ requests: number; emails: number }> {
  const due = await repo.requestsDueForNotification(deps.db.db, officeToday(deps));
  let emails = 0;
  for (const request of due) emails += await notifyClients(deps, request.id);
  return { requests: due.length, emails };
}

export async function accountingOfDisclosures(
  deps: AppDeps,
  actor: Actor,
  memberId: string | undefined,
): Promise<AccountingResponse> {
  const member = await requireOwnOrManagedChild(deps, actor.principal, memberId);
  const today = localDateInTimeZone(deps.now(), member.timeZone);
  const since = `${Number(today.slice(0, 4)) - ACCOUNTING_YEARS}${today.slice(4)}`;
  const disclosures = await repo.accountingFor(deps.db.db, member.memberId, since, today);
  await recordAudit(
    deps.db.db,
    {
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      action: 'viewed',
      resourceType: 'accounting_of_disclosures',
      resourceId: member.memberId,
      memberId: member.memberId,
      reason: member.relationship === 'self' ? 'member_request' : 'member_request_for_dependent',
      ip: actor.ip,
    },
    deps.now(),
  );
  return { memberId: member.memberId, since, disclosures };
}

/** Quoted, and a leading formula character defused, so a spreadsheet never runs a cell. */
const csvCell = (value: string) =>
  `"${(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"`;

export function accountingCsv(accounting: AccountingResponse): string {
  const lines = [['Date', 'Recipient', 'Purpose', 'What was disclosed'].join(',')];
  for (const d of accounting.disclosures) {
    lines.push([d.disclosedOn, d.recipient, d.purpose, d.whatDisclosed].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
