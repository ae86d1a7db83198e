import { Button } from '@cmsgov/design-system';
import type { PlanReportView } from '@openpbm/shared/client-portal';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { getJson } from '../../components/api/client';
import { Page } from '../../components/content/Page';
import { QueryBoundary } from '../../components/content/QueryBoundary';
import { type QueueColumn, QueueTable } from '../../components/content/QueueTable';
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

const MONTH_COLUMNS: ReadonlyArray<QueueColumn<PlanReportView['months'][number]>> = [
  { title: 'Month', rowHeader: true, cell: (m) => m.month },
  { title: 'Members enrolled', cell: (m) => count(m.enrolledMembers) },
  { title: 'Members using', cell: (m) => count(m.membersUsing) },
  { title: 'Claims', cell: (m) => count(m.claims) },
  { title: 'Plan paid', cell: (m) => money(m.planPaidCents) },
  { title: 'Member paid', cell: (m) => money(m.memberPaidCents) },
  { title: 'Plan paid PMPM', cell: (m) => money(m.planPaidPmpmCents) },
];

const CLASS_COLUMNS: ReadonlyArray<QueueColumn<PlanReportView['therapeuticClasses'][number]>> = [
  { title: 'Class', rowHeader: true, cell: (c) => c.name },
  { title: 'Members', cell: (c) => count(c.members) },
  { title: 'Claims', cell: (c) => count(c.claims) },
  { title: 'Plan paid', cell: (c) => money(c.planPaidCents) },
];

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
        <QueueTable
          caption="Utilization and cost by month"
          columns={MONTH_COLUMNS}
          rows={report.months}
          rowKey={(m) => m.month}
          empty="No months in this period."
        />
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
        <QueueTable
          caption="Therapeutic classes by plan cost"
          columns={CLASS_COLUMNS}
          rows={report.therapeuticClasses}
          rowKey={(c) => c.name}
          empty="No claims in this period."
        />
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
