import type { AccumulatorSummary } from '@openpbm/shared/benefits';
import { formatDate } from '../../../components/format/dates';
import { formatCents } from '../../../components/format/money';

function Progress({ label, paid, limit }: { label: string; paid: number; limit: number }) {
  const percent = limit > 0 ? Math.min(100, Math.round((paid / limit) * 100)) : 100;
  return (
    <div className="paid-so-far__item">
      <dt className="paid-so-far__label">{label}</dt>
      <dd className="paid-so-far__value">
        {formatCents(paid)} of {formatCents(limit)}
        <meter
          className="paid-so-far__meter"
          min={0}
          max={100}
          value={percent}
          aria-label={`${label}: ${percent}% met`}
        >
          {percent}%
        </meter>
      </dd>
    </div>
  );
}

/** "What you've paid so far" toward the deductible and out-of-pocket maximum this plan year. */
export function PaidSoFar({ summary, who }: { summary: AccumulatorSummary; who: string }) {
  const family = summary.coverageLevel === 'family';
  return (
    <div className="paid-so-far">
      <p className="paid-so-far__period">
        Plan year {formatDate(summary.planYear.startDate)} to {formatDate(summary.planYear.endDate)}
      </p>
      <dl className="paid-so-far__list">
        <Progress
          label={`Deductible (${who})`}
          paid={summary.deductible.individual.paidCents}
          limit={summary.deductible.individual.limitCents}
        />
        {family && summary.deductible.family ? (
          <Progress
            label="Deductible (family)"
            paid={summary.deductible.family.paidCents}
            limit={summary.deductible.family.limitCents}
          />
        ) : null}
        <Progress
          label={`Out-of-pocket maximum (${who})`}
          paid={summary.outOfPocket.individual.paidCents}
          limit={summary.outOfPocket.individual.limitCents}
        />
        {family && summary.outOfPocket.family ? (
          <Progress
            label="Out-of-pocket maximum (family)"
            paid={summary.outOfPocket.family.paidCents}
            limit={summary.outOfPocket.family.limitCents}
          />
        ) : null}
      </dl>
      <p className="paid-so-far__remaining">
        Left before your deductible is met: <strong>{formatCents(summary.deductibleRemainingCents)}</strong>.
        Left before your out-of-pocket maximum:{' '}
        <strong>{formatCents(summary.outOfPocketRemainingCents)}</strong>
        {family ? ' (whichever of your own and your family’s limit comes first).' : '.'}
      </p>
    </div>
  );
}
