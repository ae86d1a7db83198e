// API contracts of the client portal's "claims and utilization" and "formulary documents" secure tools
// (apps/server/src/clients/utilization-*.ts, formulary-docs-*.ts), shared with the web pages.
import { z } from 'zod';

const cell = z.number().int().nullable();

/** One row of a breakdown: null figures are suppressed (fewer than 11 members, or the complement of one). */
export const utilizationRow = z.object({
  key: z.string(),
  label: z.string(),
  suppressed: z.boolean(),
  members: cell,
  claims: cell,
  daysSupply: cell,
  planPaidCents: cell,
  memberPaidCents: cell,
});
export type UtilizationRow = z.infer<typeof utilizationRow>;

export const utilizationReportView = z.object({
  client: z.object({ code: z.string(), name: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  suppressionThreshold: z.number().int(),
  totals: utilizationRow,
  byMonth: z.array(utilizationRow),
  byChannel: z.array(utilizationRow),
  byTier: z.array(utilizationRow),
});
export type UtilizationReportView = z.infer<typeof utilizationReportView>;

export const formularyDocumentView = z.object({
  formularyId: z.string(),
  code: z.string(),
  name: z.string(),
  effectiveDate: z.string(),
  status: z.string(),
  /** The client's plans that use this formulary. */
  plans: z.array(z.object({ code: z.string(), name: z.string() })),
  drugs: z.number().int(),
});
export type FormularyDocumentView = z.infer<typeof formularyDocumentView>;
export const formularyDocumentsView = z.object({
  client: z.object({ code: z.string(), name: z.string() }),
  documents: z.array(formularyDocumentView),
});
export type FormularyDocumentsView = z.infer<typeof formularyDocumentsView>;
