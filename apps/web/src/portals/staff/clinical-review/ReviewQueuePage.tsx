import { Alert, Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import { CASE_TYPE_LABELS, type QueueItem } from '@openpbm/shared/prior-auth';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { errorMessage, getJson } from '../../../components/api/client';
import { Page } from '../../../components/content/Page';
import { formatInstant } from '../../../components/format/dates';
import { Loading, RoleGate, StatusTag } from '../../prescribers/prior-auth/pa-common';

function Queue() {
  const queue = useQuery({
    queryKey: ['prior-auth', 'review', 'queue'],
    queryFn: () => getJson<{ cases: QueueItem[] }>('/api/prior-auth/review/queue'),
    refetchInterval: 60_000,
  });
  if (queue.isPending) return <Loading />;
  if (queue.isError) {
    return (
      <Alert variation="error" heading="We could not load the queue" headingLevel="2">
        <p>{errorMessage(queue.error)}</p>
      </Alert>
    );
  }
  if (queue.data.cases.length === 0) return <p>The queue is empty.</p>;
  return (
    <Table stackable stackableBreakpoint="md" compact>
      <TableCaption>Open requests, soonest deadline first</TableCaption>
      <TableHead>
        <TableRow>
          <TableCell>Deadline</TableCell>
          <TableCell>Case</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Drug</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Assigned</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {queue.data.cases.map((c) => (
          <TableRow key={c.id}>
            <TableCell stackedTitle="Deadline">
              {formatInstant(c.deadline)}
              {c.overdue ? <span className="pa-flag"> Overdue</span> : null}
              {c.escalated ? <span className="pa-flag"> Escalated</span> : null}
            </TableCell>
            <TableCell component="th" scope="row" stackedTitle="Case">
              <Link to="/staff/clinical-review/$caseId" params={{ caseId: c.id }}>
                {c.caseNumber}
              </Link>
            </TableCell>
            <TableCell stackedTitle="Type">
              {CASE_TYPE_LABELS[c.type]}
              {c.expedited ? ' · expedited' : ''}
            </TableCell>
            <TableCell stackedTitle="Drug">{c.drugName}</TableCell>
            <TableCell stackedTitle="Status">
              <StatusTag status={c.status} />
            </TableCell>
            <TableCell stackedTitle="Assigned">
              {c.assignedToMe ? 'You' : c.assigned ? 'Another reviewer' : 'Nobody'}
              {c.mayDecide ? '' : ' (you decided the case appealed)'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function ReviewQueuePage() {
  return (
    <Page
      title="Clinical review queue"
      eyebrow="Clinical review"
      heading="Clinical review queue"
      lead="Expedited requests are due 72 hours after receipt, standard ones 7 calendar days. A request for information stops the clock."
    >
      <RoleGate forRole="clinical_reviewer" purpose="the clinical review queue">
        <Queue />
      </RoleGate>
    </Page>
  );
}
