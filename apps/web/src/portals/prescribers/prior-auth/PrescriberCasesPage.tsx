import { Alert, Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import { CASE_TYPE_LABELS, type PrescriberStatus } from '@openpbm/shared/prior-auth';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { getJson } from '../../../components/api/client';
import { ButtonLink } from '../../../components/content/ButtonLink';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { formatInstant } from '../../../components/format/dates';
import { Loading, RoleGate, StatusTag } from './pa-common';
import type { PrescriberCaseSummary } from './pa-types';

export function usePrescriberStatus() {
  return useQuery({
    queryKey: ['prior-auth', 'prescriber', 'me'],
    queryFn: () => getJson<PrescriberStatus>('/api/prior-auth/prescriber/me'),
  });
}

/** Shown instead of the tools while the prescriber's NPI is not verified. */
export function VerifiedPrescriber({ children }: { children: ReactNode }) {
  const me = usePrescriberStatus();
  if (me.isPending) return <Loading />;
  if (me.isError) {
    return <LoadError error={me.error} what="your prescriber account" />;
  }
  if (!me.data.npiVerified) {
    return (
      <Alert variation="warn" heading="Your NPI is not verified yet" headingLevel="2">
        <p>
          Before you can ask for coverage, OpenPBM provider services verifies your NPI ({me.data.npi}) against
          the national registry. Contact provider services if this takes more than one business day.
        </p>
      </Alert>
    );
  }
  return <>{children}</>;
}

function CaseTable() {
  const cases = useQuery({
    queryKey: ['prior-auth', 'prescriber', 'cases'],
    queryFn: () => getJson<{ cases: PrescriberCaseSummary[] }>('/api/prior-auth/prescriber/cases'),
  });
  if (cases.isPending) return <Loading />;
  if (cases.isError) {
    return <LoadError error={cases.error} what="your requests" />;
  }
  if (cases.data.cases.length === 0) return <p>You have not sent any requests yet.</p>;
  return (
    <Table stackable stackableBreakpoint="md" compact>
      <TableCaption>Your coverage requests, newest first</TableCaption>
      <TableHead>
        <TableRow>
          <TableCell>Case</TableCell>
          <TableCell>Patient</TableCell>
          <TableCell>Drug</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Decision due</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {cases.data.cases.map((c) => (
          <TableRow key={c.id}>
            <TableCell component="th" scope="row" stackedTitle="Case">
              <Link to="/prescribers/prior-auth/$caseId" params={{ caseId: c.id }}>
                {c.caseNumber}
              </Link>
            </TableCell>
            <TableCell stackedTitle="Patient">
              {c.member.firstName} {c.member.lastName}
            </TableCell>
            <TableCell stackedTitle="Drug">{c.drugName}</TableCell>
            <TableCell stackedTitle="Type">
              {CASE_TYPE_LABELS[c.type]}
              {c.expedited ? ' (expedited)' : ''}
            </TableCell>
            <TableCell stackedTitle="Status">
              <StatusTag status={c.status} />
            </TableCell>
            <TableCell stackedTitle="Decision due">{c.decidedAt ? '—' : formatInstant(c.dueAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function PrescriberCasesPage() {
  return (
    <Page
      title="Coverage requests"
      eyebrow="For prescribers"
      heading="Coverage requests"
      lead="Prior authorizations, formulary exceptions and appeals you sent, with their status and decision dates."
    >
      <RoleGate forRole="prescriber" purpose="your coverage requests">
        <VerifiedPrescriber>
          <Section heading="Start a request">
            <p>Find your patient, choose the drug and answer the questions its coverage criteria ask.</p>
            <ButtonLink to="/prescribers/prior-auth/new">Start a request</ButtonLink>
          </Section>
          <Section heading="Your requests">
            <CaseTable />
          </Section>
        </VerifiedPrescriber>
      </RoleGate>
    </Page>
  );
}
