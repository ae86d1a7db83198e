import { Alert, Button, TextField } from '@cmsgov/design-system';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { ApiError, errorMessage, postJson } from '../components/api/client';
import { Page } from '../components/content/Page';
import './identity.css';

/** Ask for a reset link: the answer never says whether the account exists. */
export function ForgotPasswordPage() {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    try {
      setSent(
        (
          await postJson<{ message: string }>('/api/identity/password-reset/request', {
            usernameOrEmail: value,
          })
        ).message,
      );
    } catch (err) {
      setError(
        err instanceof ApiError
          ? (err.fieldErrors().usernameOrEmail ?? errorMessage(err))
          : errorMessage(err),
      );
    }
  }

  return (
    <Page title="Forgot password" heading="Reset your password">
      <div className="identity-form">
        {sent ? (
          <Alert heading="Check your e-mail" headingLevel="2" variation="success" role="status">
            {sent}
          </Alert>
        ) : (
          <form noValidate onSubmit={submit} className="identity-panel">
            <p>
              We’ll e-mail a link to the confirmed address on your account. You’ll also answer one of your
              security questions. If you use an authenticator app or passkey, you’ll still need it to sign in
              afterwards.
            </p>
            <TextField
              name="usernameOrEmail"
              label="Username or e-mail address"
              autoComplete="username"
              value={value}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setValue(e.target.value)}
              errorMessage={error}
            />
            <Button type="submit" variation="solid" className="ds-u-margin-top--3">
              Send reset link
            </Button>
          </form>
        )}
      </div>
    </Page>
  );
}
