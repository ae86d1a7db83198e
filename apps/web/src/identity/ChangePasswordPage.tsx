import { Alert } from '@cmsgov/design-system';
import { changePasswordForm } from '@openpbm/shared/passwords';
import { useState } from 'react';
import { postJson } from '../components/api/client';
import { Field, Form, SubmitButton, useZodForm } from '../components/form';
import { AccountPage } from './AccountPage';

const EMPTY = { currentPassword: '', newPassword: '', confirm: '' };

export function ChangePasswordPage() {
  const form = useZodForm(changePasswordForm, { defaultValues: EMPTY });
  const [done, setDone] = useState(false);

  async function changePassword({ currentPassword, newPassword }: typeof EMPTY) {
    setDone(false);
    await postJson('/api/identity/account/password', { currentPassword, newPassword });
    form.reset(EMPTY);
    setDone(true);
  }

  return (
    <AccountPage title="Change password" heading="Change your password">
      {() => (
        <Form form={form} onSubmit={changePassword} className="identity-panel">
          {done ? (
            <Alert heading="Your password was changed" headingLevel="2" variation="success" role="status">
              Your other sessions were signed out, and we e-mailed you about the change.
            </Alert>
          ) : null}
          <Field
            name="currentPassword"
            label="Current password"
            type="password"
            autoComplete="current-password"
          />
          <Field
            name="newPassword"
            label="New password"
            type="password"
            hint="At least 8 characters. It can’t be a common password or contain your username or e-mail."
            autoComplete="new-password"
          />
          <Field name="confirm" label="Confirm new password" type="password" autoComplete="new-password" />
          <SubmitButton pending="Changing…">Change password</SubmitButton>
        </Form>
      )}
    </AccountPage>
  );
}
