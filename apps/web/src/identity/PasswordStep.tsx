import { Alert, Button, TextField } from '@cmsgov/design-system';
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import { ApiError, errorMessage, postJson } from '../components/api/client';
import { SiteKeyDisplay } from './SiteKeyDisplay';
import type { SignInResult, SiteKey } from './types';

/** Step 2: the SiteKey the user recognises (or not), then the password. */
export function PasswordStep({
  username,
  siteKey,
  onResult,
  onChangeUsername,
}: {
  username: string;
  siteKey: SiteKey;
  onResult: (result: SignInResult) => void;
  onChangeUsername: () => void;
}) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!password) {
      setError('Enter your password.');
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      onResult(await postJson<SignInResult>('/api/identity/sign-in/password', { username, password }));
    } catch (err) {
      setPassword('');
      if (err instanceof ApiError && err.status === 401) setError(errorMessage(err));
      else setNotice(errorMessage(err));
      inputRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={submit} aria-labelledby="sign-in-step-heading">
      <h2 id="sign-in-step-heading" className="sign-in__step-heading">
        Step 2: check your SiteKey, then enter your password
      </h2>
      <p>
        Signing in as <strong>{username}</strong>.{' '}
        <button
          type="button"
          className="ds-c-button ds-c-button--ghost ds-u-padding--0"
          onClick={onChangeUsername}
        >
          Not you?
        </button>
      </p>
      <SiteKeyDisplay siteKey={siteKey} />
      <p className="ds-u-font-size--sm">
        Only enter your password if this is the picture and phrase you chose. If you have not chosen a SiteKey
        yet, you will be asked to after signing in.
      </p>
      {notice ? (
        <Alert variation="error" headingLevel="3" heading="You can’t sign in right now" role="alert">
          {notice}
        </Alert>
      ) : null}
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e: ChangeEvent<HTMLInputElement>) => setPassword(e.target.value)}
        errorMessage={error}
        inputRef={inputRef}
        autoFocus
      />
      <Button type="submit" variation="solid" className="ds-u-margin-top--3" disabled={busy}>
        Sign in
      </Button>
    </form>
  );
}
