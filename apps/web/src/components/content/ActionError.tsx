import { Alert } from '@cmsgov/design-system';
import { errorMessage } from '../api/client';

/**
 * Why an action that is not a form (a "Cancel" or "Start review" button) failed: the server's reason in an alert.
 * Renders nothing while there is no error. Forms put their errors in their error summary instead.
 */
export function ActionError({ error, heading }: { error: unknown; heading: string }) {
  if (!error) return null;
  return (
    <Alert variation="error" heading={heading} headingLevel="3" role="alert">
      <p>{errorMessage(error)}</p>
    </Alert>
  );
}
