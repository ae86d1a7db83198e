// The plan report as CSV: one section per table, suppressed cells left empty (and marked in a column).
import type { PlanReportView } from '@openpbm/shared/client-portal';

const cell = (v: number | string | null) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const line = (values: (number | string | null)[]) => values.map(cell).join(',');

export function planReportCsv(r: PlanReportView): string {
  const out = [
    line([
      'client',
      r.client.code,
      'from',
      r.period.from,
      'to',
      r.period.to,
      'suppressed under',
      r.suppressionThreshold,
    ]),
    '',
    line([
      'month',
      'suppressed',
      'enrolled members',
      'members using',
      'claims',
      'plan paid cents',
      'member paid cents',
      'plan paid pmpm cents',
      'member paid pmpm cents',
    ]),
    ...r.months.map((m) =>
      line([
        m.month,
        m.suppressed ? 'yes' : 'no',
        m.enrolledMembers,
        m.membersUsing,
        m.claims,
        m.planPaidCents,
        m.memberPaidCents,
        m.planPaidPmpmCents,
        m.memberPaidPmpmCents,
      ]),
    ),
    line([
      'total',
      r.totals.suppressed ? 'yes' : 'no',
      null,
      r.totals.membersUsing,
      r.totals.claims,
      r.totals.planPaidCents,
      r.totals.memberPaidCents,
      null,
      null,
    ]),
    '',
    line(['generic dispensing rate', r.totals.genericDispensingRate]),
    line(['home delivery share', r.totals.homeDeliveryShare]),
    line(['specialty share of cost', r.totals.specialtyShareOfCost]),
    '',
    line(['therapeutic class', 'suppressed', 'members', 'claims', 'plan paid cents']),
    ...r.therapeuticClasses.map((c) =>
      line([c.name, c.suppressed ? 'yes' : 'no', c.members, c.claims, c.planPaidCents]),
    ),
    '',
    line(['prior authorization requests', r.priorAuthorization.requests]),
    line(['prior authorization approval rate', r.priorAuthorization.approvalRate]),
  ];
  return `${out.join('\n')}\n`;
}
