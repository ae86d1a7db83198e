import { Alert, Button, TextField } from '@cmsgov/design-system';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { AccountPage } from './AccountPage';
import { ApiError, errorMessage, postJson } from './api';

export function ChangePasswordPage() {
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const field = (name: keyof typeof form) => ({
    name,
    value: form[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => setForm({ ...form, [name]: e.target.value }),
    errorMessage: errors[name],
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    if (form.newPassword !== form.confirm) {
      setErrors({ confirm: 'The two passwords don’t match.' });
      return;
    }
    setErrors({});
    try {
      await postJson('/api/identity/account/password', {
        currentPassword: form.currentPassword,
        newPassword: form.newPassword,
      });
      setForm({ currentPassword: '', newPassword: '', confirm: '' });
      setDone(true);
    } catch (err) {
      setErrors(
        err instanceof ApiError && err.problem?.errors?.length
          ? err.fieldErrors()
          : { currentPassword: errorMessage(err) },
      );
    }
  }

  return (
    <AccountPage title="Change password" heading="Change your password">
      {() => (
        <form noValidate onSubmit={submit} className="identity-panel">
          {done ? (
            <Alert heading="Your password was changed" headingLevel="2" variation="success" role="status">
              Your other sessions were signed out, and we e-mailed you about the change.
            </Alert>
          ) : null}
          <TextField
            label="Current password"
            type="password"
            autoComplete="current-password"
            {...field('currentPassword')}
          />
          <TextField
            label="New password"
            type="password"
            hint="At least 8 characters. It can’t be a common password or contain your username or e-mail."
            autoComplete="new-password"
            {...field('newPassword')}
          />
          <TextField
            label="Confirm new password"
            type="password"
            autoComplete="new-password"
            {...field('confirm')}
          />
          <Button type="submit" variation="solid" className="ds-u-margin-top--3">
            Change password
          </Button>
        </form>
      )}
    </AccountPage>
  );
}
