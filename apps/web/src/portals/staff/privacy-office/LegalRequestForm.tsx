// Logs a subpoena, court order or regulator request; a prohibited notification needs its basis and end date.
import { Alert } from '@cmsgov/design-system';
import {
  checkProhibition,
  type LegalRequestView,
  legalRequestFields,
  RECORD_SECTION_LABELS,
  RECORD_SECTIONS,
} from '@openpbm/shared/privacy';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { postJson } from '../../../components/api/client';
import {
  CheckboxField,
  ChoiceField,
  checkedValues,
  Field,
  Form,
  SubmitButton,
  useZodForm,
} from '../../../components/form';

const SECTION_OPTIONS = RECORD_SECTIONS.map((value) => ({ value, label: RECORD_SECTION_LABELS[value] }));

const KINDS = [
  { value: 'subpoena', label: 'Subpoena' },
  { value: 'court_order', label: 'Court order' },
  { value: 'regulator_request', label: 'Regulator request' },
];

// The form takes member IDs one per line (or separated by commas); the contract's array is made from them.
// Empty optional text fields come as '' from the browser, so they are dropped before the check.
const formSchema = legalRequestFields
  .omit({ memberNumbers: true, prohibitionBasis: true, prohibitedUntil: true, sectionsInScope: true })
  .extend({
    // A checkbox group gives an array, one value or false.
    sectionsInScope: z.preprocess(checkedValues, legalRequestFields.shape.sectionsInScope),
    memberNumbersText: z.string().trim().min(1, 'Enter at least one member ID'),
    prohibitionBasis: z.string(),
    prohibitedUntil: z.string(),
  })
  .superRefine((v, ctx) =>
    checkProhibition(
      {
        ...v,
        prohibitionBasis: v.prohibitionBasis || undefined,
        prohibitedUntil: v.prohibitedUntil || undefined,
      },
      ctx,
    ),
  );

export function LegalRequestForm() {
  const client = useQueryClient();
  const form = useZodForm(formSchema, {
    defaultValues: {
      kind: 'subpoena',
      requester: '',
      legalBasis: '',
      dueDate: '',
      memberNumbersText: '',
      recordsInScope: '',
      sectionsInScope: [],
      notificationProhibited: false,
      prohibitionBasis: '',
      prohibitedUntil: '',
    },
  });
  const [logged, setLogged] = useState<LegalRequestView | null>(null);
  async function submit({
    memberNumbersText,
    prohibitionBasis,
    prohibitedUntil,
    ...rest
  }: z.output<typeof formSchema>) {
    setLogged(null);
    const memberNumbers = memberNumbersText.split(/[\s,]+/).filter(Boolean);
    const body = {
      ...rest,
      memberNumbers,
      ...(rest.notificationProhibited ? { prohibitionBasis, prohibitedUntil } : {}),
    };
    const created = await postJson<LegalRequestView>('/api/privacy/legal-requests', body);
    await client.invalidateQueries({ queryKey: ['privacy', 'legal-requests'] });
    form.reset();
    setLogged(created);
  }
  return (
    <Form form={form} onSubmit={submit} aria-label="Log a legal request">
      {logged ? (
        <Alert variation="success" headingLevel="3" heading="Logged" role="status">
          {logged.clientsNotifiedAt
            ? 'The affected plan sponsors were e-mailed.'
            : `Notification is held until ${logged.prohibitedUntil}.`}
        </Alert>
      ) : null}
      <Field name="kind" label="Kind of request" options={KINDS} />
      <Field name="requester" label="Requester" />
      <Field name="legalBasis" label="Legal basis" rows={2} />
      <Field name="dueDate" label="Due date" hint="YYYY-MM-DD" inputMode="numeric" />
      <Field name="memberNumbersText" label="Member IDs in scope" hint="One per line." rows={3} />
      <Field name="recordsInScope" label="Records in scope" hint="For example: pharmacy claims 2025." />
      <ChoiceField
        name="sectionsInScope"
        label="Parts of the record in the disclosure package"
        hint="Only these go into the package (FHIR Bundle and PDF)."
        multiple
        options={SECTION_OPTIONS}
      />
      <CheckboxField name="notificationProhibited" label="Notification of the plan sponsor is prohibited" />
      <Field name="prohibitionBasis" label="Legal basis of the prohibition" rows={2} />
      <Field name="prohibitedUntil" label="Prohibition ends on" hint="YYYY-MM-DD" inputMode="numeric" />
      <SubmitButton pending="Logging…">Log the request</SubmitButton>
    </Form>
  );
}
