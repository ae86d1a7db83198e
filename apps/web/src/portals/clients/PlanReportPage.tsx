import { Button } from '@cmsgov/design-system';
import type { PlanReportView } from '@openpbm/shared/client-portal';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { getJson } from '../../components/api/client';
import { ActionError } from '../../components/content/ActionError';
import { Page } from '../../components/content/Page';
import { QueryBoundary } from '../../components/content/QueryBoundary';
import { type QueueColumn, QueueTable } from '../../components/content/QueueTable';
import { Section } from '../../components/content/Section';
import { formatInstant } from '../../components/format/dates';
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

/** When the figures are from, and a way to have them computed now (reports are kept up to a day). */
function FiguresAsOf({ report, onRefresh }: { report: PlanReportView; onRefresh: () => Promise<unknown> }) {
  const refresh = useMutation({ mutationFn: onRefresh });
  return (
    <div className="plan-report__as-of">
      <p>
        Figures as of {formatInstant(report.asOf)}. Reports are refreshed every night; claims processed since
        then appear after the next refresh.
      </p>
      <Button size="small" variation="ghost" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
        {refresh.isPending ? 'Refreshing…' : 'Refresh figures now'}
      </Button>
      <ActionError error={refresh.error} heading="The figures could not be refreshed" />
    </div>
  );
}

function Report({
  report,
  csvUrl,
  onRefresh,
}: {
  report: PlanReportView;
  csvUrl: string;
  onRefresh: () => Promise<unknown>;
}) {
  return (
    <>
      <p>
        {report.client.name} ({report.client.code}), {report.period.from} to {report.period.to}.
        De-identified: any figure about fewer than {report.suppressionThreshold} members is suppressed, with
        another beside it so totals cannot give it away.
      </p>
      <FiguresAsOf report={report} onRefresh={onRefresh} />
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
  const queryKey = ['clients', clientId, 'plan-report', period];
  const url = `/api/clients/${clientId}/reports/plan?${qs}`;
  const query = useQuery({ queryKey, queryFn: () => getJson<PlanReportView>(url) });
  const queries = useQueryClient();
  const refresh = async () =>
    queries.setQueryData(queryKey, await getJson<PlanReportView>(`${url}&refresh=true`));
  return (
    <Page title="Plan report" eyebrow="Client portal" heading="Plan report">
      <SecureToolGate>
        <ReportPeriodForm idPrefix="report" period={period} onChange={setPeriod} />
        <QueryBoundary query={query} what="the plan report">
          {(report) => (
            <Report
              report={report}
              csvUrl={`/api/clients/${clientId}/reports/plan.csv?${qs}`}
              onRefresh={refresh}
            />
          )}
        </QueryBoundary>
      </SecureToolGate>
    </Page>
  );
}
