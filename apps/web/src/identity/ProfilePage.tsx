import { Alert } from '@cmsgov/design-system';
import { changeEmailBody, changeUsernameBody } from '@openpbm/shared/identity';
import { type ReactNode, useState } from 'react';
import type { FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import { postJson } from '../components/api/client';
import { Field, Form, SubmitButton, useZodForm } from '../components/form';
import { AccountPage } from './AccountPage';
import { useAccountRefresh } from './account';
import { needsReauth, ReauthGate } from './ReauthGate';

/** Change username or e-mail (members and staff); client users are sent to their account team. */
export function ProfilePage() {
  return (
    <AccountPage title="Username and e-mail" heading="Change your username or e-mail">
      {(a) =>
        a.selfServiceProfileChanges ? (
          <ReauthGate account={a}>
            <UsernameForm current={a.username} />
            <EmailForm current={a.email} />
          </ReauthGate>
        ) : (
          <Alert heading="Contact your account team" headingLevel="2" role="status">
            Your username and e-mail address are managed by your account team. Please contact your account
            team to change them.
          </Alert>
        )
      }
    </AccountPage>
  );
}

/** One field, one change: posts it, says what happened, and asks to sign in again when the server wants that. */
function ChangeForm<TSchema extends z.ZodType<FieldValues, FieldValues>>({
  schema,
  empty,
  url,
  heading,
  savedHeading,
  saved,
  children,
}: {
  schema: TSchema;
  empty: z.input<TSchema>;
  url: string;
  heading: { id: string; text: string };
  savedHeading: string;
  saved: (value: z.output<TSchema>) => string;
  children: ReactNode;
}) {
  const form = useZodForm(schema, { defaultValues: empty as never });
  const [status, setStatus] = useState<string | undefined>();
  const refresh = useAccountRefresh();
  async function change(value: z.output<TSchema>) {
    setStatus(undefined);
    try {
      await postJson(url, value);
    } catch (error) {
      if (!needsReauth(error)) throw error;
      await refresh();
      return;
    }
    setStatus(saved(value));
    form.reset(empty);
    await refresh();
  }
  return (
    <Form form={form} onSubmit={change} className="identity-panel" aria-labelledby={heading.id}>
      <h2 id={heading.id} className="ds-text-heading--xl">
        {heading.text}
      </h2>
      {status ? (
        <Alert heading={savedHeading} headingLevel="3" variation="success" role="status">
          {status}
        </Alert>
      ) : null}
      {children}
    </Form>
  );
}

function UsernameForm({ current }: { current: string }) {
  return (
    <ChangeForm
      schema={changeUsernameBody}
      empty={{ username: '' }}
      url="/api/identity/account/username"
      heading={{ id: 'username-heading', text: 'Username' }}
      savedHeading="Saved"
      saved={({ username }) => `Your username is now ${username}.`}
    >
      <p>Current username: {current}</p>
      <Field
        name="username"
        label="New username"
        hint="4 to 40 letters, digits or . _ - @"
        autoComplete="username"
      />
      <SubmitButton>Change username</SubmitButton>
    </ChangeForm>
  );
}

function EmailForm({ current }: { current: string }) {
  return (
    <ChangeForm
      schema={changeEmailBody}
      empty={{ email: '' }}
      url="/api/identity/account/email"
      heading={{ id: 'email-heading', text: 'E-mail address' }}
      savedHeading="Check your new inbox"
      saved={({ email }) => `We sent a link to ${email}. Your address changes when you open it.`}
    >
      <p>Current address: {current}</p>
      <Field name="email" label="New e-mail address" type="email" autoComplete="email" />
      <SubmitButton>Change e-mail address</SubmitButton>
    </ChangeForm>
  );
}
