import { memberLookupRequest } from '@openpbm/shared/prior-auth';
import { postJson } from '../../../../components/api/client';
import { Section } from '../../../../components/content/Section';
import { Field, Form, SubmitButton, useZodForm } from '../../../../components/form';
import type { PatientFound } from '../pa-types';

/** Step 1: the member ID and date of birth from the patient's card prove the patient. */
export function FindPatient({ onFound }: { onFound: (patient: PatientFound) => void }) {
  const form = useZodForm(memberLookupRequest, { defaultValues: { memberNumber: '', dateOfBirth: '' } });
  return (
    <Section heading="1. Find your patient" intro="Both must match the patient’s member ID card.">
      <Form
        form={form}
        className="pa-form"
        aria-label="Find your patient"
        onSubmit={async (body) =>
          onFound(await postJson<PatientFound>('/api/prior-auth/prescriber/members/lookup', body))
        }
      >
        <Field name="memberNumber" label="Member ID" />
        <Field name="dateOfBirth" label="Date of birth" hint="YYYY-MM-DD" />
        <SubmitButton pending="Finding…">Find patient</SubmitButton>
      </Form>
    </Section>
  );
}
