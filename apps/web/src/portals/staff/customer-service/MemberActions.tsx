// Acting for the member: each form first records what the member agreed to on the phone, then the server calls
// the member's own service (refill, address, automatic refill, transfer, e-mail link) with the agent as actor.
import { Alert } from '@cmsgov/design-system';
import {
  assistedActivationRequest,
  assistedAddressRequest,
  assistedAutoRefillRequest,
  assistedRefillRequest,
  assistedTransferRequest,
} from '@openpbm/shared/support';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { z } from 'zod';
import { newIdempotencyKey, postIdempotent, postJson } from '../../../components/api/client';
import { Section } from '../../../components/content/Section';
import { CheckboxField, ChoiceField, Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import type { Overview } from './MemberPage';

const CONSENT_DEFAULTS = { consentStatement: '', memberConsented: false };

function ConsentFields({ example }: { example: string }) {
  return (
    <>
      <Field
        name="consentStatement"
        label="What the member agreed to"
        hint={`Read it to the member, e.g. “${example}”`}
      />
      <CheckboxField name="memberConsented" label="The member said yes" />
    </>
  );
}

function ActionForm<S extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>({
  title,
  schema,
  defaults,
  send,
  children,
  submit,
}: {
  title: string;
  schema: S;
  defaults: Record<string, unknown>;
  send: (values: z.output<S>) => Promise<unknown>;
  children: ReactNode;
  submit: string;
}) {
  const client = useQueryClient();
  const [done, setDone] = useState(false);
  const form = useZodForm(schema as never, { defaultValues: defaults as never });
  async function onSubmit(values: z.output<S>) {
    setDone(false);
    await send(values);
    form.reset(defaults as never);
    setDone(true);
    await client.invalidateQueries({ queryKey: ['support', 'staff', 'member'] });
  }
  return (
    <div className="cs-card">
      <h3>{title}</h3>
      <Form form={form} onSubmit={onSubmit as never} aria-label={title}>
        {done ? (
          <Alert heading="Done" headingLevel="4" variation="success" role="status">
            <p>The member will see it as done for them by customer service.</p>
          </Alert>
        ) : null}
        {children}
        <SubmitButton pending="Working…">{submit}</SubmitButton>
      </Form>
    </div>
  );
}

export function MemberActions({ overview }: { overview: Overview }) {
  const base = `/api/support/staff/members/${overview.memberId}`;
  const rxOptions = overview.prescriptions
    .filter((p) => p.status === 'active')
    .map((p) => ({ value: p.id, label: `${p.drugName} (Rx ${p.rxNumber})` }));
  const [refillKey] = useState(newIdempotencyKey);
  return (
    <Section
      heading="Act for the member"
      intro="Ask first. Each action records the member's agreement and is shown to them."
    >
      <div className="cs-grid">
        <ActionForm
          title="Place a refill"
          schema={assistedRefillRequest}
          defaults={{ ...CONSENT_DEFAULTS, prescriptionIds: [] }}
          send={(values) => postIdempotent(`${base}/refills`, values, refillKey)}
          submit="Place refill"
        >
          <ChoiceField name="prescriptionIds" label="Prescriptions" options={rxOptions} multiple />
          <ConsentFields example="We will send a refill of these by home delivery, charged to your card on file." />
        </ActionForm>
        <ActionForm
          title="Change the address"
          schema={assistedAddressRequest}
          defaults={{ ...CONSENT_DEFAULTS, line1: '', line2: '', city: '', state: '', zip: '' }}
          send={(values) => postJson(`${base}/address`, values)}
          submit="Change address"
        >
          <Field name="line1" label="Street address" autoComplete="off" />
          <Field name="line2" label="Apartment, suite (optional)" autoComplete="off" />
          <Field name="city" label="City" autoComplete="off" />
          <Field name="state" label="State" maxLength={2} hint="Two letters, e.g. IL" />
          <Field name="zip" label="ZIP code" inputMode="numeric" maxLength={5} />
          <ConsentFields example="We will change your address on file to this one." />
        </ActionForm>
        <ActionForm
          title="Automatic refills"
          schema={assistedAutoRefillRequest.extend({
            on: z.enum(['on', 'off']).transform((v) => v === 'on'),
          })}
          defaults={{ ...CONSENT_DEFAULTS, prescriptionId: '', on: 'on' }}
          send={(values) => postJson(`${base}/auto-refill`, values)}
          submit="Save"
        >
          <Field
            name="prescriptionId"
            label="Prescription"
            options={[{ value: '', label: 'Choose a prescription' }, ...rxOptions]}
          />
          <ChoiceField
            name="on"
            label="Automatic refills"
            options={[
              { value: 'on', label: 'Turn on' },
              { value: 'off', label: 'Turn off' },
            ]}
          />
          <ConsentFields example="We will turn automatic refills on for this prescription." />
        </ActionForm>
        <ActionForm
          title="Start a transfer"
          schema={assistedTransferRequest}
          defaults={{
            ...CONSENT_DEFAULTS,
            pharmacyName: '',
            pharmacyPhone: '',
            rxNumber: '',
            drugDescription: '',
          }}
          send={(values) => postJson(`${base}/transfers`, values)}
          submit="Start transfer"
        >
          <Field name="pharmacyName" label="Pharmacy name" />
          <Field name="pharmacyPhone" label="Pharmacy phone" type="tel" />
          <Field name="rxNumber" label="Rx number on the label" />
          <Field name="drugDescription" label="Medicine" />
          <ConsentFields example="We will move this prescription to home delivery." />
        </ActionForm>
        <ActionForm
          title="Resend the e-mail link"
          schema={assistedActivationRequest}
          defaults={CONSENT_DEFAULTS}
          send={(values) => postJson(`${base}/activation-email`, values)}
          submit="Send link again"
        >
          <p>
            Sends the link that confirms the member's e-mail address. Passwords, sign-in factors and cards
            stay with the member.
          </p>
          <ConsentFields example="We will e-mail you the confirmation link again." />
        </ActionForm>
      </div>
    </Section>
  );
}
