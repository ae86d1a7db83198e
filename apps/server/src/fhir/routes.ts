// The FHIR R4 server under /fhir (JSON only) and the SMART authorization server under /oauth.
// HTTP only: content negotiation, bearer authentication, OperationOutcome errors; the services do the rest.
// Outside /api on purpose: no session cookie, no CSRF; apps authenticate with bearer tokens, and the public
// formulary needs nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps';
import { noticeContext } from '../prior-auth/route-helpers';
import { authenticate } from './bearer';
import { capabilityStatement, smartConfiguration } from './capability';
import { readFormularyResource, searchFormularyResources } from './formulary-service';
import { FHIR_PREFIX, OAUTH_PREFIX, type SmartAuthServer, smartAuthServerFor } from './oidc-provider';
import { FHIR_JSON, FhirError, fhirNotFound, operationOutcome } from './operation-outcome';
import { inquirePas, submitPas } from './pas-service';
import { prescriberSessions } from './pas-session';
import { readResource, search } from './patient-access-service';
import type { Query } from './search-params';
import { PAS_INQUIRE_SCOPES, PAS_SUBMIT_SCOPES } from './smart-scopes';

const PATIENT_ACCESS_TYPES = new Set([
  'Patient',
  'Coverage',
  'ExplanationOfBenefit',
  'Organization',
  'Practitioner',
]);
const ID = /^[A-Za-z0-9\-.]{1,64}$/;

export async function registerFhirRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const server = await smartAuthServerFor(deps);
  await registerOAuthMount(app, server);
  await app.register(async (fhir) => registerFhirApi(fhir, deps, server), { prefix: FHIR_PREFIX });
  // SMART discovery also at the origin root, for clients that look there.
  app.get('/.well-known/smart-configuration', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=300').send(smartConfiguration(server)),
  );
}

/** oidc-provider is a Koa app: hand it the raw request with the prefix stripped (express-style mounting). */
async function registerOAuthMount(app: FastifyInstance, server: SmartAuthServer) {
  const callback = server.provider.callback();
  await app.register(async (scope) => {
    // Leave bodies unread: oidc-provider parses its own form and JSON bodies.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      reply.hijack();
      const raw = request.raw as typeof request.raw & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = (raw.url ?? '').slice(OAUTH_PREFIX.length) || '/';
      await callback(raw, reply.raw);
    };
    scope.all(OAUTH_PREFIX, handler);
    scope.all(`${OAUTH_PREFIX}/*`, handler);
  });
}

async function registerFhirApi(fhir: FastifyInstance, deps: AppDeps, server: SmartAuthServer) {
  const prescriberOf = await prescriberSessions(fhir, deps, server);
  fhir.addContentTypeParser(
    ['application/fhir+json', 'application/json'],
    { parseAs: 'string' },
    (_req, body, done) => {
      try {
        done(null, JSON.parse(String(body)));
      } catch {
        done(new FhirError(400, 'structure', 'The body is not valid JSON.'));
      }
    },
  );
  fhir.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-type', FHIR_JSON);
    return payload;
  });
  fhir.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof FhirError) {
      return reply
        .status(error.status)
        .send(operationOutcome('error', error.code, error.diagnostics, error.expression));
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'FHIR request failed');
    const code = status === 429 ? 'throttled' : status === 500 ? 'exception' : 'invalid';
    const diagnostics = status === 500 ? 'The server could not answer this request.' : error.message;
    return reply.status(status).send(operationOutcome('error', code, diagnostics));
  });
  fhir.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    reply.status(404).send(operationOutcome('error', 'not-supported', `No FHIR interaction at ${path}.`));
  });

  fhir.get('/metadata', async () => capabilityStatement(server, new Date().toISOString().slice(0, 10)));
  fhir.get('/.well-known/smart-configuration', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return smartConfiguration(server);
  });

  // The public Drug Formulary API: no token, cacheable (no member data).
  for (const type of ['InsurancePlan', 'Basic', 'MedicationKnowledge']) {
    fhir.get(
      `/${type}`,
      { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } },
      async (request, reply) => {
        reply.header('cache-control', 'public, max-age=300');
        return searchFormularyResources(deps, server.fhirBase, type, request.query as Query);
      },
    );
    fhir.get(
      `/${type}/:id`,
      { config: { rateLimit: { max: 300, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        if (!ID.test(id)) throw new FhirError(400, 'invalid', 'That is not a valid resource id.', ['id']);
        reply.header('cache-control', 'public, max-age=300');
        return readFormularyResource(deps, type, id);
      },
    );
  }

  const ip = (request: FastifyRequest) => request.ip ?? null;

  // Da Vinci PAS: prescriber systems with a client-credentials token, or prescribers signed in with their
  // OpenPBM account (pas-session.ts).
  fhir.post(
    '/Claim/$submit',
    // Room for one document of 5 MiB (base64) with the request (pas-attachments.ts).
    { bodyLimit: 8 * 1024 * 1024, config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const actor = await prescriberOf(request, reply, PAS_SUBMIT_SCOPES);
      reply.header('cache-control', 'no-store');
      return submitPas(deps, actor, request.body, noticeContext(deps, request));
    },
  );
  fhir.post(
    '/Claim/$inquire',
    { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const actor = await prescriberOf(request, reply, PAS_INQUIRE_SCOPES);
      reply.header('cache-control', 'no-store');
      return inquirePas(deps, actor, request.body);
    },
  );
  const typeOf = (request: FastifyRequest) => {
    const type = (request.params as { type: string }).type;
    if (!PATIENT_ACCESS_TYPES.has(type)) throw fhirNotFound(`Resource type ${type.slice(0, 40)}`);
    return type;
  };

  fhir.get(
    '/:type',
    { config: { rateLimit: { max: 300, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const type = typeOf(request);
      const access = await authenticate(deps, server, request, reply);
      reply.header('cache-control', 'no-store');
      return search(
        { deps, access, fhirBase: server.fhirBase, ip: ip(request) },
        type,
        request.query as Query,
      );
    },
  );

  fhir.get(
    '/:type/:id',
    { config: { rateLimit: { max: 300, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const type = typeOf(request);
      const { id } = request.params as { id: string };
      if (!ID.test(id)) throw new FhirError(400, 'invalid', 'That is not a valid resource id.', ['id']);
      const access = await authenticate(deps, server, request, reply);
      reply.header('cache-control', 'no-store');
      return readResource({ deps, access, fhirBase: server.fhirBase, ip: ip(request) }, type, id);
    },
  );
}
