import { Alert, Button, TextField } from '@cmsgov/design-system';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { ApiError, errorMessage, postJson } from '../components/api/client';
import { Page } from '../components/content/Page';
import './identity.css';

/** Ask for the username by e-mail: the same answer whether or not the address has an account. */
export function ForgotUsernamePage() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    try {
      setSent((await postJson<{ message: string }>('/api/identity/forgot-username', { email })).message);
    } catch (err) {
      setError(err instanceof ApiError ? (err.fieldErrors().email ?? errorMessage(err)) : errorMessage(err));
    }
  }

  return (
    <Page title="Forgot username" heading="Get your username">
      <div className="identity-form">
        {sent ? (
          <Alert heading="Check your e-mail" headingLevel="2" variation="success" role="status">
            {sent}
          </Alert>
        ) : (
          <form noValidate onSubmit={submit} className="identity-panel">
            <p>Enter the e-mail address on your account. We’ll send your username to it.</p>
            <TextField
              name="email"
              label="E-mail address"
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setEmail(e.target.value)}
              errorMessage={error}
            />
            <Button type="submit" variation="solid" className="ds-u-margin-top--3">
              Send my username
            </Button>
          </form>
        )}
      </div>
    </Page>
  );
}
