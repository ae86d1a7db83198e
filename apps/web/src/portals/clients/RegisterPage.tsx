import { Alert } from '@cmsgov/design-system';
import { type PortalRegistrationStart, portalRegistrationStart } from '@openpbm/shared/client-portal';
import { useState } from 'react';
import { postJson } from '../../components/api/client';
import { Page } from '../../components/content/Page';
import { ChoiceField, Field, Form, SubmitButton, useZodForm } from '../../components/form';
import './clients.css';

const EMPTY = { fullName: '', email: '', organization: '', kind: undefined, clientReference: '' };

/** Public registration for client users and advisors: the e-mail link comes first. */
export function RegisterPage() {
  const form = useZodForm(portalRegistrationStart, { defaultValues: EMPTY as never });
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function register(values: PortalRegistrationStart) {
    await postJson('/api/clients/registrations', values);
    setSentTo(values.email);
  }

  return (
    <Page
      title="Register for the client portal"
      eyebrow="Plan sponsors and advisors"
      heading="Register for the client portal"
      lead="Registered users read our members-only news, webinars and publications at once. Secure tools such as plan reports are given per client after our account team confirms who you are."
    >
      <div className="clients-panel">
        {sentTo ? (
          <Alert heading="Check your e-mail" headingLevel="2" variation="success" role="status">
            We sent a link to {sentTo}. Open it within 24 hours to choose your username and password.
          </Alert>
        ) : (
          <Form form={form} onSubmit={register} aria-label="Registration">
            <Field name="fullName" label="Full name" autoComplete="name" />
            <Field
              name="email"
              label="Work e-mail address"
              type="email"
              autoComplete="email"
              hint="Use the address your organization gave you: it helps us confirm who you are."
            />
            <Field name="organization" label="Organization" autoComplete="organization" />
            <ChoiceField
              name="kind"
              label="I am"
              options={[
                { value: 'client', label: 'A client (employer or health plan staff)' },
                { value: 'advisor', label: 'An advisor or consultant working for a client' },
              ]}
            />
            <Field
              name="clientReference"
              label="The client you work with"
              hint="Client number (for example CL1001) or the client’s name."
            />
            <SubmitButton pending="Registering…">Register</SubmitButton>
          </Form>
        )}
      </div>
    </Page>
  );
}
