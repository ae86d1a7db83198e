import { Button } from '@cmsgov/design-system';

/**
 * The status filter above a work queue: one toggle button a status, the chosen one pressed, each with its
 * count (the home-delivery order queue and the transfer queue).
 */
export function StatusTabs<S extends string>({
  legend,
  statuses,
  label,
  value,
  onChange,
  counts,
}: {
  /** Read by screen readers only. */
  legend: string;
  statuses: readonly S[];
  label: (status: S) => string;
  value: S;
  onChange: (status: S) => void;
  counts?: Partial<Record<S, number>>;
}) {
  return (
    <fieldset className="hd-tabs">
      <legend className="ds-u-visibility--screen-reader">{legend}</legend>
      {statuses.map((s) => (
        <Button key={s} size="small" aria-pressed={s === value} onClick={() => onChange(s)}>
          {label(s)}
          {counts ? ` (${counts[s] ?? 0})` : null}
        </Button>
      ))}
    </fieldset>
  );
}
