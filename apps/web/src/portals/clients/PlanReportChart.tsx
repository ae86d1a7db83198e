// The monthly cost chart (recharts). Suppressed months have no bar; the table beside it is the text alternative.
import type { PlanReportView } from '@openpbm/shared/client-portal';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const dollars = (cents: number | null) => (cents === null ? null : Math.round(cents) / 100);

export function PlanReportChart({ report }: { report: PlanReportView }) {
  const data = report.months.map((m) => ({
    month: m.month,
    'Plan paid per member per month': dollars(m.planPaidPmpmCents),
    'Member paid per member per month': dollars(m.memberPaidPmpmCents),
  }));
  return (
    <figure
      className="plan-chart"
      aria-label="Cost per member per month, by month (the table below has the same figures)"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" />
          <YAxis tickFormatter={(v: number) => `$${v}`} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `$${v.toFixed(2)}` : 'suppressed')} />
          <Legend />
          <Bar dataKey="Plan paid per member per month" fill="#005ea2" />
          <Bar dataKey="Member paid per member per month" fill="#c05600" />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
