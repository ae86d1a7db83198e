import { usernameStepBody } from '@openpbm/shared/identity';
import { Field, Form, SubmitButton, useZodForm } from '../components/form';

/** Step 1 of sign-in: ask only for the username; the next step depends on the account (password, passkey). */
export function UsernameStep({ onContinue }: { onContinue: (username: string) => Promise<void> }) {
  const form = useZodForm(usernameStepBody, { defaultValues: { username: '' } });
  return (
    <Form
      form={form}
      onSubmit={({ username }) => onContinue(username)}
      aria-labelledby="sign-in-step-heading"
    >
      <h2 id="sign-in-step-heading" className="sign-in__step-heading">
        Step 1: your username
      </h2>
      <Field
        name="username"
        label="Username"
        hint="The username you chose when you created your account."
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
      />
      <SubmitButton pending="Continue">Continue</SubmitButton>
    </Form>
  );
}
