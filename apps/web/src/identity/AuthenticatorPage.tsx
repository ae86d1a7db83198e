import { Button } from '@cmsgov/design-system';
import { totpCodeBody } from '@openpbm/shared/identity';
import { useMutation } from '@tanstack/react-query';
import { deleteJson, postJson } from '../components/api/client';
import { ActionError } from '../components/content/ActionError';
import { Field, Form, SubmitButton, useZodForm } from '../components/form';
import { AccountPage } from './AccountPage';
import { useFactorChange } from './factor-change';
import { needsReauth, ReauthGate } from './ReauthGate';
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

interface TotpSetup {
  secret: string;
  otpauthUri: string;
}

export function AuthenticatorSettings({ account }: { account: AccountOverview }) {
  const { change, setStatus, outcome, refresh } = useFactorChange();
  // When the re-authentication window passed while the page was open, the refresh brings the gate back.
  const onError = async (err: unknown) => {
    if (needsReauth(err)) await refresh();
  };
  const start = useMutation({
    mutationFn: () => postJson<TotpSetup>('/api/identity/account/totp/setup'),
    onMutate: () => setStatus(undefined),
    onError,
  });
  const remove = useMutation({
    mutationFn: () => deleteJson('/api/identity/account/totp'),
    onMutate: () => setStatus(undefined),
    onSuccess: async () => {
      setStatus('The authenticator app was removed.');
      await refresh();
    },
    onError,
  });
  const form = useZodForm(totpCodeBody, { defaultValues: { code: '' } });
  const setup = start.data;

  const confirm = (body: { code: string }) =>
    change(async () => {
      const result = await postJson<{ recoveryCodes: string[] | null }>(
        '/api/identity/account/totp/confirm',
        body,
      );
      start.reset();
      form.reset({ code: '' });
      return {
        message: 'Your authenticator app is set up. You’ll be asked for a code when you sign in.',
        recoveryCodes: result.recoveryCodes,
      };
    });

  const failed = start.error ?? remove.error;
  return (
    <div className="identity-panel">
      {outcome}
      {needsReauth(failed) ? null : <ActionError heading="That didn’t work" error={failed} />}
      {account.totpEnabled ? (
        <>
          <p>Your authenticator app is on.</p>
          <Button type="button" onClick={() => remove.mutate()} disabled={remove.isPending}>
            Remove authenticator app
          </Button>
        </>
      ) : setup ? (
        <Form form={form} onSubmit={confirm} aria-labelledby="totp-setup-heading">
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
          <Field name="code" label="Code from the app" autoComplete="one-time-code" inputMode="numeric" />
          <SubmitButton pending="Checking…">Turn on</SubmitButton>
        </Form>
      ) : (
        <Button type="button" variation="solid" onClick={() => start.mutate()} disabled={start.isPending}>
          Set up an authenticator app
        </Button>
      )}
    </div>
  );
}
