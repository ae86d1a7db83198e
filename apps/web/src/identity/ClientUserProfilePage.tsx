import { Alert } from '@cmsgov/design-system';
import { emailInput, newUsername, usernameStepBody } from '@openpbm/shared/identity';
import { useState } from 'react';
import { z } from 'zod';
import { postJson } from '../components/api/client';
import { Page } from '../components/content/Page';
import { Field, Form, SubmitButton, useZodForm } from '../components/form';
import './identity.css';

interface ClientUser {
  id: string;
  username: string;
  email: string;
  displayName: string;
}

// Both changes are optional: an empty field is left as it is.
const profileChange = z.object({
  username: z.union([z.literal(''), newUsername]),
  email: z.union([z.literal(''), emailInput]),
});
type ProfileChange = z.output<typeof profileChange>;
const NO_CHANGE: ProfileChange = { username: '', email: '' };

/** Account team: change a client user's username or e-mail address (client users cannot do it themselves). */
export function ClientUserProfilePage() {
  const [user, setUser] = useState<ClientUser | null>(null);
  const [status, setStatus] = useState<string | undefined>();
  const lookup = useZodForm(usernameStepBody, { defaultValues: { username: '' } });
  const change = useZodForm(profileChange, { defaultValues: NO_CHANGE });

  async function find(body: { username: string }) {
    setStatus(undefined);
    setUser(null);
    setUser(await postJson<ClientUser>('/api/identity/client-users/lookup', body));
    change.reset(NO_CHANGE);
  }

  async function save(values: ProfileChange) {
    if (!user) return;
    await postJson(`/api/identity/client-users/${user.id}/profile`, {
      ...(values.username ? { username: values.username } : {}),
      ...(values.email ? { email: values.email } : {}),
    });
    setStatus(
      `Saved.${values.email ? ` A confirmation link went to ${values.email}; the address changes when it is used.` : ''} The user was e-mailed about the change.`,
    );
    change.reset(NO_CHANGE);
  }

  return (
    <Page
      title="Client user sign-in details"
      heading="Change a client user’s username or e-mail"
      eyebrow="Account team"
    >
      <div className="identity-form">
        {status ? (
          <Alert heading="Done" headingLevel="2" variation="success" role="status">
            {status}
          </Alert>
        ) : null}
        <Form form={lookup} onSubmit={find} className="identity-panel">
          <Field name="username" label="Client user’s username" />
          <SubmitButton variation="outline" pending="Finding…">
            Find
          </SubmitButton>
        </Form>
        {user ? (
          <Form form={change} onSubmit={save} className="identity-panel">
            <h2>{user.displayName}</h2>
            <p>
              Username: {user.username}
              <br />
              E-mail: {user.email}
            </p>
            <Field name="username" label="New username (optional)" />
            <Field name="email" label="New e-mail address (optional)" type="email" />
            <SubmitButton>Save changes</SubmitButton>
          </Form>
        ) : null}
      </div>
    </Page>
  );
}
