// The plan report as a printable PDF (the platform PDF module): the same de-identified aggregates as the page and
// the CSV, suppressed cells printed as "suppressed", behind the same plan_reports grant (the report service's
// requireTool check and the route's client scope).
import { type PlanReportView, planReportView } from '@openpbm/shared/client-portal';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { pdfHeaders, renderPdf, utcStamp } from '../platform/pdf/pdf';
import { createPlanReportService } from './report-service';
import { clientScope } from './scope';

const SUPPRESSED = 'suppressed';
const money = (cents: number | null) =>
  cents === null ? SUPPRESSED : `$${(cents / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
const count = (n: number | null) => (n === null ? SUPPRESSED : String(n));
const rate = (r: number | null) => (r === null ? SUPPRESSED : `${(r * 100).toFixed(1)}%`);

export function planReportPdf(r: PlanReportView, generatedAt: Date): Promise<Buffer> {
  return renderPdf({
    title: `Plan report: ${r.client.name}`,
    subtitle: `Client ${r.client.code}, ${r.period.from} to ${r.period.to}; figures as of ${utcStamp(new Date(r.asOf))}. De-identified aggregates; counts of fewer than ${r.suppressionThreshold} members are suppressed, with complementary suppression.`,
    generatedAt,
    blocks: [
      { kind: 'heading', text: 'Utilization and cost per member per month' },
      {
        kind: 'table',
        columns: [
          'Month',
          'Enrolled',
          'Using',
          'Claims',
          'Plan paid',
          'Member paid',
          'Plan PMPM',
          'Member PMPM',
        ],
        rows: r.months.map((m) => [
          m.month,
          count(m.enrolledMembers),
          count(m.membersUsing),
          count(m.claims),
          money(m.planPaidCents),
          money(m.memberPaidCents),
          money(m.planPaidPmpmCents),
          money(m.memberPaidPmpmCents),
        ]),
      },
      { kind: 'heading', text: 'Period totals' },
      {
        kind: 'fields',
        fields: [
          ['Members using', count(r.totals.membersUsing)],
          ['Claims', count(r.totals.claims)],
          ['Plan paid', money(r.totals.planPaidCents)],
          ['Member paid', money(r.totals.memberPaidCents)],
          ['Generic dispensing rate', rate(r.totals.genericDispensingRate)],
          ['Home-delivery share', rate(r.totals.homeDeliveryShare)],
          ['Specialty share of cost', rate(r.totals.specialtyShareOfCost)],
        ],
      },
      { kind: 'heading', text: 'Top therapeutic classes by cost' },
      r.therapeuticClasses.length === 0
        ? { kind: 'paragraph', text: 'No claims in this period.' }
        : {
            kind: 'table',
            columns: ['Therapeutic class', 'Members', 'Claims', 'Plan paid'],
            widths: [3, 1, 1, 1.5],
            rows: r.therapeuticClasses.map((c) => [
              c.name,
              count(c.members),
              count(c.claims),
              money(c.planPaidCents),
            ]),
          },
      { kind: 'heading', text: 'Prior authorization' },
      {
        kind: 'fields',
        fields: [
          ['Requests', count(r.priorAuthorization.requests)],
          ['Approval rate', rate(r.priorAuthorization.approvalRate)],
        ],
      },
    ],
  });
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Enter a month as YYYY-MM.');

/** GET /clients/:clientId/reports/plan.pdf, registered by routes.ts. */
export function registerPlanReportPdfRoute(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const planReports = createPlanReportService(deps);
  app.get(
    '/clients/:clientId/reports/plan.pdf',
    {
      preHandler: requireRole('client_user', 'advisor'),
      preValidation: clientScope(deps, 'plan_reports'),
      schema: {
        tags: ['client portal'],
        summary: 'The plan report as a printable PDF (the same suppressed cells)',
        params: z.object({ clientId: z.uuid() }),
        querystring: z.object({ from: month, to: month }),
      },
    },
    async (request, reply) => {
      const report: PlanReportView = planReportView.parse(
        await planReports.planReport(
          principalOf(request),
          request.params.clientId,
          request.query.from,
          request.query.to,
        ),
      );
      return reply
        .headers(
          pdfHeaders(`plan-report-${report.client.code}-${report.period.from}-${report.period.to}.pdf`),
        )
        .send(await planReportPdf(report, deps.now()));
    },
  );
}
