import { type ReviewCase, requestInformation } from '@openpbm/shared/prior-auth';
import { postJson } from '../../../../components/api/client';
import { Field, Form, SubmitButton, useZodForm } from '../../../../components/form';

export function RequestInfoForm({ c, onDone }: { c: ReviewCase; onDone: () => void }) {
  const form = useZodForm(requestInformation, { defaultValues: { question: '' } });
  return (
    <Form
      form={form}
      className="pa-form"
      aria-label="Request more information"
      onSubmit={async (body) => {
        await postJson(`/api/prior-auth/review/cases/${c.id}/request-info`, body);
        onDone();
      }}
    >
      <Field
        name="question"
        label="What do you need from the prescriber?"
        hint="The prescriber is notified; the decision clock stops until they answer (48 hours expedited, 14 days standard)."
        rows={3}
      />
      <SubmitButton>Ask the prescriber</SubmitButton>
    </Form>
  );
}
