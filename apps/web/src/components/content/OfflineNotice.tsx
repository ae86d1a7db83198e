import { Alert } from '@cmsgov/design-system';
import { formatInstant } from '../format/dates';

/**
 * "You are offline" over a page shown from the copy this device saved (`savedAt`), or, with no copy, how to get
 * one (`howToSave`).
 */
export function OfflineNotice({ savedAt, howToSave }: { savedAt: string | null; howToSave: string }) {
  return savedAt ? (
    <Alert variation="warn" heading="You are offline" headingLevel="2" className="no-print" role="status">
      <p>This is the copy saved on {formatInstant(savedAt)}.</p>
    </Alert>
  ) : (
    <Alert variation="warn" heading="You are offline" headingLevel="2">
      <p>{howToSave}</p>
    </Alert>
  );
}
