import { Alert } from '@cmsgov/design-system';
import { activationBody } from '@openpbm/shared/identity';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { postJson } from '../components/api/client';
import { Page } from '../components/content/Page';
import { Field, Form, SubmitButton, useZodForm } from '../components/form';
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
  const form = useZodForm(activationBody, {
    defaultValues: { memberId: '', dateOfBirth: '', lastName: '', zip: '' },
  });
  return (
    <Form
      form={form}
      onSubmit={async (values) => onVerified(await postJson<Activation>('/api/identity/activation', values))}
      id="verify"
      className="identity-panel"
      aria-labelledby="verify-heading"
    >
      <h2 id="verify-heading" className="ds-text-heading--xl">
        Step 1 of 2: confirm who you are
      </h2>
      <Field name="memberId" label="Member ID" hint="As printed on your member ID card." autoComplete="off" />
      <Field name="dateOfBirth" label="Date of birth" type="date" autoComplete="bday" />
      <Field name="lastName" label="Last name" autoComplete="family-name" />
      <Field
        name="zip"
        label="ZIP code"
        hint="The ZIP code of your home address."
        autoComplete="postal-code"
        inputMode="numeric"
      />
      <SubmitButton pending="Checking…">Continue</SubmitButton>
    </Form>
  );
}
