// Privacy routes for everyone and for members: the public notice, acknowledgement, choices, who has seen my
// record, the accounting of disclosures and right-of-access downloads. The privacy officer's are in
// office-routes.ts.
import {
  accountingResponse,
  choicesResponse,
  clientMessageView,
  myNoticeStatus,
  noticeListResponse,
  noticeView,
  privacyChoices,
  recordAccessResponse,
  recordExportView,
} from '@openpbm/shared/privacy';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { publicRoute } from '../identity/public-route';
import { pdfHeaders } from '../platform/pdf/pdf';
import type { Actor } from '../prior-auth/case-audit';
import { actorOf, noStore } from '../prior-auth/route-helpers';
import { inBackground } from './background';
import * as choices from './choices-service';
import { clientInbox } from './disclosure-package-service';
import * as disclosures from './disclosures-service';
import * as notices from './notices-service';
import { registerPrivacyOfficeRoutes } from './office-routes';
import * as accesses from './record-access-service';
import * as exports from './record-export-service';
import { accountingPdf, recordPdf } from './record-pdf';

const tags = ['privacy'];
const memberOnly = requireRole('member');
const forMember = z.object({ memberId: z.uuid().optional() });
const byId = z.object({ id: z.uuid() });

export function registerPrivacyRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  /** A member's read of their own (or a family member's) privacy data: GET ?memberId=, never cached. */
  const memberRead = <R extends z.ZodType>(
    url: string,
    summary: string,
    response: R,
    read: (actor: Actor, memberId: string | undefined) => Promise<z.infer<R>>,
  ) =>
    // The response schema is passed as a plain ZodType (a generic one defeats the type provider); `read` is
    // still checked against R, and the schema still serializes the answer.
    app.get(
      url,
      {
        preHandler: memberOnly,
        schema: { tags, summary, querystring: forMember, response: { 200: response as z.ZodType } },
      },
      async (request, reply): Promise<unknown> => {
        noStore(reply);
        return read(actorOf(request), request.query.memberId);
      },
    );

  app.get(
    '/privacy/notices',
    {
      config: publicRoute,
      schema: {
        tags,
        summary: 'The current privacy notice, older versions and any merger or sale banner',
        response: { 200: noticeListResponse },
      },
    },
    async () => notices.listPublicNotices(deps),
  );

  app.get(
    '/privacy/notices/:id',
    {
      config: publicRoute,
      schema: { tags, summary: 'One notice version', params: byId, response: { 200: noticeView } },
    },
    async (request) => notices.getNotice(deps, request.params.id),
  );

  app.get(
    '/privacy/my-notice',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'The current notice and whether I acknowledged it',
        response: { 200: myNoticeStatus },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return notices.myNoticeStatus(deps, principalOf(request).userId);
    },
  );

  app.post(
    '/privacy/notices/:id/acknowledgement',
    {
      preHandler: memberOnly,
      schema: { tags, summary: 'Acknowledge a notice', params: byId, response: { 200: myNoticeStatus } },
    },
    async (request) => notices.acknowledgeNotice(deps, principalOf(request).userId, request.params.id),
  );

  memberRead(
    '/privacy/choices',
    'My (or my child’s) marketing, research and de-identified data choices',
    choicesResponse,
    (actor, memberId) => choices.getChoices(deps, actor, memberId),
  );

  app.put(
    '/privacy/choices',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Change my (or my child’s) privacy choices',
        body: privacyChoices.extend(forMember.shape),
        response: { 200: choicesResponse },
      },
    },
    async (request) => {
      const { memberId, ...chosen } = request.body;
      return choices.saveChoices(deps, actorOf(request), memberId, chosen);
    },
  );

  memberRead(
    '/privacy/record-accesses',
    'Who has seen my record (or my child’s), from the audit log',
    recordAccessResponse,
    (actor, memberId) => accesses.whoHasSeenMyRecord(deps, actor, memberId),
  );

  memberRead(
    '/privacy/disclosures',
    'Accounting of disclosures of the last 6 years',
    accountingResponse,
    (actor, memberId) => disclosures.accountingOfDisclosures(deps, actor, memberId),
  );

  app.get(
    '/privacy/disclosures.csv',
    {
      preHandler: memberOnly,
      schema: { tags, summary: 'Accounting of disclosures as a CSV download', querystring: forMember },
    },
    async (request, reply) => {
      const accounting = await disclosures.accountingOfDisclosures(
        deps,
        actorOf(request),
        request.query.memberId,
      );
      return noStore(reply)
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="accounting-of-disclosures.csv"')
        .send(disclosures.accountingCsv(accounting));
    },
  );

  app.get(
    '/privacy/disclosures.pdf',
    {
      preHandler: memberOnly,
      schema: { tags, summary: 'Accounting of disclosures as a PDF download', querystring: forMember },
    },
    async (request, reply) => {
      const accounting = await disclosures.accountingOfDisclosures(
        deps,
        actorOf(request),
        request.query.memberId,
      );
      return reply
        .headers(pdfHeaders('accounting-of-disclosures.pdf'))
        .send(await accountingPdf(accounting, deps.now()));
    },
  );

  app.post(
    '/privacy/record-exports',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary:
          'Download all my data (or a family member’s I may see): starts an export, or returns the running one',
        body: forMember,
        response: { 200: recordExportView, 202: recordExportView },
      },
    },
    async (request, reply) => {
      const result = await exports.requestExport(deps, actorOf(request), request.body.memberId);
      if (result.created)
        inBackground(request.log, 'record export', exports.buildExport(deps, result.export.id));
      return reply.code(result.created ? 202 : 200).send(result.export);
    },
  );

  app.get(
    '/privacy/record-exports/:id',
    {
      preHandler: memberOnly,
      schema: { tags, summary: 'Progress of my export', params: byId, response: { 200: recordExportView } },
    },
    async (request, reply) => {
      noStore(reply);
      return exports.toExportView(await exports.getExport(deps, actorOf(request), request.params.id));
    },
  );

  app.get(
    '/privacy/record-exports/:id/bundle',
    {
      preHandler: memberOnly,
      schema: { tags, summary: 'The finished export as a FHIR R4 Bundle (JSON)', params: byId },
    },
    async (request, reply) => {
      const bundle = await exports.downloadBundle(deps, actorOf(request), request.params.id);
      return noStore(reply)
        .header('content-type', 'application/fhir+json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="openpbm-record.json"')
        .send(bundle);
    },
  );

  app.get(
    '/privacy/record-exports/:id/pdf',
    {
      preHandler: memberOnly,
      schema: { tags, summary: 'The finished export as a readable PDF', params: byId },
    },
    async (request, reply) => {
      const bundle = await exports.downloadBundle(deps, actorOf(request), request.params.id);
      return reply.headers(pdfHeaders('openpbm-record.pdf')).send(await recordPdf(bundle, deps.now()));
    },
  );

  app.get(
    '/privacy/client-messages',
    {
      preHandler: requireRole('client_user'),
      schema: {
        tags,
        summary:
          'The client portal inbox: notices to my client (e.g. legal disclosures involving its members)',
        response: { 200: z.array(clientMessageView) },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return clientInbox(deps, principalOf(request));
    },
  );

  registerPrivacyOfficeRoutes(app, deps);
}
