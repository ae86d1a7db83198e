import { Alert } from '@cmsgov/design-system';
import { errorMessage } from '../api/client';

/** What a page shows when the data it needs did not load: "We could not load <what>" and the server's reason. */
export function LoadError({ error, what }: { error: unknown; what: string }) {
  return (
    <Alert variation="error" heading={`We could not load ${what}`} headingLevel="2" role="alert">
      <p>{errorMessage(error)}</p>
    </Alert>
  );
}
