import { Spinner } from '@cmsgov/design-system';

/** The one "Loading …" line of the app: a polite status, so screen readers hear it once. */
export function Loading({ what }: { what?: string }) {
  return (
    <div className="page-loading" role="status">
      <Spinner aria-valuetext="Loading" /> Loading{what ? ` ${what}` : ''}…
    </div>
  );
}
