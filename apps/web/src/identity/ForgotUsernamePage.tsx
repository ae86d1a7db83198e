import { Alert } from '@cmsgov/design-system';
import { forgotUsernameBody } from '@openpbm/shared/identity';
import { useState } from 'react';
import { postJson } from '../components/api/client';
import { Page } from '../components/content/Page';
import { Field, Form, SubmitButton, useZodForm } from '../components/form';
import './identity.css';

/** Ask for the username by e-mail: the same answer whether or not the address has an account. */
export function ForgotUsernamePage() {
  const form = useZodForm(forgotUsernameBody, { defaultValues: { email: '' } });
  const [sent, setSent] = useState<string | null>(null);
  return (
    <Page title="Forgot username" heading="Get your username">
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
              setSent((await postJson<{ message: string }>('/api/identity/forgot-username', body)).message)
            }
          >
            <p>Enter the e-mail address on your account. We’ll send your username to it.</p>
            <Field name="email" label="E-mail address" type="email" autoComplete="email" />
            <SubmitButton>Send my username</SubmitButton>
          </Form>
        )}
      </div>
    </Page>
  );
}
