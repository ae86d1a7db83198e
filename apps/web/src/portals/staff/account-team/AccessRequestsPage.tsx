import { Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import { CLIENT_TOOL_LABELS, type ReviewView } from '@openpbm/shared/client-portal';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { getJson } from '../../../components/api/client';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { formatInstant } from '../../../components/format/dates';

/** The account team's queue: client portal access requests waiting for verification, oldest first. */
export function AccessRequestsPage() {
  const query = useQuery({
    queryKey: ['clients', 'account-team', 'queue'],
    queryFn: () =>
      getJson<{ requests: ReviewView[] }>('/api/clients/account-team/access-requests?status=pending'),
    refetchInterval: 60_000,
  });
  return (
    <Page
      title="Access requests"
      eyebrow="Account team"
      heading="Client portal access requests"
      lead="Verify each requester with a call-back before approving. Requests are due within 10 days."
    >
      <QueryBoundary query={query} what="the access requests">
        {({ requests }) =>
          requests.length === 0 ? (
            <p>No requests are waiting.</p>
          ) : (
            <Table stackable stackableBreakpoint="md" compact>
              <TableCaption>Waiting requests, oldest first</TableCaption>
              <TableHead>
                <TableRow>
                  <TableCell>Requester</TableCell>
                  <TableCell>Client</TableCell>
                  <TableCell>Tools</TableCell>
                  <TableCell>Due</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {requests.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell component="th" scope="row" stackedTitle="Requester">
                      <Link to="/staff/account-team/access-requests/$requestId" params={{ requestId: r.id }}>
                        {r.requester.displayName}
                      </Link>
                      {r.requester.organization ? `, ${r.requester.organization}` : ''}
                    </TableCell>
                    <TableCell stackedTitle="Client">
                      {r.clientName} ({r.clientCode})
                    </TableCell>
                    <TableCell stackedTitle="Tools">
                      {r.tools.map((t) => CLIENT_TOOL_LABELS[t]).join(', ')}
                    </TableCell>
                    <TableCell stackedTitle="Due">
                      {formatInstant(r.expectedBy)} (day {r.daysWaiting + 1})
                      {r.escalatedAt ? ' · Escalated' : r.remindedAt ? ' · Reminder sent' : ''}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )
        }
      </QueryBoundary>
    </Page>
  );
}
