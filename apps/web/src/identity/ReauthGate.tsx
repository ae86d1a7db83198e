import { Button, TextField } from '@cmsgov/design-system';
import { type ChangeEvent, type FormEvent, type ReactNode, useRef, useState } from 'react';
import { ApiError, errorMessage, postJson } from '../components/api/client';
import { useAccountRefresh } from './account';
import type { AccountOverview } from './types';

/** Sensitive changes need the password entered in the last 5 minutes: ask for it first when needed. */
export function ReauthGate({ account, children }: { account: AccountOverview; children: ReactNode }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const refresh = useAccountRefresh();
  const inputRef = useRef<HTMLInputElement>(null);
  if (account.recentlyAuthenticated) return <>{children}</>;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await postJson('/api/identity/account/reauthenticate', { password });
      setPassword('');
      await refresh();
    } catch (err) {
      setError(
        err instanceof ApiError ? (err.fieldErrors().password ?? errorMessage(err)) : errorMessage(err),
      );
      inputRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={submit} className="identity-panel" aria-labelledby="reauth-heading">
      <h2 id="reauth-heading" className="ds-text-heading--xl">
        Confirm it’s you
      </h2>
      <p>For your security, enter your password before changing this.</p>
      <TextField
        name="currentPassword"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e: ChangeEvent<HTMLInputElement>) => setPassword(e.target.value)}
        errorMessage={error}
        inputRef={inputRef}
      />
      <Button type="submit" variation="solid" className="ds-u-margin-top--3" disabled={busy}>
        Confirm
      </Button>
    </form>
  );
}

/** True when an error means "re-authenticate first" (the window passed while the page was open). */
export const needsReauth = (error: unknown): boolean =>
  error instanceof ApiError && error.type === 'reauthentication-required';
