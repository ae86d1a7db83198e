// Prescriber use cases on a case of their own: see it, list their cases, answer a request for information (the
// case is evaluated again), withdraw, appeal a denial. Another prescriber's case reads exactly like a missing one.
import { isOpenStatus, resumeClock } from '@openpbm/domain';
import type { PaAnswers, PrescriberCase } from '@openpbm/shared/prior-auth';
import type { AppDeps } from '../app-deps';
import { conflict, notFound } from '../platform/problem';
import { type AppealInput, fileAppeal } from './appeal-service';
import { type Actor, auditCase } from './case-audit';
import {
  type CaseContext,
  criteriaForCase,
  evaluateCase,
  loadCaseContext,
  type RequestKind,
} from './case-context';
import {
  type CaseWithDrug,
  findAppealOf,
  findCase,
  listCasesOfPrescriber,
  lockCase,
  updateCase,
} from './case-repo';
import { prescriberCaseView } from './case-views';
import { findMember, findMembersByIds } from './facts-repo';
import { appealByOf } from './member-view';
import type { NoticeContext } from './notices';
import { requireVerifiedPrescriber, type VerifiedPrescriber } from './npi-service';
import { normalizeAnswers, readRequest, storedRequest } from './request-shape';
import { insertEvent, lastInfoRequest, listAttachments, listEvents } from './workflow-repo';

/** The prescriber's own case or 404 (another prescriber's case looks exactly like a missing one). */
export async function ownCase(
  deps: AppDeps,
  prescriber: VerifiedPrescriber,
  caseId: string,
): Promise<CaseWithDrug> {
  const row = await findCase(deps.db.db, caseId);
  if (!row || row.prescriberId !== prescriber.prescriberId)
    throw notFound('No case with this id is available to you.');
  return row;
}

export async function caseViewFor(
  deps: AppDeps,
  row: CaseWithDrug,
  context?: Pick<CaseContext, 'member'>,
): Promise<PrescriberCase> {
  const member = context?.member ?? (await findMember(deps.db.db, row.memberId));
  const zone = member?.timeZone ?? 'UTC';
  const appeal = row.status === 'denied' ? await findAppealOf(deps.db.db, row.id) : null;
  return prescriberCaseView(
    row,
    { firstName: member?.firstName ?? '', lastName: member?.lastName ?? '' },
    {
      events: await listEvents(deps.db.db, row.id),
      attachments: await listAttachments(deps.db.db, row.id),
      informationRequested: row.status === 'pending_info' ? await lastInfoRequest(deps.db.db, row.id) : null,
      canAppeal: appealByOf(row, appeal !== null, deps.now(), zone) !== null,
    },
  );
}

export async function getPrescriberCase(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
): Promise<PrescriberCase> {
  const prescriber = await requireVerifiedPrescriber(deps, actor.principal);
  const row = await ownCase(deps, prescriber, caseId);
  await auditCase(deps, actor, { action: 'viewed', resourceId: row.id, memberId: row.memberId });
  return caseViewFor(deps, row);
}

export async function listPrescriberCases(deps: AppDeps, actor: Actor) {
  const prescriber = await requireVerifiedPrescriber(deps, actor.principal);
  const rows = await listCasesOfPrescriber(deps.db.db, prescriber.prescriberId);
  const members = new Map(
    (await findMembersByIds(deps.db.db, [...new Set(rows.map((r) => r.memberId))])).map((m) => [m.id, m]),
  );
  await auditCase(deps, actor, {
    action: 'listed',
    resourceType: 'prior_authorization_list',
    resourceId: prescriber.prescriberId,
    memberId: null,
    detail: { count: rows.length },
  });
  return {
    cases: rows.map((row) => {
      const member = members.get(row.memberId);
      return {
        id: row.id,
        caseNumber: row.caseNumber,
        type: row.type,
        status: row.status,
        drugName: row.drugName,
        member: {
          firstName: member?.firstName ?? '',
          lastName: member?.lastName ?? '',
        },
        expedited: row.expedited,
        submittedAt: row.submittedAt.toISOString(),
        dueAt: row.dueAt.toISOString(),
        infoDueAt: row.infoDueAt?.toISOString() ?? null,
        decidedAt: row.decidedAt?.toISOString() ?? null,
      };
    }),
  };
}

/** The prescriber answers a request for information: the clock restarts with the time that was left. */
export async function provideInformation(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  body: { note: string; answers?: PaAnswers | undefined },
): Promise<PrescriberCase> {
  const prescriber = await requireVerifiedPrescriber(deps, actor.principal);
  const current = await ownCase(deps, prescriber, caseId);
  if (current.status !== 'pending_info')
    throw conflict('No information was asked for on this case.', 'invalid-state');
  const stored = readRequest(current.request);
  const answers = body.answers ? normalizeAnswers(body.answers) : null;
  const reevaluated = answers ? await reevaluate(deps, current, answers, stored) : null;
  const now = deps.now();
  await deps.db.db.transaction(async (tx) => {
    const locked = await lockCase(tx, caseId);
    if (locked?.status !== 'pending_info')
      throw conflict('No information was asked for on this case.', 'invalid-state');
    const clock = resumeClock(
      {
        dueAt: locked.dueAt,
        pausedAt: locked.clockPausedAt,
        remainingMs: (locked.clockRemainingSeconds ?? 0) * 1000,
        infoDueAt: locked.infoDueAt,
      },
      now,
    );
    await updateCase(tx, caseId, {
      status: locked.reviewerUserId ? 'in_review' : 'pending',
      dueAt: clock.dueAt,
      clockPausedAt: null,
      clockRemainingSeconds: null,
      infoDueAt: null,
      ...(answers && reevaluated
        ? {
            request: storedRequest(answers, stored.quantityMilli ?? 0, stored.daysSupply ?? 0),
            evaluation: { ...reevaluated },
          }
        : {}),
    });
    await insertEvent(tx, {
      caseId,
      kind: 'info_provided',
      at: now,
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      note: body.note,
      detail: { answersChanged: answers !== null },
    });
    await auditCase(
      deps,
      actor,
      {
        action: 'updated',
        resourceId: caseId,
        memberId: current.memberId,
        detail: { step: 'info_provided' },
      },
      tx,
    );
  });
  const row = await findCase(deps.db.db, caseId);
  if (!row) throw notFound();
  return caseViewFor(deps, row);
}

/** New answers are judged again against the criteria of the case (the reviewer sees the new findings). */
async function reevaluate(
  deps: AppDeps,
  row: CaseWithDrug,
  answers: PaAnswers,
  stored: ReturnType<typeof readRequest>,
) {
  const context = await loadCaseContext(deps, row.memberId, row.drugGroupId);
  const kind: RequestKind = row.type === 'formulary_exception' ? 'formulary_exception' : 'prior_auth';
  const set = criteriaForCase(context, kind, row.requestedTier ?? null);
  return evaluateCase(context, set, answers, {
    quantityMilli: stored.quantityMilli ?? 0,
    daysSupply: stored.daysSupply ?? 0,
  });
}

export async function withdrawCase(deps: AppDeps, actor: Actor, caseId: string): Promise<PrescriberCase> {
  const prescriber = await requireVerifiedPrescriber(deps, actor.principal);
  const current = await ownCase(deps, prescriber, caseId);
  const now = deps.now();
  await deps.db.db.transaction(async (tx) => {
    const locked = await lockCase(tx, caseId);
    if (!locked || !isOpenStatus(locked.status))
      throw conflict('Only an open request can be withdrawn.', 'invalid-state');
    await updateCase(tx, caseId, {
      status: 'withdrawn',
      decidedAt: now,
      clockPausedAt: null,
      clockRemainingSeconds: null,
      infoDueAt: null,
    });
    await insertEvent(tx, {
      caseId,
      kind: 'withdrawn',
      at: now,
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
    });
    await auditCase(deps, actor, { action: 'withdrawn', resourceId: caseId, memberId: current.memberId }, tx);
  });
  const row = await findCase(deps.db.db, caseId);
  if (!row) throw notFound();
  return caseViewFor(deps, row);
}

export async function appealAsPrescriber(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  input: AppealInput,
  notice: NoticeContext,
): Promise<PrescriberCase> {
  const prescriber = await requireVerifiedPrescriber(deps, actor.principal);
  const parent = await ownCase(deps, prescriber, caseId);
  const appeal = await fileAppeal(deps, actor, parent, input, notice);
  return caseViewFor(deps, { ...appeal, drugName: parent.drugName });
}
