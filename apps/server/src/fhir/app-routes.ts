// /api/fhir-apps: the member's consent step of a SMART authorization, their connected apps (with revoke), and
// app registration by an administrator. HTTP only: validate, authorize, call app-service.ts.
import {
  appRegistrationRequest,
  appRegistrationResponse,
  backendClientRegistrationRequest,
  backendClientRegistrationResponse,
  connectedAppsResponse,
  consentDecision,
  consentDetails,
  consentResult,
  registeredAppsResponse,
} from '@openpbm/shared/fhir-apps';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { listClients } from './app-authorization-repo';
import {
  decideConsent,
  describeConsent,
  listConnectedApps,
  registerApp,
  revokeConnectedApp,
} from './app-service';
import { registerBackendClient } from './backend-clients';
import { smartAuthServerFor } from './oidc-provider';

const tags = ['fhir-apps'];
const memberOnly = requireRole('member');
const adminOnly = requireRole('admin');
const uidParams = z.object({ uid: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'Unknown request.') });

export function registerFhirAppRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const server = () => smartAuthServerFor(deps);

  app.get(
    '/fhir-apps/authorizations/:uid',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'What an app asks for (scopes) and whose record the member may share with it',
        params: uidParams,
        response: { 200: consentDetails },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return describeConsent(deps, await server(), principalOf(request), request.params.uid);
    },
  );

  app.post(
    '/fhir-apps/authorizations/:uid',
    {
      preHandler: memberOnly,
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Allow or deny the app; answers where the browser goes next (back to the app)',
        params: uidParams,
        body: consentDecision,
        response: { 200: consentResult },
      },
    },
    async (request) =>
      decideConsent(deps, await server(), principalOf(request), request.params.uid, request.body, request.ip),
  );

  app.get(
    '/fhir-apps/connected',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: 'Apps the member allowed to read their records',
        response: { 200: connectedAppsResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listConnectedApps(deps, principalOf(request));
    },
  );

  app.delete(
    '/fhir-apps/connected/:grantId',
    {
      preHandler: memberOnly,
      schema: {
        tags,
        summary: "Revoke an app's access: its tokens stop working at once",
        params: z.object({ grantId: z.string().min(10).max(64) }),
      },
    },
    async (request, reply) => {
      await revokeConnectedApp(deps, principalOf(request), request.params.grantId, request.ip);
      return reply.status(204).send();
    },
  );

  app.post(
    '/fhir-apps/clients',
    {
      preHandler: adminOnly,
      schema: {
        tags,
        summary: 'Register an app (public: PKCE only; confidential: also a client secret, shown once)',
        body: appRegistrationRequest,
        response: { 201: appRegistrationResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await registerApp(await server(), request.body)),
  );

  app.post(
    '/fhir-apps/backend-clients',
    {
      preHandler: adminOnly,
      schema: {
        tags,
        summary:
          'Register a prescriber system (SMART Backend Services: client credentials, private_key_jwt) acting as one prescriber account',
        body: backendClientRegistrationRequest,
        response: { 201: backendClientRegistrationResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerBackendClient(deps, await server(), request.body)),
  );

  app.get(
    '/fhir-apps/clients',
    {
      preHandler: adminOnly,
      schema: { tags, summary: 'Registered apps', response: { 200: registeredAppsResponse } },
    },
    async () => ({
      apps: (await listClients(deps.db.db)).map((c) => ({
        clientId: String(c.client_id),
        clientName: String(c.client_name ?? c.client_id),
        redirectUris: (c.redirect_uris as string[] | undefined) ?? [],
        confidential: c.token_endpoint_auth_method !== 'none',
      })),
    }),
  );
}
