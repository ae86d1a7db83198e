import { Alert, Button, TextField } from '@cmsgov/design-system';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { ApiError, errorMessage, postJson } from '../components/api/client';
import { type ChallengeAnswer, ChallengeQuestionFields, emptyAnswers } from './ChallengeQuestionFields';
import { SiteKeyFields, type SiteKeyValue } from './SiteKeyFields';

/** Step 2 of activation: username, e-mail, password, SiteKey and security questions. */
export function RegistrationForm({
  registrationToken,
  firstName,
  onRegistered,
  onExpired,
}: {
  registrationToken: string;
  firstName: string;
  onRegistered: (result: { email: string }) => void;
  onExpired: () => void;
}) {
  const [form, setForm] = useState({ username: '', email: '', password: '', confirm: '' });
  const [siteKey, setSiteKey] = useState<SiteKeyValue>({ imageId: '', phrase: '' });
  const [answers, setAnswers] = useState<ChallengeAnswer[]>(emptyAnswers());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const field = (name: keyof typeof form) => ({
    name,
    value: form[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => setForm({ ...form, [name]: e.target.value }),
    errorMessage: errors[name],
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(undefined);
    if (form.password !== form.confirm) {
      setErrors({ confirm: 'The two passwords don’t match.' });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await postJson('/api/identity/registration', {
        registrationToken,
        username: form.username,
        email: form.email,
        password: form.password,
        siteKey,
        challengeAnswers: answers,
      });
      onRegistered({ email: form.email });
    } catch (err) {
      if (err instanceof ApiError && err.type === 'registration-expired') onExpired();
      else if (err instanceof ApiError && err.problem?.errors?.length) {
        setErrors(err.fieldErrors());
        setNotice('Some answers need your attention. Each problem is shown next to its field.');
      } else setNotice(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={submit} className="identity-panel" aria-labelledby="register-heading">
      <h2 id="register-heading" className="ds-text-heading--xl">
        Step 2 of 2: create your account
      </h2>
      <p>Thanks, {firstName}. We found your coverage. Now choose how you’ll sign in.</p>
      {notice ? (
        <Alert variation="error" heading="Please check the form" headingLevel="3" role="alert">
          {notice}
        </Alert>
      ) : null}
      <TextField
        label="Username"
        hint="4 to 40 letters, digits or . _ - @"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        {...field('username')}
      />
      <TextField label="E-mail address" type="email" autoComplete="email" {...field('email')} />
      <TextField
        label="Password"
        type="password"
        hint="At least 8 characters. A few unrelated words make a strong one. It can’t be a common password or contain your username or e-mail."
        autoComplete="new-password"
        {...field('password')}
      />
      <TextField label="Confirm password" type="password" autoComplete="new-password" {...field('confirm')} />
      <div className="ds-u-margin-top--4">
        <SiteKeyFields value={siteKey} onChange={setSiteKey} errors={errors} />
      </div>
      <ChallengeQuestionFields value={answers} onChange={setAnswers} errors={errors} />
      <Button type="submit" variation="solid" className="ds-u-margin-top--4" disabled={busy}>
        Create account
      </Button>
    </form>
  );
}
