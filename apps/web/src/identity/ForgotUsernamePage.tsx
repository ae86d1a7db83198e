import { forgotUsernameBody } from '@openpbm/shared/identity';
import { Field } from '../components/form';
import { EmailedAnswerPage } from './EmailedAnswerPage';

/** Ask for the username by e-mail: the same answer whether or not the address has an account. */
export function ForgotUsernamePage() {
  return (
    <EmailedAnswerPage
      title="Forgot username"
      heading="Get your username"
      schema={forgotUsernameBody}
      defaultValues={{ email: '' }}
      url="/api/identity/forgot-username"
      submit="Send my username"
    >
      <p>Enter the e-mail address on your account. We’ll send your username to it.</p>
      <Field name="email" label="E-mail address" type="email" autoComplete="email" />
    </EmailedAnswerPage>
  );
}
