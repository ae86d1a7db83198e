import { Button } from '@cmsgov/design-system';
import { useState } from 'react';
import { errorMessage, postJson } from '../components/api/client';
import { ErrorAlert } from '../components/content/ErrorAlert';
import { AccountPage } from './AccountPage';
import { useAccountRefresh } from './account';
import { needsReauth, ReauthGate } from './ReauthGate';
import { RecoveryCodesList } from './RecoveryCodesList';

export function RecoveryCodesPage() {
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | undefined>();
  const refresh = useAccountRefresh();

  async function regenerate() {
    setError(undefined);
    try {
      setCodes(
        (await postJson<{ recoveryCodes: string[] }>('/api/identity/account/recovery-codes')).recoveryCodes,
      );
      await refresh();
    } catch (err) {
      if (needsReauth(err)) await refresh();
      else setError(errorMessage(err));
    }
  }

  return (
    <AccountPage title="Recovery codes" heading="Recovery codes">
      {(a) => (
        <ReauthGate account={a}>
          <div className="identity-panel">
            <p>
              You have <strong>{a.recoveryCodesLeft}</strong> unused recovery codes. Getting new ones makes
              the old ones stop working.
            </p>
            {error ? <ErrorAlert heading="That didn’t work">{error}</ErrorAlert> : null}
            {codes ? <RecoveryCodesList codes={codes} /> : null}
            <Button type="button" variation="solid" onClick={regenerate} className="ds-u-margin-top--2">
              Get 10 new recovery codes
            </Button>
          </div>
        </ReauthGate>
      )}
    </AccountPage>
  );
}
