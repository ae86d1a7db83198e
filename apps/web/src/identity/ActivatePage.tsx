import { Alert, Button, TextField } from '@cmsgov/design-system';
import { Link } from '@tanstack/react-router';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { ApiError, errorMessage, postJson } from '../components/api/client';
import { Page } from '../components/content/Page';
import './identity.css';
import { RegistrationForm } from './RegistrationForm';

interface Activation {
  registrationToken: string;
  firstName: string;
}

/** New members: prove who you are from your ID card, then create the account, then confirm the e-mail. */
export function ActivatePage() {
  const [activation, setActivation] = useState<Activation | null>(null);
  const [done, setDone] = useState<{ email: string } | null>(null);

  return (
    <Page
      title="Activate your account"
      heading="Activate your member account"
      lead="Use the details on your member ID card. Adult dependents (18 or older) activate their own account."
    >
      <div className="identity-form">
        {done ? (
          <Alert heading="Check your e-mail" headingLevel="2" variation="success" role="status" autoFocus>
            We sent a link to {done.email}. Open it to confirm your address, then{' '}
            <Link to="/sign-in">sign in</Link>. The link works for 24 hours.
          </Alert>
        ) : activation ? (
          <RegistrationForm
            registrationToken={activation.registrationToken}
            firstName={activation.firstName}
            onRegistered={setDone}
            onExpired={() => setActivation(null)}
          />
        ) : (
          <VerifyIdentityForm onVerified={setActivation} />
        )}
      </div>
    </Page>
  );
}

function VerifyIdentityForm({ onVerified }: { onVerified: (a: Activation) => void }) {
  const [form, setForm] = useState({ memberId: '', dateOfBirth: '', lastName: '', zip: '' });
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
    setBusy(true);
    setErrors({});
    setNotice(undefined);
    try {
      onVerified(await postJson<Activation>('/api/identity/activation', form));
    } catch (err) {
      if (err instanceof ApiError && err.problem?.errors?.length) setErrors(err.fieldErrors());
      else setNotice(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={submit} className="identity-panel" aria-labelledby="verify-heading">
      <h2 id="verify-heading" className="ds-text-heading--xl">
        Step 1 of 2: confirm who you are
      </h2>
      {notice ? (
        <Alert variation="error" heading="We couldn’t verify your details" headingLevel="3" role="alert">
          {notice}
        </Alert>
      ) : null}
      <TextField
        label="Member ID"
        hint="As printed on your member ID card."
        autoComplete="off"
        {...field('memberId')}
      />
      <TextField label="Date of birth" type="date" autoComplete="bday" {...field('dateOfBirth')} />
      <TextField label="Last name" autoComplete="family-name" {...field('lastName')} />
      <TextField
        label="ZIP code"
        hint="The ZIP code of your home address."
        autoComplete="postal-code"
        inputMode="numeric"
        {...field('zip')}
      />
      <Button type="submit" variation="solid" className="ds-u-margin-top--3" disabled={busy}>
        Continue
      </Button>
    </form>
  );
}
