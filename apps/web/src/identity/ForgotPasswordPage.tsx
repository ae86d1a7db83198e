import { Alert } from '@cmsgov/design-system';
import { passwordResetRequestBody } from '@openpbm/shared/identity';
import { useState } from 'react';
import { postJson } from '../components/api/client';
import { Page } from '../components/content/Page';
import { Field, Form, SubmitButton, useZodForm } from '../components/form';
import './identity.css';

/** Ask for a reset link: the answer never says whether the account exists. */
export function ForgotPasswordPage() {
  const form = useZodForm(passwordResetRequestBody, { defaultValues: { usernameOrEmail: '' } });
  const [sent, setSent] = useState<string | null>(null);
  return (
    <Page title="Forgot password" heading="Reset your password">
      <div className="identity-form">
        {sent ? (
          <Alert heading="Check your e-mail" headingLevel="2" variation="success" role="status">
            {sent}
          </Alert>
        ) : (
          <Form
            form={form}
            className="identity-panel"
            onSubmit={async (body) =>
              setSent(
                (await postJson<{ message: string }>('/api/identity/password-reset/request', body)).message,
              )
            }
          >
            <p>
              We’ll e-mail a link to the confirmed address on your account. You’ll also answer one of your
              security questions. If you use an authenticator app or passkey, you’ll still need it to sign in
              afterwards.
            </p>
            <Field name="usernameOrEmail" label="Username or e-mail address" autoComplete="username" />
            <SubmitButton>Send reset link</SubmitButton>
          </Form>
        )}
      </div>
    </Page>
  );
}
