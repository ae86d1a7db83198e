import { Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import type { UtilizationReportView, UtilizationRow } from '@openpbm/shared/client-tools';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { getJson } from '../../components/api/client';
import { Page } from '../../components/content/Page';
import { QueryBoundary } from '../../components/content/QueryBoundary';
import { Section } from '../../components/content/Section';
import { UtilizationChart } from './UtilizationChart';
import './clients.css';
import { ReportPeriodForm, suppressedCount, suppressedMoney, useReportPeriod } from './report-period';
import { SecureToolGate } from './SecureToolGate';

const money = suppressedMoney;
const count = suppressedCount;

function Breakdown({ caption, first, rows }: { caption: string; first: string; rows: UtilizationRow[] }) {
  return (
    <Table stackable stackableBreakpoint="md" compact>
      <TableCaption>{caption}</TableCaption>
      <TableHead>
        <TableRow>
          <TableCell>{first}</TableCell>
          <TableCell>Members using</TableCell>
          <TableCell>Claims</TableCell>
          <TableCell>Days supply</TableCell>
          <TableCell>Plan paid</TableCell>
          <TableCell>Member paid</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key}>
            <TableCell component="th" scope="row" stackedTitle={first}>
              {r.label}
            </TableCell>
            <TableCell stackedTitle="Members using">{count(r.members)}</TableCell>
            <TableCell stackedTitle="Claims">{count(r.claims)}</TableCell>
            <TableCell stackedTitle="Days supply">{count(r.daysSupply)}</TableCell>
            <TableCell stackedTitle="Plan paid">{money(r.planPaidCents)}</TableCell>
            <TableCell stackedTitle="Member paid">{money(r.memberPaidCents)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Report({ report, csvUrl }: { report: UtilizationReportView; csvUrl: string }) {
  return (
    <>
      <p>
        {report.client.name} ({report.client.code}), {report.period.from} to {report.period.to}. Paid claims
        only, de-identified: any figure about fewer than {report.suppressionThreshold} members is suppressed,
        with another beside it so totals cannot give it away. Members who opted out of de-identified use are
        not counted.
      </p>
      <div className="plan-report__actions">
        <a className="ds-c-button ds-c-button--outline" href={csvUrl} download>
          Download CSV
        </a>
      </div>
      <Section heading="By month">
        <UtilizationChart report={report} />
        <Breakdown
          caption="Claims and cost by month"
          first="Month"
          rows={[...report.byMonth, report.totals]}
        />
      </Section>
      <Section heading="By channel">
        <Breakdown caption="Claims and cost by pharmacy channel" first="Channel" rows={report.byChannel} />
      </Section>
      <Section heading="By formulary tier">
        <Breakdown caption="Claims and cost by formulary tier" first="Tier" rows={report.byTier} />
      </Section>
    </>
  );
}

/** The de-identified claims and utilization report of one client (needs that tool for it). */
export function UtilizationReportPage() {
  const { clientId } = useParams({ strict: false }) as { clientId: string };
  const { period, setPeriod, qs } = useReportPeriod();
  const query = useQuery({
    queryKey: ['clients', clientId, 'utilization', period],
    queryFn: () => getJson<UtilizationReportView>(`/api/clients/${clientId}/reports/utilization?${qs}`),
  });
  return (
    <Page title="Claims and utilization" eyebrow="Client portal" heading="Claims and utilization">
      <SecureToolGate>
        <ReportPeriodForm idPrefix="utilization" period={period} onChange={setPeriod} />
        <QueryBoundary query={query} what="the claims and utilization report">
          {(report) => (
            <Report report={report} csvUrl={`/api/clients/${clientId}/reports/utilization.csv?${qs}`} />
          )}
        </QueryBoundary>
      </SecureToolGate>
    </Page>
  );
}
