import { passwordResetRequestBody } from '@openpbm/shared/identity';
import { Field } from '../components/form';
import { EmailedAnswerPage } from './EmailedAnswerPage';

/** Ask for a reset link: the answer never says whether the account exists. */
export function ForgotPasswordPage() {
  return (
    <EmailedAnswerPage
      title="Forgot password"
      heading="Reset your password"
      schema={passwordResetRequestBody}
      defaultValues={{ usernameOrEmail: '' }}
      url="/api/identity/password-reset/request"
      submit="Send reset link"
    >
      <p>
        We’ll e-mail a link to the confirmed address on your account. You’ll also answer one of your security
        questions. If you use an authenticator app or passkey, you’ll still need it to sign in afterwards.
      </p>
      <Field name="usernameOrEmail" label="Username or e-mail address" autoComplete="username" />
    </EmailedAnswerPage>
  );
}
