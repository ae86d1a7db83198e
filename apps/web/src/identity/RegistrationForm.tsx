import { registrationForm } from '@openpbm/shared/passwords';
import type { z } from 'zod';
import { ApiError, postJson } from '../components/api/client';
import { Field, Form, SubmitButton, useZodForm } from '../components/form';
import { ChallengeQuestionFields, emptyAnswers } from './ChallengeQuestionFields';
import { SiteKeyFields } from './SiteKeyFields';

/**
 * Step 2 of activation: username, e-mail, password, SiteKey and security questions. The client portal's
 * registration uses it too, with its own `endpoint` and the `verifiedEmail` its link already proved (no e-mail field).
 */
export function RegistrationForm({
  registrationToken,
  firstName,
  onRegistered,
  onExpired,
  endpoint = '/api/identity/registration',
  verifiedEmail,
  intro = 'We found your coverage. Now choose how you’ll sign in.',
}: {
  registrationToken: string;
  firstName: string;
  onRegistered: (result: { email: string }) => void;
  onExpired: () => void;
  endpoint?: string;
  verifiedEmail?: string;
  intro?: string;
}) {
  const form = useZodForm(registrationForm, {
    defaultValues: {
      username: '',
      email: verifiedEmail ?? '',
      password: '',
      confirm: '',
      siteKey: { imageId: '', phrase: '' },
      challengeAnswers: emptyAnswers(),
    },
  });

  async function register({ confirm: _confirm, email, ...account }: z.output<typeof registrationForm>) {
    try {
      await postJson(endpoint, { registrationToken, ...account, ...(verifiedEmail ? {} : { email }) });
      onRegistered({ email });
    } catch (err) {
      if (err instanceof ApiError && err.type === 'registration-expired') onExpired();
      else throw err;
    }
  }

  return (
    <Form
      form={form}
      onSubmit={register}
      id="register"
      className="identity-panel"
      aria-labelledby="register-heading"
    >
      <h2 id="register-heading" className="ds-text-heading--xl">
        Step 2 of 2: create your account
      </h2>
      <p>
        Thanks, {firstName}. {intro}
      </p>
      <Field
        name="username"
        label="Username"
        hint="4 to 40 letters, digits or . _ - @"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
      />
      {verifiedEmail ? null : <Field name="email" label="E-mail address" type="email" autoComplete="email" />}
      <Field
        name="password"
        label="Password"
        type="password"
        hint="At least 8 characters. A few unrelated words make a strong one. It can’t be a common password or contain your username or e-mail."
        autoComplete="new-password"
      />
      <Field name="confirm" label="Confirm password" type="password" autoComplete="new-password" />
      <div className="ds-u-margin-top--4">
        <SiteKeyFields prefix="siteKey." />
      </div>
      <ChallengeQuestionFields name="challengeAnswers" />
      <SubmitButton pending="Creating your account…">Create account</SubmitButton>
    </Form>
  );
}
