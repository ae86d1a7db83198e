// Administrators register (and so approve) third-party apps for the SMART on FHIR Patient Access API: name,
// redirect URIs, public (PKCE only) or confidential (a client secret, shown once). Lists the registered apps.
import { Alert } from '@cmsgov/design-system';
import {
  type AppRegistrationRequest,
  appRegistrationRequest,
  type registeredAppsResponse,
} from '@openpbm/shared/fhir-apps';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { getJson, postJson } from '../../../components/api/client';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { StaffPage } from '../../../components/content/StaffPage';
import { ChoiceField, Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import './fhir-apps.css';

type RegisteredApps = z.infer<typeof registeredAppsResponse>;
interface Registered {
  clientId: string;
  clientName: string;
  clientSecret?: string;
}
const KEY = ['fhir-apps', 'clients'] as const;

// The form takes redirect URIs one a line and the kind as a radio; the shared contract checks the result.
const registrationForm = z
  .object({
    clientName: z.string(),
    redirectUris: z.string(),
    kind: z.enum(['public', 'confidential'], { message: 'Choose public or confidential.' }),
  })
  .transform((v) => ({
    clientName: v.clientName,
    redirectUris: v.redirectUris
      .split(/\s+/)
      .map((u) => u.trim())
      .filter(Boolean),
    confidential: v.kind === 'confidential',
  }))
  .pipe(appRegistrationRequest);

function RegisterForm({ onRegistered }: { onRegistered: (app: Registered) => void }) {
  const client = useQueryClient();
  const form = useZodForm(registrationForm, {
    defaultValues: { clientName: '', redirectUris: '', kind: 'public' },
  });
  async function register(values: AppRegistrationRequest) {
    const app = await postJson<Registered>('/api/fhir-apps/clients', values);
    onRegistered(app);
    form.reset();
    await client.invalidateQueries({ queryKey: KEY });
  }
  return (
    <Form form={form} onSubmit={register} aria-label="Register an app">
      <Field name="clientName" label="App name" hint="Members see this name when they connect the app." />
      <Field
        name="redirectUris"
        label="Redirect URIs"
        hint="One per line. https, or http only for localhost."
        rows={3}
      />
      <ChoiceField
        name="kind"
        label="Kind of app"
        options={[
          { value: 'public', label: 'Public (runs on a phone or in a browser; PKCE only)' },
          { value: 'confidential', label: 'Confidential (has a server that keeps a client secret)' },
        ]}
      />
      <SubmitButton pending="Registering…">Register the app</SubmitButton>
    </Form>
  );
}

function RegisteredList() {
  const query = useQuery({ queryKey: KEY, queryFn: () => getJson<RegisteredApps>('/api/fhir-apps/clients') });
  return (
    <Section heading="Registered apps">
      <QueryBoundary query={query} what="the registered apps">
        {({ apps }) =>
          apps.length === 0 ? (
            <p>No apps are registered.</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard (axe scrollable-region-focusable)
            <section className="fhir-apps__table" aria-label="Registered apps" tabIndex={0}>
              <table className="ds-c-table ds-c-table--borderless">
                <thead>
                  <tr>
                    <th scope="col">App</th>
                    <th scope="col">Client ID</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Redirect URIs</th>
                  </tr>
                </thead>
                <tbody>
                  {apps.map((app) => (
                    <tr key={app.clientId}>
                      <td>{app.clientName}</td>
                      <td>
                        <code>{app.clientId}</code>
                      </td>
                      <td>{app.confidential ? 'Confidential' : 'Public'}</td>
                      <td>{app.redirectUris.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )
        }
      </QueryBoundary>
    </Section>
  );
}

export function FhirAppsAdminPage() {
  const [registered, setRegistered] = useState<Registered | null>(null);
  return (
    <StaffPage
      title="Third-party apps"
      heading="Third-party apps"
      eyebrow="Administration"
      forRole="admin"
      purpose="app registration"
    >
      {registered ? (
        <Alert
          variation="success"
          headingLevel="2"
          heading={`${registered.clientName} is registered`}
          role="status"
        >
          <p>
            Client ID: <code>{registered.clientId}</code>
          </p>
          {registered.clientSecret ? (
            <p>
              Client secret (shown only now, give it to the app’s developer securely):{' '}
              <code className="fhir-apps__secret">{registered.clientSecret}</code>
            </p>
          ) : null}
        </Alert>
      ) : null}
      <Section
        heading="Register an app"
        intro="A registered app can ask members to connect it. Members still decide, one app and one record at a time."
      >
        <RegisterForm onRegistered={setRegistered} />
      </Section>
      <RegisteredList />
    </StaffPage>
  );
}
