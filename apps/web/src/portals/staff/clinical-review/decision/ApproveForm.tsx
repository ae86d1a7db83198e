import { approveDecision, type ReviewCase } from '@openpbm/shared/prior-auth';
import { z } from 'zod';
import { postJson } from '../../../../components/api/client';
import { Field, Form, SubmitButton, toMilli, toNumber, useZodForm } from '../../../../components/form';

/** From the patient's today (their time zone) for a year: the usual approval period. */
function defaultPeriod(patientToday: string): { from: string; to: string } {
  const [year, month, day] = patientToday.split('-').map(Number);
  const end = new Date(Date.UTC((year ?? 1970) + 1, (month ?? 1) - 1, (day ?? 1) - 1));
  return { from: patientToday, to: end.toISOString().slice(0, 10) };
}

/** The approval as typed (units and days as text), checked by the shared approveDecision schema. */
const approveForm = z
  .object({
    effectiveFrom: z.string(),
    effectiveTo: z.string(),
    quantityMilliPerFill: z.string(),
    daysSupplyPerFill: z.string(),
    reason: z.string(),
  })
  .transform((typed) => ({
    ...typed,
    quantityMilliPerFill: toMilli(typed.quantityMilliPerFill),
    daysSupplyPerFill: toNumber(typed.daysSupplyPerFill),
  }))
  .pipe(approveDecision);

export function ApproveForm({ c, onDone }: { c: ReviewCase; onDone: () => void }) {
  const period = defaultPeriod(c.patientToday);
  const form = useZodForm(approveForm, {
    defaultValues: {
      effectiveFrom: period.from,
      effectiveTo: period.to,
      quantityMilliPerFill: c.requested.quantityMilli ? String(c.requested.quantityMilli / 1000) : '',
      daysSupplyPerFill: c.requested.daysSupply ? String(c.requested.daysSupply) : '30',
      reason: 'Approved: the coverage criteria are met.',
    },
  });
  return (
    <Form
      form={form}
      className="pa-form"
      aria-label="Approve"
      onSubmit={async (body) => {
        await postJson(`/api/prior-auth/review/cases/${c.id}/approve`, body);
        onDone();
      }}
    >
      <Field name="effectiveFrom" label="Covered from" hint="YYYY-MM-DD" />
      <Field name="effectiveTo" label="Covered through" hint="YYYY-MM-DD, the last covered day" />
      <Field
        name="quantityMilliPerFill"
        label="Quantity per fill"
        inputMode="decimal"
        className="kit-field--short"
      />
      <Field
        name="daysSupplyPerFill"
        label="Days supply per fill"
        inputMode="numeric"
        className="kit-field--short"
      />
      <Field name="reason" label="Reason (the member and prescriber read it)" rows={2} />
      <SubmitButton pending="Approving…">Approve</SubmitButton>
    </Form>
  );
}
