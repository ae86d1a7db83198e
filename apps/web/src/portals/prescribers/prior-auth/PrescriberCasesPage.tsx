import { Alert } from '@cmsgov/design-system';
import { CASE_TYPE_LABELS, type PrescriberStatus } from '@openpbm/shared/prior-auth';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { getJson } from '../../../components/api/client';
import { ButtonLink } from '../../../components/content/ButtonLink';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { type QueueColumn, QueueTable } from '../../../components/content/QueueTable';
import { Section } from '../../../components/content/Section';
import { StaffPage } from '../../../components/content/StaffPage';
import { formatInstant } from '../../../components/format/dates';
import { StatusTag } from '../../../components/prior-auth/case-parts';
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
  return (
    <QueryBoundary query={me} what="your prescriber account">
      {(data) => {
        if (!data.npiVerified) {
          return (
            <Alert variation="warn" heading="Your NPI is not verified yet" headingLevel="2">
              <p>
                Before you can ask for coverage, OpenPBM provider services verifies your NPI ({data.npi})
                against the national registry. Contact provider services if this takes more than one business
                day.
              </p>
            </Alert>
          );
        }
        return <>{children}</>;
      }}
    </QueryBoundary>
  );
}

const CASE_COLUMNS: ReadonlyArray<QueueColumn<PrescriberCaseSummary>> = [
  {
    title: 'Case',
    rowHeader: true,
    cell: (c) => (
      <Link to="/prescribers/prior-auth/$caseId" params={{ caseId: c.id }}>
        {c.caseNumber}
      </Link>
    ),
  },
  { title: 'Patient', cell: (c) => `${c.member.firstName} ${c.member.lastName}` },
  { title: 'Drug', cell: (c) => c.drugName },
  { title: 'Type', cell: (c) => `${CASE_TYPE_LABELS[c.type]}${c.expedited ? ' (expedited)' : ''}` },
  { title: 'Status', cell: (c) => <StatusTag status={c.status} /> },
  { title: 'Decision due', cell: (c) => (c.decidedAt ? '—' : formatInstant(c.dueAt)) },
];

function CaseTable() {
  const cases = useQuery({
    queryKey: ['prior-auth', 'prescriber', 'cases'],
    queryFn: () => getJson<{ cases: PrescriberCaseSummary[] }>('/api/prior-auth/prescriber/cases'),
  });
  return (
    <QueryBoundary query={cases} what="your requests">
      {(data) => (
        <QueueTable
          caption="Your coverage requests, newest first"
          columns={CASE_COLUMNS}
          rows={data.cases}
          rowKey={(c) => c.id}
          empty="You have not sent any requests yet."
        />
      )}
    </QueryBoundary>
  );
}

export function PrescriberCasesPage() {
  return (
    <StaffPage
      title="Coverage requests"
      eyebrow="For prescribers"
      heading="Coverage requests"
      lead="Prior authorizations, formulary exceptions and appeals you sent, with their status and decision dates."
      forRole="prescriber"
      purpose="your coverage requests"
    >
      <VerifiedPrescriber>
        <Section heading="Start a request">
          <p>Find your patient, choose the drug and answer the questions its coverage criteria ask.</p>
          <ButtonLink to="/prescribers/prior-auth/new">Start a request</ButtonLink>
        </Section>
        <Section heading="Your requests">
          <CaseTable />
        </Section>
      </VerifiedPrescriber>
    </StaffPage>
  );
}
