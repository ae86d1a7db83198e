import { Alert, Button, TextField } from '@cmsgov/design-system';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { ApiError, errorMessage, postJson } from '../components/api/client';
import { Page } from '../components/content/Page';
import './identity.css';

interface ClientUser {
  id: string;
  username: string;
  email: string;
  displayName: string;
}

/** Account team: change a client user's username or e-mail address (client users cannot do it themselves). */
export function ClientUserProfilePage() {
  const [lookup, setLookup] = useState('');
  const [user, setUser] = useState<ClientUser | null>(null);
  const [change, setChange] = useState({ username: '', email: '' });
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();

  async function find(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    setStatus(undefined);
    try {
      setUser(await postJson<ClientUser>('/api/identity/client-users/lookup', { username: lookup }));
    } catch (err) {
      setUser(null);
      setError(errorMessage(err));
    }
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!user) return;
    setError(undefined);
    try {
      await postJson(`/api/identity/client-users/${user.id}/profile`, {
        ...(change.username ? { username: change.username } : {}),
        ...(change.email ? { email: change.email } : {}),
      });
      setStatus(
        `Saved.${change.email ? ` A confirmation link went to ${change.email}; the address changes when it is used.` : ''} The user was e-mailed about the change.`,
      );
      setChange({ username: '', email: '' });
    } catch (err) {
      setError(
        err instanceof ApiError
          ? (Object.values(err.fieldErrors())[0] ?? errorMessage(err))
          : errorMessage(err),
      );
    }
  }

  return (
    <Page
      title="Client user sign-in details"
      heading="Change a client user’s username or e-mail"
      eyebrow="Account team"
    >
      <div className="identity-form">
        {error ? (
          <Alert heading="That didn’t work" headingLevel="2" variation="error" role="alert">
            {error}
          </Alert>
        ) : null}
        {status ? (
          <Alert heading="Done" headingLevel="2" variation="success" role="status">
            {status}
          </Alert>
        ) : null}
        <form noValidate onSubmit={find} className="identity-panel">
          <TextField
            name="lookup"
            label="Client user’s username"
            value={lookup}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setLookup(e.target.value)}
          />
          <Button type="submit" className="ds-u-margin-top--3">
            Find
          </Button>
        </form>
        {user ? (
          <form noValidate onSubmit={save} className="identity-panel">
            <h2>{user.displayName}</h2>
            <p>
              Username: {user.username}
              <br />
              E-mail: {user.email}
            </p>
            <TextField
              name="username"
              label="New username (optional)"
              value={change.username}
              onChange={(e: ChangeEvent<HTMLInputElement>) =>
                setChange({ ...change, username: e.target.value })
              }
            />
            <TextField
              name="email"
              label="New e-mail address (optional)"
              type="email"
              value={change.email}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setChange({ ...change, email: e.target.value })}
            />
            <Button type="submit" variation="solid" className="ds-u-margin-top--3">
              Save changes
            </Button>
          </form>
        ) : null}
      </div>
    </Page>
  );
}
