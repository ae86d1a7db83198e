// What every client report (plan report, claims and utilization report) does first and last: check the caller's
// grant for the report's tool, find the client, turn the months into a period, and audit the view as a report
// view (aggregates only: no member is touched individually).
import type { ClientTool } from '@openpbm/db/schema/client-portal';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { badRequest } from '../platform/problem';
import { recordAudit } from '../privacy/audit';
import { findClient } from './access-repo';
import { type ClientAccess, noSuchClient } from './client-access';
import type { Period } from './report-repo';

export const MAX_MONTHS = 24;

/** "2026-01".."2026-06" → first and last day; field errors for a bad or too long range. */
export function periodOf(fromMonth: string, toMonth: string): Period {
  const [fy, fm] = fromMonth.split('-').map(Number) as [number, number];
  const [ty, tm] = toMonth.split('-').map(Number) as [number, number];
  const months = (ty - fy) * 12 + (tm - fm) + 1;
  if (months < 1)
    throw badRequest('The period ends before it starts.', [
      { field: 'to', message: 'Choose an end month on or after the start month.' },
    ]);
  if (months > MAX_MONTHS)
    throw badRequest(`A report covers at most ${MAX_MONTHS} months.`, [
      { field: 'to', message: `Choose at most ${MAX_MONTHS} months.` },
    ]);
  const last = new Date(Date.UTC(ty, tm, 0)).toISOString().slice(0, 10);
  return { from: `${fromMonth}-01`, to: last };
}

/** The grant (404 / 403), the client and the period of one report request. */
export async function openReport(
  deps: AppDeps,
  access: ClientAccess,
  principal: Principal,
  clientId: string,
  tool: ClientTool,
  months: { fromMonth: string; toMonth: string },
) {
  await access.requireTool(principal, clientId, tool);
  const client = await findClient(deps.db.db, clientId);
  if (!client) throw noSuchClient();
  return { client, period: periodOf(months.fromMonth, months.toMonth) };
}

export function auditReportView(
  deps: AppDeps,
  principal: Principal,
  clientId: string,
  resourceType: 'plan_report' | 'utilization_report',
  period: Period,
): Promise<void> {
  return recordAudit(
    deps.db.db,
    {
      actorUserId: principal.userId,
      actorRole: principal.role,
      action: 'viewed',
      resourceType,
      resourceId: clientId,
      reason: 'operations',
      detail: { from: period.from, to: period.to },
    },
    deps.now(),
  );
}
