// The de-identified plan report of one client for a period: only aggregates, with small-cell suppression
// (packages/domain/src/reporting/suppression.ts). Months and therapeutic classes add up to the published totals,
// so each group gets complementary suppression; rates are published only when the whole period clears the
// threshold. Reading it is audited as a report view (no member is touched individually).
// A report over 100,000 members reads hundreds of thousands of claims, so it is served from a snapshot under a day
// old (report-snapshot-repo.ts): computed on the first request of the day for that period, again nightly for the
// default period, or at once when the reader asks for fresh figures. The page says when the figures are from.

import { SUPPRESSION_THRESHOLD, suppressSmallCells } from '@openpbm/domain/reporting/suppression';
import { defaultReportPeriod, type PlanReportView } from '@openpbm/shared/client-portal';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { createClientAccess } from './client-access';
import * as reports from './report-repo';
import { auditReportView, openReport, periodOf } from './report-scope';
import {
  clientsWithPlanReportReaders,
  currentGeneration,
  dropStaleSnapshots,
  readFreshSnapshot,
  saveSnapshot,
} from './report-snapshot-repo';

const TOP_CLASSES = 5;

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);
const hide = <T>(hidden: boolean, value: T): T | null => (hidden ? null : value);

export function createPlanReportService(deps: AppDeps) {
  const access = createClientAccess(deps);

  return {
    /** The report for a period; `refresh` computes it now instead of serving a snapshot under a day old. */
    async planReport(
      principal: Principal,
      clientId: string,
      fromMonth: string,
      toMonth: string,
      options: { refresh?: boolean } = {},
    ): Promise<PlanReportView> {
      const { client, period } = await openReport(deps, access, principal, clientId, 'plan_reports', {
        fromMonth,
        toMonth,
      });
      const served = options.refresh
        ? undefined
        : await readFreshSnapshot(deps.db.db, clientId, fromMonth, toMonth, deps.now());
      const report = served ?? (await computeAndSavePlanReport(deps, client, fromMonth, toMonth));
      await auditReportView(deps, principal, clientId, 'plan_report', period);
      return report;
    },
  };
}

/**
 * The nightly run: drops snapshots past their age, then computes the default period of every active client
 * someone may read plan reports of (a live grant), so the day's first reader is served at once.
 */
export async function refreshPlanReportSnapshots(
  deps: AppDeps,
): Promise<{ dropped: number; computed: number }> {
  const now = deps.now();
  const dropped = await dropStaleSnapshots(deps.db.db, now);
  const readable = await clientsWithPlanReportReaders(deps.db.db, now);
  // The period the page opens on, so the day's first reader of it is served the night's figures.
  const { from, to } = defaultReportPeriod(now);
  for (const client of readable) await computeAndSavePlanReport(deps, client, from, to);
  return { dropped, computed: readable.length };
}

/** Computes the report now and keeps it as the period's snapshot. */
export async function computeAndSavePlanReport(
  deps: AppDeps,
  client: { id: string; code: string; name: string },
  fromMonth: string,
  toMonth: string,
): Promise<PlanReportView> {
  const asOf = deps.now();
  const generation = await currentGeneration(deps.db.db, client.id);
  const report = await computePlanReport(deps, client, fromMonth, toMonth, asOf);
  await saveSnapshot(deps.db.db, client.id, fromMonth, toMonth, { at: asOf, generation }, report);
  return report;
}

async function computePlanReport(
  deps: AppDeps,
  client: { id: string; code: string; name: string },
  fromMonth: string,
  toMonth: string,
  asOf: Date,
): Promise<PlanReportView> {
  const clientId = client.id;
  const period = periodOf(fromMonth, toMonth);
  const db = deps.db;
  const [months, totals, classes, pa] = await Promise.all([
    reports.monthlyUse(db, clientId, period),
    reports.periodTotals(db, clientId, period),
    reports.classesByCost(db, clientId, period),
    reports.priorAuthVolume(db, clientId, period),
  ]);

  const monthCut = suppressSmallCells(
    months.map((m) => m.members),
    { totalMembers: totals.members },
  );
  const totalHidden = monthCut.totalSuppressed;

  const top = classes.slice(0, TOP_CLASSES);
  const tail = classes.slice(TOP_CLASSES);
  const classRows = [...top];
  if (tail.length > 0)
    classRows.push({
      name: 'All other classes',
      members: await reports.membersOutside(
        db,
        clientId,
        period,
        top.map((c) => c.name),
      ),
      claims: tail.reduce((s, c) => s + c.claims, 0),
      planPaidCents: tail.reduce((s, c) => s + c.planPaidCents, 0),
    });
  const classCut = suppressSmallCells(
    classRows.map((c) => c.members),
    { totalMembers: totals.members },
  );

  const paHidden = pa.members < SUPPRESSION_THRESHOLD || pa.decided < SUPPRESSION_THRESHOLD;
  return {
    client: { code: client.code, name: client.name },
    period: { from: fromMonth, to: toMonth },
    asOf: asOf.toISOString(),
    suppressionThreshold: SUPPRESSION_THRESHOLD,
    months: months.map((m, i) => {
      const hidden = monthCut.suppressed.has(i);
      // Enrolment is a count of members too, published on its own; cost per member needs both halves.
      const enrolledSmall = m.enrolled > 0 && m.enrolled < SUPPRESSION_THRESHOLD;
      const pmpmHidden = hidden || enrolledSmall;
      return {
        month: m.month,
        suppressed: hidden,
        enrolledMembers: hide(enrolledSmall, m.enrolled),
        membersUsing: hide(hidden, m.members),
        claims: hide(hidden, m.claims),
        planPaidCents: hide(hidden, m.planPaidCents),
        memberPaidCents: hide(hidden, m.memberPaidCents),
        planPaidPmpmCents: hide(pmpmHidden, m.enrolled > 0 ? Math.round(m.planPaidCents / m.enrolled) : null),
        memberPaidPmpmCents: hide(
          pmpmHidden,
          m.enrolled > 0 ? Math.round(m.memberPaidCents / m.enrolled) : null,
        ),
      };
    }),
    totals: {
      suppressed: totalHidden,
      membersUsing: hide(totalHidden, totals.members),
      claims: hide(totalHidden, totals.claims),
      planPaidCents: hide(totalHidden, totals.planPaidCents),
      memberPaidCents: hide(totalHidden, totals.memberPaidCents),
      genericDispensingRate: hide(totalHidden, ratio(totals.genericClaims, totals.claims)),
      homeDeliveryShare: hide(totalHidden, ratio(totals.homeDeliveryClaims, totals.claims)),
      specialtyShareOfCost: hide(totalHidden, ratio(totals.specialtyPlanPaidCents, totals.planPaidCents)),
    },
    therapeuticClasses: classRows.map((c, i) => {
      const hidden = classCut.suppressed.has(i);
      return {
        name: c.name,
        suppressed: hidden,
        members: hide(hidden, c.members),
        planPaidCents: hide(hidden, c.planPaidCents),
        claims: hide(hidden, c.claims),
      };
    }),
    priorAuthorization: {
      suppressed: paHidden,
      requests: hide(paHidden, pa.requests),
      approvalRate: hide(paHidden, ratio(pa.approved, pa.decided)),
    },
  };
}
