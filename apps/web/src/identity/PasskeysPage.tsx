import { Alert, Button, TextField } from '@cmsgov/design-system';
import { useQuery } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { deleteJson, errorMessage, getJson } from '../components/api/client';
import { formatInstant } from '../components/format/dates';
import { AccountPage } from './AccountPage';
import { useAccountRefresh } from './account';
import { createPasskey, passkeyErrorMessage, passkeysSupported } from './passkeys';
import { needsReauth, ReauthGate } from './ReauthGate';
import { RecoveryCodesList } from './RecoveryCodesList';

interface PasskeyRow {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export function PasskeysPage() {
  return (
    <AccountPage
      title="Passkeys"
      heading="Passkeys"
      lead="Sign in with your fingerprint, face or device PIN instead of a password, or use a passkey as your second step."
    >
      {(a) => (
        <ReauthGate account={a}>
          <PasskeySettings />
        </ReauthGate>
      )}
    </AccountPage>
  );
}

const when = (iso: string | null) => (iso ? formatInstant(iso) : 'never');

function PasskeySettings() {
  const list = useQuery({
    queryKey: ['identity', 'passkeys'],
    queryFn: async () =>
      (await getJson<{ passkeys: PasskeyRow[] }>('/api/identity/account/passkeys')).passkeys,
  });
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [codes, setCodes] = useState<string[] | null>(null);
  const refresh = useAccountRefresh();

  async function run(action: () => Promise<void>) {
    setError(undefined);
    setStatus(undefined);
    try {
      await action();
      await list.refetch();
      await refresh();
    } catch (err) {
      if (needsReauth(err)) await refresh();
      else setError(passkeyErrorMessage(err) ?? errorMessage(err));
    }
  }

  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    return run(async () => {
      const result = await createPasskey(name.trim() || 'My passkey');
      setCodes(result.recoveryCodes);
      setName('');
      setStatus('Your passkey was added.');
    });
  };

  return (
    <div className="identity-panel">
      {status ? (
        <Alert heading="Done" headingLevel="2" variation="success" role="status">
          {status}
        </Alert>
      ) : null}
      {codes ? <RecoveryCodesList codes={codes} /> : null}
      {error ? (
        <Alert heading="That didn’t work" headingLevel="2" variation="error" role="alert">
          {error}
        </Alert>
      ) : null}
      <h2 className="ds-text-heading--xl">Your passkeys</h2>
      {list.data?.length ? (
        <ul className="identity-list" data-testid="passkey-list">
          {list.data.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong> — added {when(p.createdAt)}, last used {when(p.lastUsedAt)}
              <br />
              <Button
                type="button"
                size="small"
                onClick={() => run(() => deleteJson(`/api/identity/account/passkeys/${p.id}`))}
              >
                Remove {p.name}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p>You have no passkeys yet.</p>
      )}
      {passkeysSupported() ? (
        <form noValidate onSubmit={add} className="ds-u-margin-top--3">
          <TextField
            name="passkeyName"
            label="Name for the new passkey"
            hint="So you can tell your passkeys apart, for example “Work laptop”."
            value={name}
            maxLength={60}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setName(e.target.value)}
          />
          <Button type="submit" variation="solid" className="ds-u-margin-top--3">
            Add a passkey
          </Button>
        </form>
      ) : (
        <p>This browser can’t create passkeys.</p>
      )}
    </div>
  );
}
