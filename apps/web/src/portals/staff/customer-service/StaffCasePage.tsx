import {
  caseNoteRequest,
  closeCaseRequest,
  escalateRequest,
  staffReplyRequest,
} from '@openpbm/shared/support';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import type { z } from 'zod';
import { getJson, patchJson, postJson } from '../../../components/api/client';
import { RoleGate } from '../../../components/auth/RoleGate';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { Field, Form, FormActions, SubmitButton, useZodForm } from '../../../components/form';
import { formatInstant } from '../../../components/format/dates';
import './console.css';

interface StaffCase {
  id: string;
  caseNumber: string;
  memberId: string;
  channel: string;
  category: string;
  status: string;
  subject: string;
  escalatedTo: string | null;
  callbackPhone: string | null;
  callbackWindow: { from: string; to: string } | null;
  dueAt: string;
  minutesLeft: number;
  entries: Array<{ kind: string; body: string; author: string; at: string }>;
}

function useCaseUpdate(caseId: string) {
  const client = useQueryClient();
  return (updated: StaffCase) => {
    client.setQueryData(['support', 'staff', 'case', caseId], updated);
    void client.invalidateQueries({ queryKey: ['support', 'staff', 'queue'] });
  };
}

function TextAction<S extends typeof staffReplyRequest | typeof caseNoteRequest | typeof closeCaseRequest>({
  caseId,
  schema,
  name,
  label,
  url,
  submit,
}: {
  caseId: string;
  schema: S;
  name: 'body' | 'resolution';
  label: string;
  url: string;
  submit: string;
}) {
  const update = useCaseUpdate(caseId);
  const form = useZodForm(schema as typeof staffReplyRequest, { defaultValues: { [name]: '' } as never });
  async function send(values: z.infer<S>) {
    update(await postJson<StaffCase>(url, values));
    form.reset({ [name]: '' } as never);
  }
  return (
    <Form form={form} onSubmit={send as never} aria-label={label}>
      <Field name={name} label={label} rows={4} />
      <SubmitButton pending="Saving…">{submit}</SubmitButton>
    </Form>
  );
}

function Escalate({ caseId }: { caseId: string }) {
  const update = useCaseUpdate(caseId);
  const form = useZodForm(escalateRequest, { defaultValues: { to: 'pharmacist', reason: '' } });
  return (
    <Form
      form={form}
      onSubmit={async (v) =>
        update(await postJson<StaffCase>(`/api/support/staff/cases/${caseId}/escalate`, v))
      }
      aria-label="Escalate"
    >
      <Field
        name="to"
        label="Escalate to"
        options={[
          { value: 'pharmacist', label: 'A pharmacist' },
          { value: 'clinical_reviewer', label: 'A clinical reviewer' },
        ]}
      />
      <Field name="reason" label="Why" />
      <SubmitButton pending="Escalating…">Escalate</SubmitButton>
    </Form>
  );
}

function CaseBody({ caseId }: { caseId: string }) {
  const update = useCaseUpdate(caseId);
  const view = useQuery({
    queryKey: ['support', 'staff', 'case', caseId],
    queryFn: () => getJson<StaffCase>(`/api/support/staff/cases/${caseId}`),
  });
  const base = `/api/support/staff/cases/${caseId}`;
  return (
    <QueryBoundary query={view} what="the case">
      {(c) => (
        <>
          <p>
            {c.caseNumber} · {c.channel} · {c.category.replace(/_/g, ' ')} ·{' '}
            <strong>{c.status.replace(/_/g, ' ')}</strong>
            {c.escalatedTo ? ` (${c.escalatedTo.replace(/_/g, ' ')})` : ''} · due {formatInstant(c.dueAt)}
            {c.minutesLeft < 0 && c.status !== 'closed' ? (
              <strong className="cs-overdue"> Overdue</strong>
            ) : null}
          </p>
          {c.callbackWindow ? (
            <p>
              Call {c.callbackPhone} between {formatInstant(c.callbackWindow.from)} and{' '}
              {formatInstant(c.callbackWindow.to)}.
            </p>
          ) : null}
          <p>
            <Link to="/staff/customer-service/members/$memberId" params={{ memberId: c.memberId }}>
              Open the member
            </Link>
          </p>
          <Section heading={c.subject}>
            <ol className="cs-thread">
              {c.entries.map((e) => (
                <li
                  key={`${e.at}-${e.kind}-${e.body.slice(0, 16)}`}
                  className={e.kind === 'note' ? 'cs-thread--note' : ''}
                >
                  <p className="cs-thread__meta">
                    {e.kind === 'note'
                      ? `Internal note · ${e.author}`
                      : e.kind === 'staff_reply'
                        ? `Reply · ${e.author}`
                        : 'Member'}{' '}
                    · {formatInstant(e.at)}
                  </p>
                  {e.body}
                </li>
              ))}
            </ol>
          </Section>
          {c.status === 'closed' ? null : (
            <>
              <FormActions>
                <button
                  type="button"
                  className="ds-c-button ds-u-margin-bottom--2"
                  onClick={async () => update(await patchJson<StaffCase>(base, { assignToMe: true }))}
                >
                  Take this case
                </button>
              </FormActions>
              <div className="cs-grid">
                <div className="cs-card">
                  <h3>Answer the member</h3>
                  <TextAction
                    caseId={caseId}
                    schema={staffReplyRequest}
                    name="body"
                    label="Reply"
                    url={`${base}/replies`}
                    submit="Send reply"
                  />
                </div>
                <div className="cs-card">
                  <h3>Internal note</h3>
                  <TextAction
                    caseId={caseId}
                    schema={caseNoteRequest}
                    name="body"
                    label="Note"
                    url={`${base}/notes`}
                    submit="Add note"
                  />
                </div>
                <div className="cs-card">
                  <h3>Escalate</h3>
                  <Escalate caseId={caseId} />
                </div>
                <div className="cs-card">
                  <h3>Close</h3>
                  <TextAction
                    caseId={caseId}
                    schema={closeCaseRequest}
                    name="resolution"
                    label="Resolution"
                    url={`${base}/close`}
                    submit="Close case"
                  />
                </div>
              </div>
            </>
          )}
        </>
      )}
    </QueryBoundary>
  );
}

export function StaffCasePage() {
  const { caseId } = useParams({ strict: false }) as { caseId: string };
  return (
    <Page title="Case" eyebrow="Customer service" heading="Case">
      <RoleGate forRole="customer_service" purpose="this case">
        <CaseBody caseId={caseId} />
      </RoleGate>
      <p>
        <Link to="/staff/customer-service">Back to the console</Link>
      </p>
    </Page>
  );
}
