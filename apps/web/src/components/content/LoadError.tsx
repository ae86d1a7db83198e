import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { ErrorAlert } from './ErrorAlert';

/**
 * What a page shows when the data it needs did not load: "We could not load <what>" and the server's reason, or
 * each of its reasons when the server named several (a refill quote that fails for two prescriptions).
 */
export function LoadError({
  error,
  what,
  heading,
  children,
}: {
  error: unknown;
  what: string;
  heading?: string;
  /** A way on (a link back), under the reason. */
  children?: ReactNode;
}) {
  return (
    <ErrorAlert heading={heading ?? `We could not load ${what}`}>
      <ProblemReasons error={error} />
      {children}
    </ErrorAlert>
  );
}

/** The server's reason, or each of its reasons when it named several. */
export function ProblemReasons({ error }: { error: unknown }) {
  const reasons = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  return reasons.length ? (
    <ul>
      {reasons.map((e) => (
        <li key={e.field + e.message}>{e.message}</li>
      ))}
    </ul>
  ) : (
    <p>{errorMessage(error)}</p>
  );
}
