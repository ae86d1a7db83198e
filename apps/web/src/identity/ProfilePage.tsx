import { Alert, Button, TextField } from '@cmsgov/design-system';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { ApiError, errorMessage, postJson } from '../components/api/client';
import { AccountPage } from './AccountPage';
import { useAccountRefresh } from './account';
import { needsReauth, ReauthGate } from './ReauthGate';

/** Change username or e-mail (members and staff); client users are sent to their account team. */
export function ProfilePage() {
  return (
    <AccountPage title="Username and e-mail" heading="Change your username or e-mail">
      {(a) =>
        a.selfServiceProfileChanges ? (
          <ReauthGate account={a}>
            <UsernameForm current={a.username} />
            <EmailForm current={a.email} />
          </ReauthGate>
        ) : (
          <Alert heading="Contact your account team" headingLevel="2" role="status">
            Your username and e-mail address are managed by your account team. Please contact your account
            team to change them.
          </Alert>
        )
      }
    </AccountPage>
  );
}

function useChange(url: string, body: (value: string) => unknown, done: (value: string) => string) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const refresh = useAccountRefresh();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    setStatus(undefined);
    try {
      await postJson(url, body(value));
      setStatus(done(value));
      setValue('');
      await refresh();
    } catch (err) {
      if (needsReauth(err)) await refresh();
      else
        setError(
          err instanceof ApiError
            ? (Object.values(err.fieldErrors())[0] ?? errorMessage(err))
            : errorMessage(err),
        );
    }
  }
  return { value, setValue, error, status, submit };
}

function UsernameForm({ current }: { current: string }) {
  const f = useChange(
    '/api/identity/account/username',
    (username) => ({ username }),
    (v) => `Your username is now ${v}.`,
  );
  return (
    <form noValidate onSubmit={f.submit} className="identity-panel" aria-labelledby="username-heading">
      <h2 id="username-heading" className="ds-text-heading--xl">
        Username
      </h2>
      {f.status ? (
        <Alert heading="Saved" headingLevel="3" variation="success" role="status">
          {f.status}
        </Alert>
      ) : null}
      <p>Current username: {current}</p>
      <TextField
        name="newUsername"
        label="New username"
        hint="4 to 40 letters, digits or . _ - @"
        autoComplete="username"
        value={f.value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => f.setValue(e.target.value)}
        errorMessage={f.error}
      />
      <Button type="submit" variation="solid" className="ds-u-margin-top--3">
        Change username
      </Button>
    </form>
  );
}

function EmailForm({ current }: { current: string }) {
  const f = useChange(
    '/api/identity/account/email',
    (email) => ({ email }),
    (v) => `We sent a link to ${v}. Your address changes when you open it.`,
  );
  return (
    <form noValidate onSubmit={f.submit} className="identity-panel" aria-labelledby="email-heading">
      <h2 id="email-heading" className="ds-text-heading--xl">
        E-mail address
      </h2>
      {f.status ? (
        <Alert heading="Check your new inbox" headingLevel="3" variation="success" role="status">
          {f.status}
        </Alert>
      ) : null}
      <p>Current address: {current}</p>
      <TextField
        name="newEmail"
        label="New e-mail address"
        type="email"
        autoComplete="email"
        value={f.value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => f.setValue(e.target.value)}
        errorMessage={f.error}
      />
      <Button type="submit" variation="solid" className="ds-u-margin-top--3">
        Change e-mail address
      </Button>
    </form>
  );
}
