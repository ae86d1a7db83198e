import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { getJson } from '../../../components/api/client';
import { RoleGate } from '../../../components/auth/RoleGate';
import { ButtonLink } from '../../../components/content/ButtonLink';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { type QueueColumn, QueueTable } from '../../../components/content/QueueTable';
import { Section } from '../../../components/content/Section';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { CASE_CATEGORY_LABELS, CASE_STATUS_LABELS, DONE_FOR_YOU_LABELS } from './labels';

interface CaseRow {
  id: string;
  caseNumber: string;
  category: string;
  subject: string;
  status: string;
  createdAt: string;
}

const CASE_COLUMNS: ReadonlyArray<QueueColumn<CaseRow>> = [
  {
    title: 'Case',
    rowHeader: true,
    cell: (c) => (
      <Link to="/members/help/cases/$caseId" params={{ caseId: c.id }}>
        {c.caseNumber}
      </Link>
    ),
  },
  { title: 'Subject', cell: (c) => c.subject },
  { title: 'About', cell: (c) => CASE_CATEGORY_LABELS[c.category] ?? c.category },
  { title: 'Status', cell: (c) => CASE_STATUS_LABELS[c.status] ?? c.status },
  { title: 'Sent', cell: (c) => formatInstant(c.createdAt) },
];

function Cases() {
  const cases = useQuery({
    queryKey: ['support', 'cases'],
    queryFn: () => getJson<{ cases: CaseRow[] }>('/api/support/cases'),
  });
  return (
    <QueryBoundary query={cases} what="your cases">
      {(data) => (
        <QueueTable
          caption="Your messages to customer service, newest first"
          columns={CASE_COLUMNS}
          rows={data.cases}
          rowKey={(c) => c.id}
          empty="You have not written to us yet."
        />
      )}
    </QueryBoundary>
  );
}

function DoneForYou() {
  const done = useQuery({
    queryKey: ['support', 'done-for-me'],
    queryFn: () =>
      getJson<{ actions: Array<{ id: string; action: string; at: string }> }>('/api/support/done-for-me'),
  });
  return (
    <QueryBoundary query={done} what="what we did for you">
      {(data) =>
        data.actions.length === 0 ? (
          <p>Customer service has not made changes for you.</p>
        ) : (
          <ul className="help-done">
            {data.actions.map((a) => (
              <li key={a.id}>
                {DONE_FOR_YOU_LABELS[a.action] ?? a.action} — done for you by customer service on{' '}
                {formatDate(a.at)}
              </li>
            ))}
          </ul>
        )
      }
    </QueryBoundary>
  );
}

export function MyCasesPage() {
  return (
    <Page
      title="Help and contact"
      eyebrow="Help"
      heading="Your questions and answers"
      actions={<ButtonLink to="/members/help/contact">Contact us</ButtonLink>}
    >
      <p>
        Looking for an answer first? <Link to="/help">Search the help center</Link>.
      </p>
      <RoleGate forRole="member" purpose="your cases">
        <Section heading="Your cases">
          <Cases />
        </Section>
        <Section
          heading="Done for you by customer service"
          intro="Changes customer service made for you, with your agreement."
        >
          <DoneForYou />
        </Section>
      </RoleGate>
    </Page>
  );
}
