import { declineRequest } from '@openpbm/shared/transfers';
import type { ReactNode } from 'react';
import { postJson } from '../api/client';
import { Field } from './Field';
import { Form, useZodForm } from './Form';
import { SubmitButton } from './SubmitButton';

/**
 * One reason, posted to close, decline or reject something (a doctor request, a renewal, a transfer): the
 * shared `declineRequest` schema checks it in the browser and on the server. `onDone` refreshes the list.
 */
export function ReasonForm({
  url,
  onDone,
  label,
  submit,
  pending,
  variation = 'ghost',
  size,
  heading,
  className,
  'aria-label': ariaLabel,
}: {
  url: string;
  onDone: () => Promise<unknown>;
  label: string;
  submit: ReactNode;
  pending: string;
  variation?: 'ghost' | 'outline';
  size?: 'small';
  heading?: string;
  className?: string;
  'aria-label': string;
}) {
  const form = useZodForm(declineRequest, { defaultValues: { reason: '' } });
  return (
    <Form
      form={form}
      className={className}
      aria-label={ariaLabel}
      onSubmit={async (body) => {
        await postJson<void>(url, body);
        await onDone();
      }}
    >
      {heading ? <h4>{heading}</h4> : null}
      <Field name="reason" label={label} />
      <SubmitButton variation={variation} size={size} pending={pending}>
        {submit}
      </SubmitButton>
    </Form>
  );
}
