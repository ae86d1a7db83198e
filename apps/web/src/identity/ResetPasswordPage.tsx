import { Alert, Button, TextField } from '@cmsgov/design-system';
import { Link } from '@tanstack/react-router';
import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage, postJson } from '../components/api/client';
import { Page } from '../components/content/Page';
import './identity.css';

/** Opened from the e-mailed link (#token=…): answer the security question, choose a new password. */
export function ResetPasswordPage() {
  const [token, setToken] = useState<string | null>(null);
  const [question, setQuestion] = useState<string | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [form, setForm] = useState({ answer: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
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

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.password !== form.confirm) {
      setErrors({ confirm: 'The two passwords don’t match.' });
      return;
    }
    setErrors({});
    try {
      const r = await postJson<{ username: string }>('/api/identity/password-reset/complete', {
        token,
        answer: form.answer,
        password: form.password,
      });
      setDone(r.username);
    } catch (err) {
      if (err instanceof ApiError && err.type === 'link-invalid') setFatal(errorMessage(err));
      else if (err instanceof ApiError && err.problem?.errors?.length) setErrors(err.fieldErrors());
      else setErrors({ answer: errorMessage(err) });
    }
  }

  const field = (name: keyof typeof form) => ({
    name,
    value: form[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => setForm({ ...form, [name]: e.target.value }),
    errorMessage: errors[name],
  });

  return (
    <Page title="Reset password" heading="Choose a new password">
      <div className="identity-form">
        {fatal ? (
          <Alert heading="This link can’t be used" headingLevel="2" variation="error" role="alert">
            {fatal} <Link to="/forgot-password">Ask for a new link</Link>.
          </Alert>
        ) : null}
        {done ? (
          <Alert heading="Your password was changed" headingLevel="2" variation="success" role="status">
            You were signed out everywhere. <Link to="/sign-in">Sign in</Link> as <strong>{done}</strong> with
            your new password.
          </Alert>
        ) : null}
        {!fatal && !done && question ? (
          <form noValidate onSubmit={submit} className="identity-panel">
            <TextField
              label={question}
              hint="Case and punctuation don’t matter."
              autoComplete="off"
              {...field('answer')}
            />
            <TextField
              label="New password"
              type="password"
              hint="At least 8 characters. It can’t be a common password or contain your username or e-mail."
              autoComplete="new-password"
              {...field('password')}
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
        ) : null}
      </div>
    </Page>
  );
}
