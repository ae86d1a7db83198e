import { Alert } from '@cmsgov/design-system';
import { CASE_CATEGORY_VALUES, contactMessageRequest } from '@openpbm/shared/support';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { postJson } from '../../../components/api/client';
import { RoleGate } from '../../../components/auth/RoleGate';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { categoryOptions } from './labels';
import './help.css';

interface Rx {
  id: string;
  rxNumber: string;
  drugName: string;
}

const optionalId = z.union([z.literal(''), z.uuid()]);
const messageForm = contactMessageRequest.extend({ prescriptionId: optionalId, orderId: optionalId });
type MessageForm = z.infer<typeof messageForm>;

const WINDOWS = [
  { value: '09:00-11:00', label: '9 to 11 in the morning' },
  { value: '11:00-13:00', label: '11 in the morning to 1 in the afternoon' },
  { value: '13:00-15:00', label: '1 to 3 in the afternoon' },
  { value: '15:00-17:00', label: '3 to 5 in the afternoon' },
];
const callbackForm = z.object({
  category: z.enum(CASE_CATEGORY_VALUES),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{10,20}$/, 'Enter a phone number with area code'),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a day'),
  window: z.enum(WINDOWS.map((w) => w.value) as [string, ...string[]], { message: 'Choose a time' }),
  note: z.string().trim().max(500, 'Use at most 500 characters.'),
});
type CallbackForm = z.infer<typeof callbackForm>;

function MessageForm() {
  const [sent, setSent] = useState<{ id: string; caseNumber: string } | null>(null);
  const rx = useQuery({
    queryKey: ['prescriptions', 'contact'],
    queryFn: () => postJson<{ prescriptions: Rx[] }>('/api/prescriptions/search', {}),
  });
  const empty: MessageForm = { category: 'refill', subject: '', body: '', prescriptionId: '', orderId: '' };
  const form = useZodForm(messageForm, { defaultValues: empty });
  async function send(values: MessageForm) {
    const { prescriptionId, orderId, ...rest } = values;
    const created = await postJson<{ id: string; caseNumber: string }>('/api/support/messages', {
      ...rest,
      ...(prescriptionId ? { prescriptionId } : {}),
      ...(orderId ? { orderId } : {}),
    });
    form.reset(empty);
    setSent(created);
  }
  return (
    <Form form={form} onSubmit={send} className="help-panel" aria-label="Write to customer service">
      {sent ? (
        <Alert heading="Your message was sent" headingLevel="3" variation="success" role="status">
          <p>
            Case {sent.caseNumber}. We answer within one business day and e-mail you when we do.{' '}
            <Link to="/members/help/cases/$caseId" params={{ caseId: sent.id }}>
              Open the case
            </Link>
          </p>
        </Alert>
      ) : null}
      <Field name="category" label="What is it about?" options={categoryOptions} />
      <Field
        name="prescriptionId"
        label="Prescription (optional)"
        options={[
          { value: '', label: 'None' },
          ...(rx.data?.prescriptions ?? []).map((p) => ({
            value: p.id,
            label: `${p.drugName} (Rx ${p.rxNumber})`,
          })),
        ]}
      />
      <Field name="subject" label="Subject" maxLength={120} />
      <Field
        name="body"
        label="Your message"
        rows={6}
        maxLength={4000}
        hint="Please do not include card numbers."
      />
      <SubmitButton pending="Sending…">Send message</SubmitButton>
    </Form>
  );
}

function CallbackForm() {
  const [booked, setBooked] = useState<string | null>(null);
  const empty = { category: 'refill', phone: '', day: '', window: '', note: '' } as unknown as CallbackForm;
  const form = useZodForm(callbackForm, { defaultValues: empty });
  async function book(values: CallbackForm) {
    const [fromTime, toTime] = values.window.split('-');
    // The window is in the member's own time zone (the browser's); the API takes instants.
    const from = new Date(`${values.day}T${fromTime}:00`).toISOString();
    const to = new Date(`${values.day}T${toTime}:00`).toISOString();
    const created = await postJson<{ caseNumber: string }>('/api/support/callbacks', {
      category: values.category,
      phone: values.phone,
      from,
      to,
      ...(values.note ? { note: values.note } : {}),
    });
    form.reset(empty);
    setBooked(created.caseNumber);
  }
  return (
    <Form form={form} onSubmit={book} className="help-panel" aria-label="Ask for a callback">
      {booked ? (
        <Alert heading="We will call you" headingLevel="3" variation="success" role="status">
          <p>Case {booked}. We call in the window you chose.</p>
        </Alert>
      ) : null}
      <Field name="category" label="What is it about?" options={categoryOptions} />
      <Field name="phone" label="Phone number" type="tel" autoComplete="tel" inputMode="tel" />
      <Field name="day" label="Day" type="date" hint="Within the next 14 days" />
      <Field name="window" label="Time" options={[{ value: '', label: 'Choose a time' }, ...WINDOWS]} />
      <Field name="note" label="Anything we should know (optional)" rows={3} maxLength={500} />
      <SubmitButton pending="Sending…">Ask for a callback</SubmitButton>
    </Form>
  );
}

export function ContactPage() {
  return (
    <Page
      title="Contact us"
      eyebrow="Help"
      heading="Contact customer service"
      lead="Write to us securely, ask us to call you back, or call us."
    >
      <Section heading="Call us">
        <ul>
          <li>
            Phone: <a href="tel:+18005550199">1-800-555-0199</a>
          </li>
          <li>TTY: 711</li>
          <li>
            Monday to Friday 8 a.m. to 8 p.m., Saturday 9 a.m. to 1 p.m. (Central time). Closed on federal
            holidays.
          </li>
          <li>Pharmacists answer questions about medicines around the clock at the same number.</li>
        </ul>
      </Section>
      <RoleGate forRole="member" purpose="the contact forms">
        <Section heading="Send us a secure message">
          <MessageForm />
        </Section>
        <Section heading="Ask for a callback">
          <CallbackForm />
        </Section>
        <p>
          <Link to="/members/help">See your cases and answers</Link>
        </p>
      </RoleGate>
    </Page>
  );
}
