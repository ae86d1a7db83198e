import { ErrorAlert } from './ErrorAlert';
import { ProblemReasons } from './LoadError';

/**
 * Why an action that is not a form (a "Cancel" or "Start review" button) failed: the server's reason in an alert.
 * Renders nothing while there is no error. Forms put their errors in their error summary instead.
 */
export function ActionError({
  error,
  heading,
  headingLevel = '3',
}: {
  error: unknown;
  heading: string;
  headingLevel?: '2' | '3' | '4';
}) {
  if (!error) return null;
  return (
    <ErrorAlert heading={heading} headingLevel={headingLevel}>
      <ProblemReasons error={error} />
    </ErrorAlert>
  );
}
