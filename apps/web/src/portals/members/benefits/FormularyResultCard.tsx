import { Badge } from '@cmsgov/design-system';
import { type FormularyResult, TIER_LABELS } from '@openpbm/shared/benefits';
import { Link } from '@tanstack/react-router';
import './navigation-state';

function StatusBadge({ result }: { result: FormularyResult }) {
  if (result.status === 'covered') {
    return (
      <Badge variation="success" screenReaderText="Coverage: ">
        Covered
      </Badge>
    );
  }
  if (result.status === 'excluded') {
    return (
      <Badge variation="alert" screenReaderText="Coverage: ">
        Not covered (excluded)
      </Badge>
    );
  }
  return (
    <Badge variation="warn" screenReaderText="Coverage: ">
      Not on your plan’s drug list
    </Badge>
  );
}

const yesNo = (value: boolean) => (value ? 'Required' : 'Not required');

/** One drug of a formulary search: coverage, tier, utilization rules, alternatives, and a price check link. */
export function FormularyResultCard({ result, memberId }: { result: FormularyResult; memberId: string }) {
  const headingId = `drug-${result.drugGroupId}`;
  const covered = result.status === 'covered';
  return (
    <li className="formulary-result">
      <article aria-labelledby={headingId}>
        <h3 id={headingId} className="formulary-result__name">
          {result.name}
        </h3>
        <div className="formulary-result__badges">
          <StatusBadge result={result} />
          {result.tier ? <Badge variation="info">{TIER_LABELS[result.tier as 1 | 2 | 3 | 4]}</Badge> : null}
          {result.specialty ? <Badge variation="info">Specialty drug</Badge> : null}
        </div>
        <dl className="formulary-result__facts">
          <div>
            <dt>Brand names</dt>
            <dd>{result.brandNames.length > 0 ? result.brandNames.join(', ') : 'None'}</dd>
          </div>
          <div>
            <dt>Generic available</dt>
            <dd>{result.genericAvailable ? 'Yes' : 'No'}</dd>
          </div>
          {covered ? (
            <>
              <div>
                <dt>Prior authorization (PA)</dt>
                <dd>{yesNo(result.requiresPriorAuth)}</dd>
              </div>
              <div>
                <dt>Step therapy (ST)</dt>
                <dd>{yesNo(result.requiresStepTherapy)}</dd>
              </div>
              <div>
                <dt>Quantity limit (QL)</dt>
                <dd>
                  {result.quantityLimit
                    ? `${result.quantityLimit.quantity} ${result.quantityLimit.unit} per ${result.quantityLimit.days} days`
                    : 'None'}
                </dd>
              </div>
            </>
          ) : null}
        </dl>
        {result.preferredAlternatives.length > 0 ? (
          <div className="formulary-result__alternatives">
            <p className="formulary-result__alternatives-heading">Covered alternatives your plan prefers:</p>
            <ul>
              {result.preferredAlternatives.map((alternative) => (
                <li key={alternative.drugGroupId}>
                  {alternative.name}
                  {alternative.tier ? ` (${TIER_LABELS[alternative.tier as 1 | 2 | 3 | 4]})` : ''}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <Link
          to="/members/price-check"
          state={(previous) => ({ ...previous, priceCheck: { memberId, drug: result } })}
          className="ds-c-button ds-c-button--small formulary-result__action"
        >
          Check the price<span className="ds-u-visibility--screen-reader"> of {result.name}</span>
        </Link>
      </article>
    </li>
  );
}
