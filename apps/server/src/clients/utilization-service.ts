// The de-identified claims and utilization report (tool `claims_reports`): claims, members using, days supply and
// cost by month, by channel and by formulary tier. Each breakdown adds up to the published totals, so each gets
// small-cell suppression with complements, as the plan report does (packages/domain/src/reporting/suppression.ts).
// Members who opted out of de-identified use are left out in utilization-repo.ts. Each view is audited.
import { SUPPRESSION_THRESHOLD, suppressSmallCells } from '@openpbm/domain/reporting/suppression';
import type { UtilizationReportView, UtilizationRow } from '@openpbm/shared/client-tools';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { createClientAccess } from './client-access';
import { auditReportView, openReport } from './report-scope';
import * as repo from './utilization-repo';

export const CHANNEL_LABELS: Record<string, string> = {
  retail_30: 'Retail, 30 days',
  retail_90: 'Retail, 90 days',
  home_delivery_90: 'Home delivery, 90 days',
  specialty: 'Specialty pharmacy',
  unknown: 'Not recorded',
};
export const TIER_LABELS: Record<string, string> = {
  '1': 'Tier 1 (generic)',
  '2': 'Tier 2 (preferred brand)',
  '3': 'Tier 3 (non-preferred)',
  '4': 'Tier 4 (specialty)',
  unknown: 'Not recorded',
};

/** "2026-01".."2026-03" → every month between, so a month without claims shows as 0. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

const empty = (key: string): repo.UtilizationAggregate => ({
  key,
  members: 0,
  claims: 0,
  daysSupply: 0,
  planPaidCents: 0,
  memberPaidCents: 0,
});

function rowOf(a: repo.UtilizationAggregate, label: string, hidden: boolean): UtilizationRow {
  const v = (n: number) => (hidden ? null : n);
  return {
    key: a.key,
    label,
    suppressed: hidden,
    members: v(a.members),
    claims: v(a.claims),
    daysSupply: v(a.daysSupply),
    planPaidCents: v(a.planPaidCents),
    memberPaidCents: v(a.memberPaidCents),
  };
}

/** One breakdown with its suppression against the period's distinct member total. */
function breakdown(
  rows: repo.UtilizationAggregate[],
  totalMembers: number,
  label: (key: string) => string,
): UtilizationRow[] {
  const cut = suppressSmallCells(
    rows.map((r) => r.members),
    { totalMembers },
  );
  return rows.map((r, i) => rowOf(r, label(r.key), cut.suppressed.has(i)));
}

export function createUtilizationReportService(deps: AppDeps) {
  const access = createClientAccess(deps);
  return {
    async report(
      principal: Principal,
      clientId: string,
      fromMonth: string,
      toMonth: string,
    ): Promise<UtilizationReportView> {
      const { client, period } = await openReport(deps, access, principal, clientId, 'claims_reports', {
        fromMonth,
        toMonth,
      });
      const [totals, months, channels, tiers] = await Promise.all([
        repo.utilizationTotals(deps.db, clientId, period),
        repo.utilizationByMonth(deps.db, clientId, period),
        repo.utilizationByChannel(deps.db, clientId, period),
        repo.utilizationByTier(deps.db, clientId, period),
      ]);
      const byMonth = new Map(months.map((m) => [m.key, m]));
      const allMonths = monthsBetween(fromMonth, toMonth).map((m) => byMonth.get(m) ?? empty(m));
      const totalHidden = totals.members < SUPPRESSION_THRESHOLD;
      await auditReportView(deps, principal, clientId, 'utilization_report', period);
      return {
        client: { code: client.code, name: client.name },
        period: { from: fromMonth, to: toMonth },
        suppressionThreshold: SUPPRESSION_THRESHOLD,
        totals: rowOf(totals, 'All claims', totalHidden),
        byMonth: breakdown(allMonths, totals.members, (k) => k),
        byChannel: breakdown(channels, totals.members, (k) => CHANNEL_LABELS[k] ?? k),
        byTier: breakdown(tiers, totals.members, (k) => TIER_LABELS[k] ?? k),
      };
    },
  };
}

/** The report as CSV: one section per breakdown, suppressed figures left empty. */
export function utilizationCsv(r: UtilizationReportView): string {
  const head = 'section,row,members_using,claims,days_supply,plan_paid_usd,member_paid_usd,suppressed';
  const usd = (c: number | null) => (c === null ? '' : (c / 100).toFixed(2));
  const n = (v: number | null) => (v === null ? '' : String(v));
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const line = (section: string, row: UtilizationRow) =>
    [
      section,
      quote(row.label),
      n(row.members),
      n(row.claims),
      n(row.daysSupply),
      usd(row.planPaidCents),
      usd(row.memberPaidCents),
      row.suppressed ? 'yes' : 'no',
    ].join(',');
  return `${[
    head,
    line('total', r.totals),
    ...r.byMonth.map((row) => line('month', row)),
    ...r.byChannel.map((row) => line('channel', row)),
    ...r.byTier.map((row) => line('tier', row)),
  ].join('\r\n')}\r\n`;
}
