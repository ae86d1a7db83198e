import { Alert, Button, TextField } from '@cmsgov/design-system';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { ApiError, deleteJson, errorMessage, postJson } from '../components/api/client';
import { AccountPage } from './AccountPage';
import { useAccountRefresh } from './account';
import { needsReauth, ReauthGate } from './ReauthGate';
import { RecoveryCodesList } from './RecoveryCodesList';
import type { AccountOverview } from './types';

export function AuthenticatorPage() {
  return (
    <AccountPage
      title="Authenticator app"
      heading="Authenticator app"
      lead="A 6-digit code from an app on your phone (for example Google Authenticator, Microsoft Authenticator or 1Password) as a second step when you sign in."
    >
      {(a) => (
        <ReauthGate account={a}>
          <AuthenticatorSettings account={a} />
        </ReauthGate>
      )}
    </AccountPage>
  );
}

export function AuthenticatorSettings({ account }: { account: AccountOverview }) {
  const [setup, setSetup] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const refresh = useAccountRefresh();

  async function run(action: () => Promise<void>) {
    setError(undefined);
    setStatus(undefined);
    try {
      await action();
    } catch (err) {
      if (needsReauth(err)) await refresh();
      else
        setError(err instanceof ApiError ? (err.fieldErrors().code ?? errorMessage(err)) : errorMessage(err));
    }
  }

  const start = () => run(async () => setSetup(await postJson('/api/identity/account/totp/setup')));
  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    return run(async () => {
      const result = await postJson<{ recoveryCodes: string[] | null }>(
        '/api/identity/account/totp/confirm',
        { code },
      );
      setSetup(null);
      setCode('');
      setCodes(result.recoveryCodes);
      setStatus('Your authenticator app is set up. You’ll be asked for a code when you sign in.');
      await refresh();
    });
  };
  const remove = () =>
    run(async () => {
      await deleteJson('/api/identity/account/totp');
      setStatus('The authenticator app was removed.');
      await refresh();
    });

  return (
    <div className="identity-panel">
      {status ? (
        <Alert heading="Done" headingLevel="2" variation="success" role="status">
          {status}
        </Alert>
      ) : null}
      {codes ? <RecoveryCodesList codes={codes} /> : null}
      {error && !setup ? (
        <Alert heading="That didn’t work" headingLevel="2" variation="error" role="alert">
          {error}
        </Alert>
      ) : null}
      {account.totpEnabled ? (
        <>
          <p>Your authenticator app is on.</p>
          <Button type="button" onClick={remove}>
            Remove authenticator app
          </Button>
        </>
      ) : setup ? (
        <form noValidate onSubmit={confirm} aria-labelledby="totp-setup-heading">
          <h2 id="totp-setup-heading" className="ds-text-heading--xl">
            Add OpenPBM to your app
          </h2>
          <ol>
            <li>
              In your authenticator app, choose to add an account and enter this key (or, on your phone,{' '}
              <a href={setup.otpauthUri}>open it in the app</a>):
              <p className="totp-secret" data-testid="totp-secret">
                {setup.secret}
              </p>
            </li>
            <li>Enter the 6-digit code the app shows.</li>
          </ol>
          <TextField
            name="code"
            label="Code from the app"
            autoComplete="one-time-code"
            inputMode="numeric"
            value={code}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setCode(e.target.value)}
            errorMessage={error}
          />
          <Button type="submit" variation="solid" className="ds-u-margin-top--3">
            Turn on
          </Button>
        </form>
      ) : (
        <Button type="button" variation="solid" onClick={start}>
          Set up an authenticator app
        </Button>
      )}
    </div>
  );
}
