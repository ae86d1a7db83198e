import { Button } from '@cmsgov/design-system';
import { text } from '@openpbm/shared/input';
import { useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { deleteJson, getJson } from '../components/api/client';
import { ActionError } from '../components/content/ActionError';
import { Field, Form, SubmitButton, useZodForm } from '../components/form';
import { formatInstant } from '../components/format/dates';
import { AccountPage } from './AccountPage';
import { useFactorChange } from './factor-change';
import { createPasskey, passkeysSupported } from './passkeys';
import { needsReauth, ReauthGate } from './ReauthGate';

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

const passkeyForm = z.object({ name: text(60) });

function PasskeySettings() {
  const list = useQuery({
    queryKey: ['identity', 'passkeys'],
    queryFn: async () =>
      (await getJson<{ passkeys: PasskeyRow[] }>('/api/identity/account/passkeys')).passkeys,
  });
  const { change, setStatus, outcome, refresh } = useFactorChange();
  const form = useZodForm(passkeyForm, { defaultValues: { name: '' } });
  const remove = useMutation({
    mutationFn: (id: string) => deleteJson(`/api/identity/account/passkeys/${id}`),
    onMutate: () => setStatus(undefined),
    onSettled: async (_data, err) => {
      // When the re-authentication window passed while the page was open, the refresh brings the gate back.
      if (!err || needsReauth(err)) await refresh();
      if (!err) await list.refetch();
    },
  });

  const add = ({ name }: { name: string }) =>
    change(async () => {
      remove.reset();
      const result = await createPasskey(name || 'My passkey');
      form.reset({ name: '' });
      await list.refetch();
      return { message: 'Your passkey was added.', recoveryCodes: result.recoveryCodes };
    });

  return (
    <div className="identity-panel">
      {outcome}
      {needsReauth(remove.error) ? null : <ActionError heading="That didn’t work" error={remove.error} />}
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
                onClick={() => remove.mutate(p.id)}
                disabled={remove.isPending}
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
        <Form form={form} onSubmit={add} className="ds-u-margin-top--3">
          <Field
            name="name"
            label="Name for the new passkey"
            hint="So you can tell your passkeys apart, for example “Work laptop”."
            maxLength={60}
          />
          <SubmitButton pending="Waiting for your passkey…">Add a passkey</SubmitButton>
        </Form>
      ) : (
        <p>This browser can’t create passkeys.</p>
      )}
    </div>
  );
}
