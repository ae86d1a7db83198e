// The account team's marketing mailing: the home-delivery invitation to every covered adult member. Starting it
// records a mailing; the marketing-mailings job sends it in batches within a minute or so, and this page shows
// its progress. Members who opted out of marketing are left out, also if they opt out while it is being sent.
// The e-mail carries no health data: a sign-in link and a link to change the marketing choice.
import {
  Alert,
  Button,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableRow,
} from '@cmsgov/design-system';
import type { MarketingMailing } from '@openpbm/shared/privacy';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, postJson } from '../../../components/api/client';
import { ActionError } from '../../../components/content/ActionError';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { formatInstant } from '../../../components/format/dates';
import { formatCount } from '../../../components/format/money';

const MAILINGS_KEY = ['privacy', 'marketing-mailings'];

function progressText(m: MarketingMailing): string {
  if (m.status === 'queued') return 'Waiting for the mailing job to choose the recipients';
  const done = `${formatCount(m.sent)} of ${formatCount(m.recipients)} sent`;
  return m.status === 'complete' ? `Complete: ${done}` : `Sending: ${done}`;
}

function Mailings() {
  const query = useQuery({
    queryKey: MAILINGS_KEY,
    queryFn: () => getJson<MarketingMailing[]>('/api/privacy/marketing/mailings'),
    // While a mailing is under way the page follows it.
    refetchInterval: (q) => (q.state.data?.some((m) => m.status !== 'complete') ? 3000 : false),
  });
  return (
    <QueryBoundary query={query} what="the mailings">
      {(mailings) =>
        mailings.length === 0 ? (
          <p>No mailing has been sent yet.</p>
        ) : (
          <Table stackable stackableBreakpoint="md" compact>
            <TableCaption>Mailings, newest first (times in UTC)</TableCaption>
            <TableHead>
              <TableRow>
                <TableCell>Started (UTC)</TableCell>
                <TableCell>Progress</TableCell>
                <TableCell>Opted out, left out</TableCell>
                <TableCell>Under 18, left out</TableCell>
                <TableCell>Finished (UTC)</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {mailings.map((m) => (
                <TableRow key={m.id}>
                  <TableCell stackedTitle="Started (UTC)">{formatInstant(m.createdAt, 'UTC')}</TableCell>
                  <TableCell stackedTitle="Progress">
                    <span data-testid="mailing-progress">{progressText(m)}</span>
                  </TableCell>
                  <TableCell stackedTitle="Opted out, left out">
                    {m.status === 'queued' ? '—' : formatCount(m.leftOutOptedOut)}
                  </TableCell>
                  <TableCell stackedTitle="Under 18, left out">
                    {m.status === 'queued' ? '—' : formatCount(m.leftOutMinors)}
                  </TableCell>
                  <TableCell stackedTitle="Finished (UTC)">{formatInstant(m.finishedAt, 'UTC')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )
      }
    </QueryBoundary>
  );
}

export function MarketingMailingPage() {
  const client = useQueryClient();
  const start = useMutation({
    mutationFn: () => postJson<MarketingMailing>('/api/privacy/marketing/home-delivery-invitations', {}),
    onSuccess: () => client.invalidateQueries({ queryKey: MAILINGS_KEY }),
  });
  return (
    <Page
      title="Marketing mailing"
      heading="Home-delivery invitation"
      eyebrow="Account team"
      lead="E-mail every covered member aged 18 or over an invitation to home delivery. Members who opted out of marketing never get it."
    >
      <Section heading="What members receive">
        <p>
          A short e-mail with no health information: that their plan includes home delivery, a link to sign in
          and see what they can switch, and a link to opt out of marketing.
        </p>
        {start.data ? (
          <Alert variation="success" heading="Mailing started" headingLevel="3" role="status">
            The mailing job sends it in batches, usually starting within a minute. Follow it below.
          </Alert>
        ) : null}
        <ActionError error={start.error} heading="The mailing did not start" />
        <Button variation="solid" onClick={() => start.mutate()} disabled={start.isPending}>
          {start.isPending ? 'Starting…' : 'Send the invitation to all clients’ members'}
        </Button>
      </Section>
      <Section heading="Mailings">
        <Mailings />
      </Section>
    </Page>
  );
}
