// Requests for secure tools and the account team's decision. A request waits up to 10 days (the requester sees
// the expected date); the client-access-deadlines job reminds the account team on day 7 and escalates on day 10.
// Approval grants each tool for 12 months and, for an advisor, records that the client authorizes them.
import type { ClientTool } from '@openpbm/db/schema/client-portal';
import type { AccessDecisionInput, AccessRequestInput } from '@openpbm/shared/client-portal';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { publicBaseUrl } from '../identity/security-mail';
import { badRequest, conflict, notFound } from '../platform/problem';
import { recordAudit } from '../privacy/audit';
import * as repo from './access-repo';
import { grantExpiryFrom } from './client-access';

export const VERIFICATION_DAYS = 10;
export const REMINDER_DAY = 7;
const DAY_MS = 86_400_000;

type RequestRow = Awaited<ReturnType<typeof repo.requestsOf>>[number];

export function requestView(row: RequestRow, now: Date) {
  return {
    id: row.id,
    clientCode: row.clientCode,
    clientName: row.clientName,
    tools: row.tools as ClientTool[],
    status: row.status,
    requestedAt: row.createdAt.toISOString(),
    expectedBy: row.dueAt.toISOString(),
    daysWaiting: Math.floor(((row.decidedAt ?? now).getTime() - row.createdAt.getTime()) / DAY_MS),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionReason: row.decisionReason,
  };
}

const emailDomain = (email: string) => email.split('@').pop()?.toLowerCase() ?? '';

export function createAccessRequestService(deps: AppDeps) {
  const db = deps.db.db;

  async function reviewOf(row: NonNullable<Awaited<ReturnType<typeof repo.findRequest>>>) {
    const domains = await repo.knownDomains(db, row.clientId);
    return {
      ...requestView(row, deps.now()),
      requester: {
        displayName: row.requesterName,
        email: row.requesterEmail,
        role: row.requesterRole as 'client_user' | 'advisor',
        organization: await repo.organizationOf(db, row.userId),
      },
      emailDomainMatches: domains.includes(emailDomain(row.requesterEmail)),
      knownDomains: domains,
      remindedAt: row.remindedAt?.toISOString() ?? null,
      escalatedAt: row.escalatedAt?.toISOString() ?? null,
      checklist: row.checklist ?? null,
    };
  }

  return {
    async create(principal: Principal, input: AccessRequestInput) {
      const client = await repo.findClientByCode(db, input.clientCode);
      // A client user asks only for their own client; another client's number answers like an unknown one.
      if (
        client?.status !== 'active' ||
        (principal.role === 'client_user' && client.id !== principal.clientId)
      )
        throw badRequest('Correct the fields listed and try again.', [
          { field: 'clientCode', message: 'No client you can ask for has this number.' },
        ]);
      if (await repo.pendingRequestFor(db, principal.userId, client.id))
        throw conflict('You already have a request for this client waiting for the account team.');
      const now = deps.now();
      const tools = [...new Set(input.tools)];
      const row = await repo.insertRequest(db, {
        userId: principal.userId,
        clientId: client.id,
        tools,
        note: input.note ?? null,
        now,
        dueAt: new Date(now.getTime() + VERIFICATION_DAYS * DAY_MS),
      });
      return requestView({ ...row, clientCode: client.code, clientName: client.name }, now);
    },

    async queue(status: 'pending' | 'decided') {
      const rows = await repo.requestsByStatus(
        db,
        status === 'pending' ? ['pending'] : ['approved', 'denied'],
      );
      return Promise.all(rows.map(reviewOf));
    },

    async review(requestId: string) {
      const row = await repo.findRequest(db, requestId);
      if (!row) throw notFound('No access request with this id.');
      return reviewOf(row);
    },

    async decide(staff: Principal, requestId: string, input: AccessDecisionInput, ip: string | null) {
      const row = await repo.findRequest(db, requestId);
      if (!row) throw notFound('No access request with this id.');
      if (row.status !== 'pending') throw conflict('This request was already decided.');
      const ticked = Object.values(input.checklist).every(Boolean);
      if (input.decision === 'approve' && !ticked)
        throw badRequest('Complete the call-back checklist before approving.', [
          { field: 'checklist', message: 'Tick every call-back step before approving.' },
        ]);
      const now = deps.now();
      const status = input.decision === 'approve' ? ('approved' as const) : ('denied' as const);
      await db.transaction(async (tx) => {
        const decided = await repo.decideRequest(tx, {
          id: requestId,
          status,
          by: staff.userId,
          reason: input.reason,
          checklist: input.checklist,
          now,
        });
        if (!decided) throw conflict('This request was already decided.');
        if (status !== 'approved') return;
        for (const tool of row.tools as ClientTool[])
          await repo.upsertGrant(tx, {
            userId: row.userId,
            clientId: row.clientId,
            tool,
            grantedBy: staff.userId,
            requestId,
            now,
            expiresAt: grantExpiryFrom(now),
          });
        if (row.requesterAdvisorId) await repo.authorizeAdvisor(tx, row.clientId, row.requesterAdvisorId);
      });
      await recordAudit(
        db,
        {
          actorUserId: staff.userId,
          actorRole: staff.role,
          action: status,
          resourceType: 'client_access_request',
          resourceId: requestId,
          reason: 'operations',
          ip,
          detail: { tools: row.tools },
        },
        now,
      );
      // The requester hears that there is news, and reads it signed in.
      await deps.mailer
        .send({
          to: row.requesterEmail,
          subject: 'Your OpenPBM client portal access request was decided',
          text: `The account team has decided your request for secure tools. Sign in to see the answer:\n\n${publicBaseUrl(deps)}/clients/access`,
        })
        .catch(() => undefined);
      return reviewOf({
        ...row,
        status,
        decidedAt: now,
        decisionReason: input.reason,
        checklist: input.checklist,
      });
    },
  };
}
