import { passwordInput } from '@openpbm/shared/passwords';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { ApiError, postJson } from '../components/api/client';
import { Field, Form, SubmitButton, useZodForm } from '../components/form';
import { useAccountRefresh } from './account';
import type { AccountOverview } from './types';

const reauthenticateBody = z.object({ password: passwordInput });

/** Sensitive changes need the password entered in the last 5 minutes: ask for it first when needed. */
export function ReauthGate({ account, children }: { account: AccountOverview; children: ReactNode }) {
  const form = useZodForm(reauthenticateBody, { defaultValues: { password: '' } });
  const refresh = useAccountRefresh();
  if (account.recentlyAuthenticated) return <>{children}</>;

  async function confirm(body: z.output<typeof reauthenticateBody>) {
    await postJson('/api/identity/account/reauthenticate', body);
    form.reset({ password: '' });
    await refresh();
  }

  return (
    <Form form={form} onSubmit={confirm} className="identity-panel" aria-labelledby="reauth-heading">
      <h2 id="reauth-heading" className="ds-text-heading--xl">
        Confirm it’s you
      </h2>
      <p>For your security, enter your password before changing this.</p>
      <Field name="password" label="Password" type="password" autoComplete="current-password" />
      <SubmitButton pending="Checking…">Confirm</SubmitButton>
    </Form>
  );
}

/** True when an error means "re-authenticate first" (the window passed while the page was open). */
export const needsReauth = (error: unknown): boolean =>
  error instanceof ApiError && error.type === 'reauthentication-required';
