import type { ReviewerDashboard } from '@openpbm/shared/dashboard';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useDashboard } from '../../../app/useDashboard';
import { CardGrid } from '../../../components/content/CardGrid';
import { FeatureCard } from '../../../components/content/FeatureCard';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { formatInstant } from '../../../components/format/dates';
import { useSession } from '../../../identity/session';

/** OpenPBM staff's home: the clinical reviewer's cases by deadline; for the other staff roles what exists today. */
export function StaffHomePage() {
  const session = useSession();
  const role = session.data?.user?.role;
  return (
    <Page title="Home" eyebrow="OpenPBM staff" heading={ROLE_HEADINGS[role ?? ''] ?? 'Your home'}>
      {role === 'clinical_reviewer' ? <ReviewerHome /> : null}
      {role && ROLE_TOOLS[role] ? <Section heading="What you can do here">{ROLE_TOOLS[role]}</Section> : null}
      <p>
        <Link to="/account">Your sign-in and security settings</Link>
      </p>
    </Page>
  );
}

const ROLE_HEADINGS: Record<string, string> = {
  clinical_reviewer: 'Coverage cases by deadline',
  customer_service: 'Customer service',
  account_team: 'Account team',
  privacy_officer: 'Privacy office',
  content_editor: 'Help center',
  admin: 'Administration',
};

// Said plainly: what each role can do here today.
const ROLE_TOOLS: Record<string, ReactNode> = {
  customer_service: (
    <p>
      <Link to="/staff/customer-service">Open the customer-service console</Link> to look up a member (every
      look-up asks for a reason and is recorded), act for them with their consent, and work the case queue,
      soonest due first.
    </p>
  ),
  content_editor: (
    <p>
      <Link to="/staff/help-editor">Write and publish help-center articles</Link>. A draft is seen only by
      editors; a published answer is in the public <Link to="/help">help center</Link> search at once.
    </p>
  ),
  account_team: (
    <p>
      <Link to="/account-team/client-users">Find a plan sponsor’s user</Link> and correct their name, e-mail
      or username. <Link to="/staff/account-team/marketing">Send the home-delivery invitation</Link> to
      covered members (those who opted out of marketing are left out).
    </p>
  ),
  privacy_officer: (
    <p>
      <Link to="/staff/privacy-office">Open the privacy office</Link> to publish privacy notices, log legal
      disclosures and produce de-identified extracts, or{' '}
      <Link to="/staff/privacy-office/research">produce the research claims extract</Link>. Every read or
      change of health data is in the audit log, which cannot be changed afterwards (
      <code>npm run audit:verify</code> checks it).
    </p>
  ),
  admin: (
    <p>
      Signing a user out everywhere and verifying a prescriber’s NPI work through the API (see the{' '}
      <a href="/docs">API documentation</a>). <Link to="/staff/fhir-apps">Register third-party apps</Link>{' '}
      that members can connect to their records (SMART on FHIR).
    </p>
  ),
};

function ReviewerHome() {
  const dashboard = useDashboard<ReviewerDashboard>('clinical-review');
  return (
    <QueryBoundary query={dashboard} what="your cases">
      {(d) => (
        <>
          <CardGrid columns={4}>
            <Count title="Overdue" n={d.counts.overdue} />
            <Count title="Due within 24 hours" n={d.counts.dueWithin24Hours} />
            <Count title="Due later" n={d.counts.later} />
            <Count title="Assigned to you" n={d.counts.assignedToMe} />
          </CardGrid>
          <Section heading="Next deadlines">
            {d.nextCases.length === 0 ? (
              <p>No open cases.</p>
            ) : (
              <ol className="staff-home__cases">
                {d.nextCases.map((c) => (
                  <li key={c.id}>
                    <Link to="/staff/clinical-review/$caseId" params={{ caseId: c.id }}>
                      {c.caseNumber}
                    </Link>{' '}
                    {c.drugName}, {c.statusLabel}
                    {c.expedited ? ', expedited' : ''}: {c.overdue ? 'overdue since' : 'due'}{' '}
                    {formatInstant(c.deadline)}
                    {c.assignedToMe ? ' (yours)' : ''}
                  </li>
                ))}
              </ol>
            )}
            <p>
              <Link to="/staff/clinical-review">Open the review queue</Link>
            </p>
          </Section>
        </>
      )}
    </QueryBoundary>
  );
}

function Count({ title, n }: { title: string; n: number }) {
  return (
    <FeatureCard title={title}>
      <p className="home-count">
        {n} {n === 1 ? 'case' : 'cases'}
      </p>
    </FeatureCard>
  );
}
