import { CASE_TYPE_LABELS, type QueueItem } from '@openpbm/shared/prior-auth';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { getJson } from '../../../components/api/client';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { type QueueColumn, QueueTable } from '../../../components/content/QueueTable';
import { StaffPage } from '../../../components/content/StaffPage';
import { formatInstant } from '../../../components/format/dates';
import { StatusTag } from '../../../components/prior-auth/case-parts';

const COLUMNS: QueueColumn<QueueItem>[] = [
  {
    title: 'Deadline',
    cell: (c) => (
      <>
        {formatInstant(c.deadline)}
        {c.overdue ? <span className="pa-flag"> Overdue</span> : null}
        {c.escalated ? <span className="pa-flag"> Escalated</span> : null}
      </>
    ),
  },
  {
    title: 'Case',
    rowHeader: true,
    cell: (c) => (
      <Link to="/staff/clinical-review/$caseId" params={{ caseId: c.id }}>
        {c.caseNumber}
      </Link>
    ),
  },
  { title: 'Type', cell: (c) => `${CASE_TYPE_LABELS[c.type]}${c.expedited ? ' · expedited' : ''}` },
  { title: 'Drug', cell: (c) => c.drugName },
  { title: 'Status', cell: (c) => <StatusTag status={c.status} /> },
  {
    title: 'Assigned',
    cell: (c) =>
      `${c.assignedToMe ? 'You' : c.assigned ? 'Another reviewer' : 'Nobody'}${c.mayDecide ? '' : ' (you decided the case appealed)'}`,
  },
];

function Queue() {
  const queue = useQuery({
    queryKey: ['prior-auth', 'review', 'queue'],
    queryFn: () => getJson<{ cases: QueueItem[] }>('/api/prior-auth/review/queue'),
    refetchInterval: 60_000,
  });
  return (
    <QueryBoundary query={queue} what="the queue">
      {(data) => (
        <QueueTable
          caption="Open requests, soonest deadline first"
          rows={data.cases}
          rowKey={(c) => c.id}
          empty="The queue is empty."
          columns={COLUMNS}
        />
      )}
    </QueryBoundary>
  );
}

export function ReviewQueuePage() {
  return (
    <StaffPage
      title="Clinical review queue"
      eyebrow="Clinical review"
      heading="Clinical review queue"
      lead="Expedited requests are due 72 hours after receipt, standard ones 7 calendar days. A request for information stops the clock."
      forRole="clinical_reviewer"
      purpose="the clinical review queue"
    >
      <Queue />
    </StaffPage>
  );
}
