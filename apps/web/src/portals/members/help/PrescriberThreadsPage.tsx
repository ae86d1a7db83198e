import { prescriberThreadRequest } from '@openpbm/shared/support';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import type { z } from 'zod';
import { getJson, postJson } from '../../../components/api/client';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { StaffPage } from '../../../components/content/StaffPage';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatInstant } from '../../../components/format/dates';
import { fileAsAttachment, type Thread } from '../../../components/messages/ThreadView';
import './help.css';

interface Rx {
  id: string;
  rxNumber: string;
  drugName: string;
  prescriber: { name: string };
}
const newThread = prescriberThreadRequest.pick({ prescriptionId: true, subject: true, body: true });
type NewThread = z.infer<typeof newThread>;

function NewThreadForm() {
  const navigate = useNavigate();
  const rx = useQuery({
    queryKey: ['prescriptions', 'threads'],
    queryFn: () => postJson<{ prescriptions: Rx[] }>('/api/prescriptions/search', {}),
  });
  const form = useZodForm(newThread, { defaultValues: { prescriptionId: '', subject: '', body: '' } });
  async function send(values: NewThread) {
    let attachment: Awaited<ReturnType<typeof fileAsAttachment>>;
    try {
      attachment = await fileAsAttachment(
        document.getElementById('new-thread-file') as HTMLInputElement | null,
      );
    } catch (error) {
      form.setError('body', { type: 'client', message: (error as Error).message });
      return;
    }
    const thread = await postJson<Thread>('/api/support/prescriber-threads', {
      ...values,
      ...(attachment ? { attachment } : {}),
    });
    await navigate({ to: '/members/messages/prescriber/$threadId', params: { threadId: thread.id } });
  }
  return (
    <Form form={form} onSubmit={send} className="help-panel" aria-label="Write to a prescriber’s office">
      <Field
        name="prescriptionId"
        label="Prescription"
        options={[
          { value: '', label: 'Choose a prescription' },
          ...(rx.data?.prescriptions ?? []).map((p) => ({
            value: p.id,
            label: `${p.drugName} (Rx ${p.rxNumber}) — ${p.prescriber.name}`,
          })),
        ]}
      />
      <Field
        name="subject"
        label="Subject"
        maxLength={120}
        hint="For example: renewal, or a generic instead"
      />
      <Field name="body" label="Your message" rows={5} maxLength={4000} />
      <div className="kit-field">
        <label className="ds-c-label" htmlFor="new-thread-file">
          Attach a file (optional)
        </label>
        <p className="ds-c-hint">PDF, PNG or JPEG, at most 5 MB</p>
        <input id="new-thread-file" type="file" accept="application/pdf,image/png,image/jpeg" />
      </div>
      <SubmitButton pending="Sending…">Send to the office</SubmitButton>
    </Form>
  );
}

function Threads() {
  const threads = useQuery({
    queryKey: ['support', 'prescriber-threads'],
    queryFn: () =>
      getJson<{ threads: Array<{ id: string; subject: string; lastMessageAt: string; unread: number }> }>(
        '/api/support/prescriber-threads',
      ),
  });
  return (
    <QueryBoundary query={threads} what="your conversations">
      {(data) =>
        data.threads.length === 0 ? (
          <p>No conversations yet.</p>
        ) : (
          <ul>
            {data.threads.map((t) => (
              <li key={t.id}>
                <Link to="/members/messages/prescriber/$threadId" params={{ threadId: t.id }}>
                  {t.subject}
                </Link>{' '}
                · {formatInstant(t.lastMessageAt)}
                {t.unread ? <strong> · {t.unread} new</strong> : null}
              </li>
            ))}
          </ul>
        )
      }
    </QueryBoundary>
  );
}

export function PrescriberThreadsPage() {
  return (
    <StaffPage
      title="Messages with your prescriber"
      eyebrow="Messages"
      heading="Messages with your prescriber’s office"
      forRole="member"
      purpose="your messages"
    >
      <Section heading="Conversations">
        <Threads />
      </Section>
      <Section
        heading="Write to a prescriber’s office"
        intro="Ask for a renewal or whether a generic would work for you."
      >
        <NewThreadForm />
      </Section>
    </StaffPage>
  );
}
