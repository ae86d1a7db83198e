import { Alert } from '@cmsgov/design-system';
import type { ReactNode } from 'react';
import { useState } from 'react';
import type { DefaultValues, FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import { postJson } from '../components/api/client';
import { Page } from '../components/content/Page';
import { Form, SubmitButton, useZodForm } from '../components/form';
import './identity.css';

/**
 * A recovery page that asks for one thing and answers "check your e-mail" (forgot password, forgot username):
 * the server's message is the same whether or not an account matched, so the page shows it as it is.
 */
export function EmailedAnswerPage<TSchema extends z.ZodType<FieldValues, FieldValues>>({
  title,
  heading,
  schema,
  defaultValues,
  url,
  submit,
  children,
}: {
  title: string;
  heading: string;
  schema: TSchema;
  defaultValues: DefaultValues<z.input<TSchema>>;
  url: string;
  submit: string;
  /** The explanation and the field(s). */
  children: ReactNode;
}) {
  const form = useZodForm(schema, { defaultValues });
  const [sent, setSent] = useState<string | null>(null);
  return (
    <Page title={title} heading={heading}>
      <div className="identity-form">
        {sent ? (
          <Alert heading="Check your e-mail" headingLevel="2" variation="success" role="status">
            {sent}
          </Alert>
        ) : (
          <Form
            form={form}
            className="identity-panel"
            onSubmit={async (body) => setSent((await postJson<{ message: string }>(url, body)).message)}
          >
            {children}
            <SubmitButton>{submit}</SubmitButton>
          </Form>
        )}
      </div>
    </Page>
  );
}
