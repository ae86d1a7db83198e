import { memberSearchRequest } from '@openpbm/shared/support';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { getJson, postJson } from '../../../components/api/client';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { type QueueColumn, QueueTable } from '../../../components/content/QueueTable';
import { Section } from '../../../components/content/Section';
import { StaffPage } from '../../../components/content/StaffPage';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatInstant } from '../../../components/format/dates';
import './console.css';

interface Found {
  memberId: string;
  name: string;
  memberNumberMasked: string;
  city: string;
  state: string;
  restricted: boolean;
}
interface QueueCase {
  id: string;
  caseNumber: string;
  channel: string;
  category: string;
  status: string;
  subject: string;
  memberName: string;
  assignee: string | null;
  dueAt: string;
  minutesLeft: number;
}

// Empty inputs are left out, so the shared schema sees what the agent typed.
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const searchForm = z.preprocess(
  (raw) =>
    Object.fromEntries(
      Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, blankToUndefined(v)]),
    ),
  memberSearchRequest,
);
const EMPTY = { memberNumber: '', lastName: '', firstName: '', dateOfBirth: '', reason: '' };

function Search() {
  const [found, setFound] = useState<Found[] | null>(null);
  const form = useZodForm(searchForm as never, { defaultValues: EMPTY as never });
  async function search(values: z.infer<typeof memberSearchRequest>) {
    setFound((await postJson<{ members: Found[] }>('/api/support/staff/member-search', values)).members);
  }
  return (
    <>
      <Form form={form} onSubmit={search as never} className="cs-search" aria-label="Find a member">
        <Field name="memberNumber" label="Member ID" autoComplete="off" />
        <p className="cs-or">or</p>
        <Field name="lastName" label="Last name" autoComplete="off" />
        <Field name="firstName" label="First name (optional)" autoComplete="off" />
        <Field name="dateOfBirth" label="Date of birth" type="date" />
        <Field
          name="reason"
          label="Reason for this look-up"
          hint="Recorded in the audit log, e.g. “Member called about a refill”"
          className="cs-search__reason"
        />
        <SubmitButton pending="Searching…">Find member</SubmitButton>
      </Form>
      {found ? (
        <div role="status">
          {found.length === 0 ? (
            <p>No member of your clients matches.</p>
          ) : (
            <ul className="cs-results">
              {found.map((m) => (
                <li key={m.memberId}>
                  <Link to="/staff/customer-service/members/$memberId" params={{ memberId: m.memberId }}>
                    {m.name}
                  </Link>{' '}
                  · {m.memberNumberMasked} · {m.city}, {m.state}
                  {m.restricted ? <strong> · Restricted record</strong> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </>
  );
}

const STATUS_WORDS: Record<string, string> = {
  open: 'Open',
  waiting_on_member: 'Waiting on the member',
  escalated: 'Escalated',
  closed: 'Closed',
};

const QUEUE_COLUMNS: QueueColumn<QueueCase>[] = [
  {
    title: 'Due',
    cell: (c) => (
      <>
        {formatInstant(c.dueAt)}
        {c.minutesLeft < 0 ? <strong className="cs-overdue"> Overdue</strong> : null}
      </>
    ),
  },
  {
    title: 'Case',
    rowHeader: true,
    cell: (c) => (
      <Link to="/staff/customer-service/cases/$caseId" params={{ caseId: c.id }}>
        {c.caseNumber}
      </Link>
    ),
  },
  { title: 'Member', cell: (c) => c.memberName },
  { title: 'Subject', cell: (c) => `${c.subject} (${c.channel})` },
  { title: 'Status', cell: (c) => STATUS_WORDS[c.status] ?? c.status },
  { title: 'Assigned', cell: (c) => c.assignee ?? 'Nobody' },
];

function Queue() {
  const queue = useQuery({
    queryKey: ['support', 'staff', 'queue'],
    queryFn: () => getJson<{ cases: QueueCase[] }>('/api/support/staff/queue'),
    refetchInterval: 60_000,
  });
  return (
    <QueryBoundary query={queue} what="the case queue">
      {(data) => (
        <QueueTable
          caption="Open cases, soonest due first"
          rows={data.cases}
          rowKey={(c) => c.id}
          empty="No open cases."
          columns={QUEUE_COLUMNS}
        />
      )}
    </QueryBoundary>
  );
}

export function ConsolePage() {
  return (
    <StaffPage
      title="Customer service"
      eyebrow="Customer service"
      heading="Customer service console"
      lead="Every look-up asks for a reason and is recorded. You see members of the clients you serve."
      forRole="customer_service"
      purpose="the customer-service console"
    >
      <Section heading="Find a member">
        <Search />
      </Section>
      <Section heading="Case queue">
        <Queue />
      </Section>
    </StaffPage>
  );
}
