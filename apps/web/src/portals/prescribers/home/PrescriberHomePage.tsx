import { Alert, Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import type { PrescriberDashboard } from '@openpbm/shared/dashboard';
import { Link } from '@tanstack/react-router';
import { useDashboard } from '../../../app/useDashboard';
import { ButtonLink } from '../../../components/content/ButtonLink';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { formatInstant } from '../../../components/format/dates';

/** The prescriber's home: open coverage requests, the ones waiting for their answer first, and renewals. */
export function PrescriberHomePage() {
  const dashboard = useDashboard<PrescriberDashboard>('prescriber');
  return (
    <Page
      title="Home"
      eyebrow="For prescribers"
      heading="Your open requests"
      lead="Coverage requests that are not decided yet, and what the plan is waiting for from you."
      actions={<ButtonLink to="/prescribers/prior-auth/new">Start a request</ButtonLink>}
    >
      <QueryBoundary query={dashboard} what="your requests">
        {(d) => (
          <>
            {!d.verified ? (
              <Alert heading="Your NPI is not verified yet" headingLevel="2" variation="warn">
                Until OpenPBM provider services verify your NPI you cannot send or see coverage requests.
              </Alert>
            ) : null}
            <Section heading="Renewal requests from patients">
              <p>
                {d.renewalRequests === 0
                  ? 'No patient is waiting for a renewal.'
                  : `${d.renewalRequests} ${d.renewalRequests === 1 ? 'patient is' : 'patients are'} waiting for a renewal.`}{' '}
                <Link to="/prescribers/renewals">Open renewal requests</Link>
              </p>
            </Section>
            {d.verified ? (
              <Section heading="Open coverage requests">
                {d.openCases.length === 0 ? (
                  <p>You have no open requests.</p>
                ) : (
                  <Table stackable stackableBreakpoint="md">
                    <TableCaption>
                      Open coverage requests, the ones waiting for your answer first
                    </TableCaption>
                    <TableHead>
                      <TableRow>
                        <TableCell>Request</TableCell>
                        <TableCell>Patient</TableCell>
                        <TableCell>Drug</TableCell>
                        <TableCell>Status</TableCell>
                        <TableCell>Due</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {d.openCases.map((c) => (
                        <TableRow key={c.id}>
                          <TableCell stackedTitle="Request">
                            <Link to="/prescribers/prior-auth/$caseId" params={{ caseId: c.id }}>
                              {c.caseNumber}
                            </Link>
                            {c.expedited ? ' (expedited)' : ''}
                          </TableCell>
                          <TableCell stackedTitle="Patient">{c.patientName}</TableCell>
                          <TableCell stackedTitle="Drug">{c.drugName}</TableCell>
                          <TableCell stackedTitle="Status">
                            {c.infoDueAt ? <strong>{c.statusLabel}</strong> : c.statusLabel}
                          </TableCell>
                          <TableCell stackedTitle="Due">
                            {c.infoDueAt
                              ? `Your answer by ${formatInstant(c.infoDueAt)}`
                              : `Decision by ${formatInstant(c.dueAt)}`}
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
              </Section>
            ) : null}
          </>
        )}
      </QueryBoundary>
    </Page>
  );
}
