import { Button } from '@cmsgov/design-system';
import { defaultReportPeriod } from '@openpbm/shared/client-portal';
import { useState } from 'react';
import { formatCents, formatCount } from '../../components/format/money';

/** How a de-identified report shows a cell it suppressed (fewer members than the threshold). */
export const SUPPRESSED = 'Suppressed';
export const suppressedMoney = (cents: number | null) => (cents === null ? SUPPRESSED : formatCents(cents));
export const suppressedCount = (n: number | null) => (n === null ? SUPPRESSED : formatCount(n));

export interface ReportPeriod {
  from: string;
  to: string;
}

/** The months a client report covers: the last six by default, changed only when the form is submitted. */
export function useReportPeriod() {
  const [period, setPeriod] = useState<ReportPeriod>(() => defaultReportPeriod(new Date()));
  return { period, setPeriod, qs: `from=${period.from}&to=${period.to}` };
}

/** From/To month pickers with a "Show report" button; `idPrefix` keeps the field ids unique per page. */
export function ReportPeriodForm({
  idPrefix,
  period,
  onChange,
}: {
  idPrefix: string;
  period: ReportPeriod;
  onChange: (period: ReportPeriod) => void;
}) {
  const [draft, setDraft] = useState(period);
  const month = (key: keyof ReportPeriod, label: string) => (
    <div>
      <label className="ds-c-label" htmlFor={`${idPrefix}-${key}`}>
        {label}
      </label>
      <input
        id={`${idPrefix}-${key}`}
        className="ds-c-field"
        type="month"
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </div>
  );
  return (
    <form
      className="plan-report__controls"
      aria-label="Report period"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(draft);
      }}
    >
      {month('from', 'From month')}
      {month('to', 'To month')}
      <Button type="submit">Show report</Button>
    </form>
  );
}
