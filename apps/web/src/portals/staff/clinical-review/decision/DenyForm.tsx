import { denyDecision, type ReviewCase } from '@openpbm/shared/prior-auth';
import { z } from 'zod';
import { postJson } from '../../../../components/api/client';
import {
  ChoiceField,
  checkedValues,
  Field,
  Form,
  SubmitButton,
  useZodForm,
} from '../../../../components/form';

/** The denial as typed: the criteria ticked plus one typed in, checked by the shared denyDecision schema. */
const denyForm = z
  .object({ criteriaNotMet: z.unknown(), other: z.string().optional(), reason: z.string() })
  .transform((typed) => {
    const other = typed.other?.trim();
    return {
      reason: typed.reason,
      criteriaNotMet: [...checkedValues(typed.criteriaNotMet), ...(other ? [other] : [])],
    };
  })
  .pipe(denyDecision);

export function DenyForm({ c, onDone }: { c: ReviewCase; onDone: () => void }) {
  const candidates = c.evaluation.filter((r) => r.status !== 'met').map((r) => r.label);
  const form = useZodForm(denyForm, {
    defaultValues: { criteriaNotMet: candidates.length > 0 ? candidates : '', other: '', reason: '' },
  });
  return (
    <Form
      form={form}
      className="pa-form"
      aria-label="Deny"
      onSubmit={async (body) => {
        await postJson(`/api/prior-auth/review/cases/${c.id}/deny`, body);
        onDone();
      }}
    >
      {candidates.length > 0 ? (
        <>
          <ChoiceField
            name="criteriaNotMet"
            label="Criteria not met"
            multiple
            options={candidates.map((label) => ({ value: label, label }))}
          />
          <Field name="other" label="Other criterion not met (optional)" />
        </>
      ) : (
        // With nothing to tick, the typed criterion is the list: its error ("name at least one") lands here.
        <Field name="criteriaNotMet" label="Other criterion not met (optional)" />
      )}
      <Field name="reason" label="Reason in plain language (the member and prescriber read it)" rows={3} />
      <SubmitButton pending="Denying…">Deny</SubmitButton>
    </Form>
  );
}
