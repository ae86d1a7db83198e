// Claims per month (recharts). Suppressed months have no bar; the table below is the text alternative.
import type { UtilizationReportView } from '@openpbm/shared/client-tools';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export function UtilizationChart({ report }: { report: UtilizationReportView }) {
  const data = report.byMonth.map((m) => ({ month: m.label, Claims: m.claims, 'Members using': m.members }));
  return (
    <figure
      className="plan-chart"
      aria-label="Claims and members using, by month (the table below has the same figures)"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" />
          <YAxis allowDecimals={false} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v : 'suppressed')} />
          <Legend />
          <Bar dataKey="Claims" fill="#005ea2" />
          <Bar dataKey="Members using" fill="#c05600" />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
