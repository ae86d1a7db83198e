import { memberReplyRequest } from '@openpbm/shared/support';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { getJson, postJson } from '../../../components/api/client';
import { RoleGate } from '../../../components/auth/RoleGate';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatInstant } from '../../../components/format/dates';
import { CASE_CATEGORY_LABELS, CASE_STATUS_LABELS } from './labels';
import '../../../components/messages/thread.css';
import './help.css';

interface CaseView {
  id: string;
  caseNumber: string;
  category: string;
  subject: string;
  status: string;
  entries: Array<{ kind: string; body: string; author: string; at: string }>;
}

function Reply({ caseId }: { caseId: string }) {
  const client = useQueryClient();
  const form = useZodForm(memberReplyRequest, { defaultValues: { body: '' } });
  async function send(values: { body: string }) {
    const updated = await postJson<CaseView>(`/api/support/cases/${caseId}/replies`, values);
    client.setQueryData(['support', 'case', caseId], updated);
    form.reset({ body: '' });
  }
  return (
    <Form form={form} onSubmit={send} className="help-panel" aria-label="Reply">
      <Field name="body" label="Your reply" rows={4} maxLength={4000} />
      <SubmitButton pending="Sending…">Send reply</SubmitButton>
    </Form>
  );
}

function CaseBody({ caseId }: { caseId: string }) {
  const view = useQuery({
    queryKey: ['support', 'case', caseId],
    queryFn: () => getJson<CaseView>(`/api/support/cases/${caseId}`),
  });
  return (
    <QueryBoundary query={view} what="this case">
      {(c) => (
        <>
          <p>
            Case {c.caseNumber} · {CASE_CATEGORY_LABELS[c.category] ?? c.category} ·{' '}
            <strong>{CASE_STATUS_LABELS[c.status] ?? c.status}</strong>
          </p>
          <Section heading={c.subject}>
            <ol className="msg-thread">
              {c.entries.map((e) => (
                <li
                  key={`${e.at}-${e.kind}-${e.body.slice(0, 20)}`}
                  className={e.author === 'You' ? 'msg-thread--mine' : ''}
                >
                  <p className="msg-thread__meta">
                    {e.author} · {formatInstant(e.at)}
                  </p>
                  {e.body}
                </li>
              ))}
            </ol>
          </Section>
          <Section heading="Reply">
            <Reply caseId={c.id} />
          </Section>
        </>
      )}
    </QueryBoundary>
  );
}

export function MyCasePage() {
  const { caseId } = useParams({ strict: false }) as { caseId: string };
  return (
    <Page title="Your case" eyebrow="Help" heading="Your message to customer service">
      <RoleGate forRole="member" purpose="this case">
        <CaseBody caseId={caseId} />
      </RoleGate>
      <p className="help-contact">
        <Link to="/members/help">All your cases</Link>
      </p>
    </Page>
  );
}
