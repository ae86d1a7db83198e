// Client certificates API: the CA certificate and CRL (public), a client user's own certificates (request from a
// CSR, renew, revoke, PEM), service identities for a client's HR system, the account team's inventory, and the
// machine-to-machine eligibility upload that only the mTLS listener serves. The hook at the bottom binds a
// request on the mTLS listener to its certificate: the session's user must be the certificate's user.
import {
  certificateInventory,
  certificateView,
  csrInput,
  issuedCertificate,
  serviceCertificateInput,
  serviceIdentitiesView,
} from '@openpbm/shared/certificates';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { createClientAccess, noSuchClient } from '../clients/client-access';
import { createEligibilityService } from '../clients/eligibility-service';
import { ELIGIBILITY_FILE_MAX_BYTES } from '../clients/routes';
import { clientScope } from '../clients/scope';
import { principalOf, requireRole } from '../identity/authorize';
import type { Principal } from '../identity/principal';
import { publicRoute } from '../identity/public-route';
import { noStore } from '../prior-auth/route-helpers';
import { createCertificateService } from './certificate-service';
import { presentedCertificate } from './mtls-identity';
import { certificateRequired } from './required';

const tags = ['client certificates'];

const idParams = z.object({ id: z.uuid() });
const clientParams = z.object({ clientId: z.uuid() });
/** Every PEM download the same way: the PEM type, a file name, and no-store unless it is the public CA. */
async function pemFile(reply: FastifyReply, name: string, pem: Promise<string>, cacheable = false) {
  if (!cacheable) noStore(reply);
  reply.header('content-type', 'application/x-pem-file');
  reply.header('content-disposition', `attachment; filename="${name}"`);
  return pem;
}

export function registerCertificateRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const service = createCertificateService(deps);
  const eligibility = createEligibilityService(deps);
  const portalUser = requireRole('client_user', 'advisor');
  const managers = requireRole('client_user', 'advisor', 'account_team');
  const access = createClientAccess(deps);
  // Before body validation, like clients/scope.ts: a caller holding no grant for the client learns nothing (404).
  const anyGrant = async (request: FastifyRequest) => {
    const clientId = (request.params as { clientId?: string }).clientId ?? '';
    if (
      !/^[0-9a-f-]{36}$/i.test(clientId) ||
      (await access.toolsFor(principalOf(request).userId, clientId)).length === 0
    )
      throw noSuchClient();
  };

  root.addHook('preValidation', async (request) => bindCertificateToSession(request, deps));

  app.get(
    '/certificates/ca.pem',
    {
      config: publicRoute,
      schema: { tags, summary: 'The client-access root and issuing CA certificates (PEM)' },
    },
    async (_request, reply) => pemFile(reply, 'openpbm-client-ca.pem', service.caPem(), true),
  );

  app.get(
    '/certificates/crl.pem',
    { config: publicRoute, schema: { tags, summary: 'The current certificate revocation list(s) (PEM)' } },
    async (_request, reply) => pemFile(reply, 'openpbm-client-ca.crl', service.crlPem()),
  );

  app.get(
    '/certificates/mine',
    {
      preHandler: portalUser,
      schema: { tags, summary: 'My client certificates', response: { 200: z.array(certificateView) } },
    },
    async (request, reply) => {
      noStore(reply);
      return service.mine(principalOf(request));
    },
  );

  app.post(
    '/certificates/clients/:clientId',
    {
      preHandler: portalUser,
      preValidation: anyGrant,
      schema: {
        tags,
        summary: 'Sign my PKCS#10 request: a one-year clientAuth certificate bound to me and the client',
        params: clientParams,
        body: csrInput,
        response: { 201: issuedCertificate },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return reply
        .code(201)
        .send(await service.issue(principalOf(request), request.params.clientId, request.body.csr));
    },
  );

  app.post(
    '/certificates/clients/:clientId/service',
    {
      preHandler: requireRole('client_user'),
      preValidation: clientScope(deps, 'primary_admin'),
      schema: {
        tags,
        summary: "A certificate for a service identity of the client (its HR system's eligibility upload)",
        params: clientParams,
        body: serviceCertificateInput,
        response: { 201: issuedCertificate },
      },
    },
    async (request, reply) => {
      noStore(reply);
      const { serviceName, csr } = request.body;
      return reply
        .code(201)
        .send(await service.issueService(principalOf(request), request.params.clientId, serviceName, csr));
    },
  );

  app.get(
    '/clients/:clientId/service-identities',
    {
      preHandler: requireRole('client_user'),
      preValidation: clientScope(deps, 'primary_admin'),
      schema: {
        tags,
        summary:
          "The client's service identities (HR systems) and their certificates, for its primary administrator",
        params: clientParams,
        response: { 200: serviceIdentitiesView },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return service.serviceIdentities(request.params.clientId);
    },
  );

  app.post(
    '/certificates/:id/renew',
    {
      preHandler: portalUser,
      schema: {
        tags,
        summary: 'Renew: a new certificate from a new request before the old one ends',
        params: idParams,
        body: csrInput,
        response: { 201: issuedCertificate },
      },
    },
    async (request, reply) => {
      noStore(reply);
      return reply
        .code(201)
        .send(await service.renew(principalOf(request), request.params.id, request.body.csr));
    },
  );

  app.post(
    '/certificates/:id/revoke',
    {
      preHandler: managers,
      schema: {
        tags,
        summary:
          'Revoke at once (its user, the client’s primary administrator, the account team); the CRL is re-signed',
        params: idParams,
        response: { 200: certificateView },
      },
    },
    async (request) => service.revoke(principalOf(request), request.params.id),
  );

  app.get(
    '/certificates/:id/pem',
    {
      preHandler: managers,
      schema: { tags, summary: 'The certificate and its issuing CA (PEM)', params: idParams },
    },
    async (request, reply) =>
      pemFile(reply, 'openpbm-client-certificate.pem', service.pem(principalOf(request), request.params.id)),
  );

  app.get(
    '/certificates/inventory',
    {
      preHandler: requireRole('account_team'),
      schema: {
        tags,
        summary: 'Every certificate by client, expiring within 30 days, revoked',
        response: { 200: certificateInventory },
      },
    },
    async (_request, reply) => {
      noStore(reply);
      return service.inventory();
    },
  );

  // Machine to machine: only on the mTLS listener, only with a service-identity certificate, no session.
  for (const step of ['preview', 'apply'] as const)
    app.post(
      `/certificates/service/eligibility-files/${step}`,
      {
        config: publicRoute,
        bodyLimit: ELIGIBILITY_FILE_MAX_BYTES,
        schema: {
          tags,
          summary: `mTLS only: ${step} an eligibility file as the client's service identity (its certificate names the client)`,
          body: z.object({ content: z.string().min(1, 'The file is empty.') }),
        },
      },
      async (request, reply) => {
        noStore(reply);
        const cert = presentedCertificate(request.raw);
        if (cert?.kind !== 'service' || !cert.userId)
          throw certificateRequired(
            'This upload takes a service-identity certificate on the secure-tools address.',
            deps.config,
          );
        const principal: Principal = {
          userId: cert.userId,
          sessionId: `mtls:${cert.serial}`,
          role: 'client_user',
          displayName: cert.serviceName ?? 'service identity',
          memberId: null,
          clientId: cert.clientId,
          advisorId: null,
          prescriberId: null,
          pharmacyId: null,
          secondFactorPending: false,
        };
        return step === 'apply'
          ? eligibility.apply(principal, cert.clientId, request.body.content)
          : eligibility.preview(principal, cert.clientId, request.body.content);
      },
    );

  app.get(
    '/certificates/presented',
    { config: publicRoute, schema: { tags, summary: 'mTLS: the certificate this connection presented' } },
    async (request) => {
      const cert = presentedCertificate(request.raw);
      if (!cert) throw certificateRequired('No client certificate came with this request.', deps.config);
      return {
        serial: cert.serial,
        kind: cert.kind,
        subject: cert.subject,
        clientId: cert.clientId,
        notAfter: cert.notAfter.toISOString(),
      };
    },
  );
}

/**
 * On the mTLS listener: a signed-in request must come with that user's own certificate (a service identity's
 * certificate never rides on a session), and a client-scoped path must be the certificate's client.
 */
function bindCertificateToSession(request: FastifyRequest, deps: AppDeps): void {
  const cert = presentedCertificate(request.raw);
  if (!cert) return;
  const principal = request.principal;
  if (principal) {
    if (cert.kind === 'service')
      throw certificateRequired(
        'A service-identity certificate cannot be used with a signed-in session.',
        deps.config,
      );
    if (principal.userId !== cert.userId)
      throw certificateRequired(
        'The certificate presented belongs to another user than the one signed in.',
        deps.config,
      );
  }
  const clientId = (request.params as { clientId?: string } | undefined)?.clientId;
  if (clientId && request.url.startsWith('/api/clients/') && clientId !== cert.clientId)
    throw certificateRequired('The certificate presented was issued for another client.', deps.config);
}
