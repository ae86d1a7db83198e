// What the authenticator and passkey pages share: the "Done" line and any new recovery codes after a change, and
// the rule that a change refused for want of a recent password brings the password prompt back.
import { Alert } from '@cmsgov/design-system';
import { useState } from 'react';
import { useAccountRefresh } from './account';
import { needsReauth } from './ReauthGate';
import { RecoveryCodesList } from './RecoveryCodesList';

export function useFactorChange() {
  const [status, setStatus] = useState<string | undefined>();
  const [codes, setCodes] = useState<string[] | null>(null);
  const refresh = useAccountRefresh();
  /** Runs a change from a form: the re-authentication prompt when it is due, other failures to the form. */
  async function change(action: () => Promise<{ message: string; recoveryCodes?: string[] | null }>) {
    setStatus(undefined);
    try {
      const done = await action();
      if (done.recoveryCodes !== undefined) setCodes(done.recoveryCodes);
      setStatus(done.message);
      await refresh();
    } catch (err) {
      if (!needsReauth(err)) throw err;
      await refresh();
    }
  }
  const outcome = (
    <>
      {status ? (
        <Alert heading="Done" headingLevel="2" variation="success" role="status">
          {status}
        </Alert>
      ) : null}
      {codes ? <RecoveryCodesList codes={codes} /> : null}
    </>
  );
  return { change, setStatus, outcome, refresh };
}
