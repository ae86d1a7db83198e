import {
  Button,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableRow,
} from '@cmsgov/design-system';
import type { PlanReportView } from '@openpbm/shared/client-portal';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { getJson } from '../../components/api/client';
import { Page } from '../../components/content/Page';
import { QueryBoundary } from '../../components/content/QueryBoundary';
import { Section } from '../../components/content/Section';
import { PlanReportChart } from './PlanReportChart';
import './clients.css';
import {
  ReportPeriodForm,
  SUPPRESSED,
  suppressedCount,
  suppressedMoney,
  useReportPeriod,
} from './report-period';
import { SecureToolGate } from './SecureToolGate';

const money = suppressedMoney;
const count = suppressedCount;
const percent = (r: number | null) => (r === null ? SUPPRESSED : `${(r * 100).toFixed(1)}%`);

function Report({ report, csvUrl }: { report: PlanReportView; csvUrl: string }) {
  return (
    <>
      <p>
        {report.client.name} ({report.client.code}), {report.period.from} to {report.period.to}.
        De-identified: any figure about fewer than {report.suppressionThreshold} members is suppressed, with
        another beside it so totals cannot give it away.
      </p>
      <div className="plan-report__actions">
        <a className="ds-c-button ds-c-button--outline" href={csvUrl} download>
          Download CSV
        </a>
        <a
          className="ds-c-button ds-c-button--outline"
          href={csvUrl.replace('/plan.csv?', '/plan.pdf?')}
          download
        >
          Download PDF
        </a>
        <Button onClick={() => window.print()}>Print or save as PDF</Button>
      </div>
      <Section heading="Cost per member per month">
        <PlanReportChart report={report} />
        <Table stackable stackableBreakpoint="md" compact>
          <TableCaption>Utilization and cost by month</TableCaption>
          <TableHead>
            <TableRow>
              <TableCell>Month</TableCell>
              <TableCell>Members enrolled</TableCell>
              <TableCell>Members using</TableCell>
              <TableCell>Claims</TableCell>
              <TableCell>Plan paid</TableCell>
              <TableCell>Member paid</TableCell>
              <TableCell>Plan paid PMPM</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {report.months.map((m) => (
              <TableRow key={m.month}>
                <TableCell component="th" scope="row" stackedTitle="Month">
                  {m.month}
                </TableCell>
                <TableCell stackedTitle="Members enrolled">{count(m.enrolledMembers)}</TableCell>
                <TableCell stackedTitle="Members using">{count(m.membersUsing)}</TableCell>
                <TableCell stackedTitle="Claims">{count(m.claims)}</TableCell>
                <TableCell stackedTitle="Plan paid">{money(m.planPaidCents)}</TableCell>
                <TableCell stackedTitle="Member paid">{money(m.memberPaidCents)}</TableCell>
                <TableCell stackedTitle="Plan paid PMPM">{money(m.planPaidPmpmCents)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <Section heading="The period at a glance">
        <ul>
          <li>Members using the benefit: {count(report.totals.membersUsing)}</li>
          <li>Claims: {count(report.totals.claims)}</li>
          <li>
            Plan paid: {money(report.totals.planPaidCents)}; member paid:{' '}
            {money(report.totals.memberPaidCents)}
          </li>
          <li>Generic dispensing rate: {percent(report.totals.genericDispensingRate)}</li>
          <li>Home-delivery share of claims: {percent(report.totals.homeDeliveryShare)}</li>
          <li>Specialty share of plan cost: {percent(report.totals.specialtyShareOfCost)}</li>
          <li>
            Prior authorization requests: {count(report.priorAuthorization.requests)}; approval rate:{' '}
            {percent(report.priorAuthorization.approvalRate)}
          </li>
        </ul>
      </Section>
      <Section heading="Top therapeutic classes by plan cost">
        <Table stackable stackableBreakpoint="md" compact>
          <TableCaption>Therapeutic classes by plan cost</TableCaption>
          <TableHead>
            <TableRow>
              <TableCell>Class</TableCell>
              <TableCell>Members</TableCell>
              <TableCell>Claims</TableCell>
              <TableCell>Plan paid</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {report.therapeuticClasses.map((c) => (
              <TableRow key={c.name}>
                <TableCell component="th" scope="row" stackedTitle="Class">
                  {c.name}
                </TableCell>
                <TableCell stackedTitle="Members">{count(c.members)}</TableCell>
                <TableCell stackedTitle="Claims">{count(c.claims)}</TableCell>
                <TableCell stackedTitle="Plan paid">{money(c.planPaidCents)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
    </>
  );
}

/** The de-identified plan report of one client (needs the plan reports tool for it). */
export function PlanReportPage() {
  const { clientId } = useParams({ strict: false }) as { clientId: string };
  const { period, setPeriod, qs } = useReportPeriod();
  const query = useQuery({
    queryKey: ['clients', clientId, 'plan-report', period],
    queryFn: () => getJson<PlanReportView>(`/api/clients/${clientId}/reports/plan?${qs}`),
  });
  return (
    <Page title="Plan report" eyebrow="Client portal" heading="Plan report">
      <SecureToolGate>
        <ReportPeriodForm idPrefix="report" period={period} onChange={setPeriod} />
        <QueryBoundary query={query} what="the plan report">
          {(report) => <Report report={report} csvUrl={`/api/clients/${clientId}/reports/plan.csv?${qs}`} />}
        </QueryBoundary>
      </SecureToolGate>
    </Page>
  );
}
