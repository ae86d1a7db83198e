import { Alert } from '@cmsgov/design-system';
import { passwordResetForm } from '@openpbm/shared/passwords';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { ApiError, errorMessage, postJson } from '../components/api/client';
import { ErrorAlert } from '../components/content/ErrorAlert';
import { Page } from '../components/content/Page';
import { Field, Form, SubmitButton, useZodForm } from '../components/form';
import './identity.css';

/** Opened from the e-mailed link (#token=…): answer the security question, choose a new password. */
export function ResetPasswordPage() {
  const [token, setToken] = useState<string | null>(null);
  const [question, setQuestion] = useState<string | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useZodForm(passwordResetForm, { defaultValues: { answer: '', password: '', confirm: '' } });
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const value = new URLSearchParams(window.location.hash.slice(1)).get('token');
    window.history.replaceState(null, '', window.location.pathname);
    if (!value) {
      setFatal('This link is incomplete. Open the whole link from the e-mail, or ask for a new one.');
      return;
    }
    setToken(value);
    postJson<{ question: string }>('/api/identity/password-reset/question', { token: value })
      .then((r) => setQuestion(r.question))
      .catch((err: unknown) => setFatal(errorMessage(err)));
  }, []);

  async function reset(values: z.output<typeof passwordResetForm>) {
    try {
      const r = await postJson<{ username: string }>('/api/identity/password-reset/complete', {
        token,
        answer: values.answer,
        password: values.password,
      });
      setDone(r.username);
    } catch (err) {
      if (err instanceof ApiError && err.type === 'link-invalid') setFatal(errorMessage(err));
      else throw err;
    }
  }

  return (
    <Page title="Reset password" heading="Choose a new password">
      <div className="identity-form">
        {fatal ? (
          <ErrorAlert heading="This link can’t be used">
            {fatal} <Link to="/forgot-password">Ask for a new link</Link>.
          </ErrorAlert>
        ) : null}
        {done ? (
          <Alert heading="Your password was changed" headingLevel="2" variation="success" role="status">
            You were signed out everywhere. <Link to="/sign-in">Sign in</Link> as <strong>{done}</strong> with
            your new password.
          </Alert>
        ) : null}
        {!fatal && !done && question ? (
          <Form
            form={form}
            onSubmit={reset}
            id="reset"
            className="identity-panel"
            aria-label="Reset password"
          >
            <Field
              name="answer"
              label={question}
              hint="Case and punctuation don’t matter."
              autoComplete="off"
            />
            <Field
              name="password"
              label="New password"
              type="password"
              hint="At least 8 characters. It can’t be a common password or contain your username or e-mail."
              autoComplete="new-password"
            />
            <Field name="confirm" label="Confirm new password" type="password" autoComplete="new-password" />
            <SubmitButton pending="Changing…">Change password</SubmitButton>
          </Form>
        ) : null}
      </div>
    </Page>
  );
}
