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
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { ConsoleSubpage } from '../../../components/content/StaffPage';
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

/** The three one-text actions on a case, in the order the grid shows them (escalation sits between). */
const TEXT_ACTIONS = [
  {
    heading: 'Answer the member',
    schema: staffReplyRequest,
    name: 'body',
    label: 'Reply',
    path: 'replies',
    submit: 'Send reply',
  },
  {
    heading: 'Internal note',
    schema: caseNoteRequest,
    name: 'body',
    label: 'Note',
    path: 'notes',
    submit: 'Add note',
  },
  {
    heading: 'Close',
    schema: closeCaseRequest,
    name: 'resolution',
    label: 'Resolution',
    path: 'close',
    submit: 'Close case',
  },
] as const;

function TextActionCard({
  caseId,
  base,
  action,
}: {
  caseId: string;
  base: string;
  action: (typeof TEXT_ACTIONS)[number];
}) {
  const update = useCaseUpdate(caseId);
  const { name, label } = action;
  const form = useZodForm(action.schema as typeof staffReplyRequest, {
    defaultValues: { [name]: '' } as never,
  });
  async function send(values: z.infer<typeof action.schema>) {
    update(await postJson<StaffCase>(`${base}/${action.path}`, values));
    form.reset({ [name]: '' } as never);
  }
  return (
    <div className="cs-card">
      <h3>{action.heading}</h3>
      <Form form={form} onSubmit={send as never} aria-label={label}>
        <Field name={name} label={label} rows={4} />
        <SubmitButton pending="Saving…">{action.submit}</SubmitButton>
      </Form>
    </div>
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
                {TEXT_ACTIONS.slice(0, 2).map((action) => (
                  <TextActionCard key={action.heading} caseId={caseId} base={base} action={action} />
                ))}
                <div className="cs-card">
                  <h3>Escalate</h3>
                  <Escalate caseId={caseId} />
                </div>
                {TEXT_ACTIONS.slice(2).map((action) => (
                  <TextActionCard key={action.heading} caseId={caseId} base={base} action={action} />
                ))}
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
    <ConsoleSubpage title="Case" heading="Case" purpose="this case">
      <CaseBody caseId={caseId} />
    </ConsoleSubpage>
  );
}
