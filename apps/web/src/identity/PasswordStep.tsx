import { passwordInput } from '@openpbm/shared/passwords';
import { z } from 'zod';
import { Field, Form, SubmitButton, useZodForm } from '../components/form';
import { SiteKeyDisplay } from './SiteKeyDisplay';
import { postSignInStep } from './sign-in-step';
import type { SignInResult, SiteKey } from './types';

const passwordStep = z.object({ password: passwordInput });

/** Step 2: the SiteKey the user recognises (or not), then the password. */
export function PasswordStep({
  username,
  siteKey,
  onResult,
  onChangeUsername,
}: {
  username: string;
  siteKey: SiteKey;
  onResult: (result: SignInResult) => void;
  onChangeUsername: () => void;
}) {
  const form = useZodForm(passwordStep, { defaultValues: { password: '' } });

  const signIn = async ({ password }: { password: string }) =>
    onResult(
      await postSignInStep('/api/identity/sign-in/password', { username, password }, () =>
        form.setValue('password', ''),
      ),
    );

  return (
    <Form form={form} onSubmit={signIn} aria-labelledby="sign-in-step-heading">
      <h2 id="sign-in-step-heading" className="sign-in__step-heading">
        Step 2: check your SiteKey, then enter your password
      </h2>
      <p>
        Signing in as <strong>{username}</strong>.{' '}
        <button
          type="button"
          className="ds-c-button ds-c-button--ghost ds-u-padding--0"
          onClick={onChangeUsername}
        >
          Not you?
        </button>
      </p>
      <SiteKeyDisplay siteKey={siteKey} />
      <p className="ds-u-font-size--sm">
        Only enter your password if this is the picture and phrase you chose. If you have not chosen a SiteKey
        yet, you will be asked to after signing in.
      </p>
      <Field name="password" label="Password" type="password" autoComplete="current-password" autoFocus />
      <SubmitButton pending="Signing in…">Sign in</SubmitButton>
    </Form>
  );
}
