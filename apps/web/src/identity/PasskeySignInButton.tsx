import { Alert, Button } from '@cmsgov/design-system';
import { useState } from 'react';
import { errorMessage } from '../components/api/client';
import { passkeyErrorMessage, passkeysSupported, signInWithPasskey } from './passkeys';
import type { SignInResult } from './types';

/** "Sign in with a passkey": no username or password needed. */
export function PasskeySignInButton({ onResult }: { onResult: (result: SignInResult) => void }) {
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (!passkeysSupported()) return null;

  async function go() {
    setBusy(true);
    setError(undefined);
    try {
      onResult(await signInWithPasskey());
    } catch (err) {
      setError(passkeyErrorMessage(err) ?? errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      {error ? (
        <Alert variation="error" heading="Passkey sign-in didn’t work" headingLevel="3" role="alert">
          {error}
        </Alert>
      ) : null}
      <Button type="button" variation="solid" onClick={go} disabled={busy} className="ds-u-margin-top--2">
        Sign in with a passkey
      </Button>
    </div>
  );
}
