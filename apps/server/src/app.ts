// The Fastify application factory: plugins, error shape, platform routes, domain routes and the web app.
// main.ts runs it; tests build it against their own database and mailbox.
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { AppDeps } from './app-deps';
import './identity/principal';
import { registerDomainRoutes } from './domain-routes';
import { registerMailboxRoutes } from './email/mailbox-routes';
import { registerFhirRoutes } from './fhir/routes';
import { registerApiDocs } from './platform/docs';
import { registerErrorHandling } from './platform/error-handler';
import { registerHealthRoutes } from './platform/health';
import { registerLifecycle } from './platform/lifecycle';
import { loggerOptions } from './platform/logger';
import { rateLimitStoreFor } from './platform/rate-limit-store';
import { registerSecurityHeaders } from './platform/security-headers';
import { tlsOptionsFromConfig } from './platform/tls';
import { registerWebApp } from './platform/web-app';

export interface BuildAppOptions {
  /** Built web app directory; defaults to apps/web/dist. */
  webDist?: string;
  /** Where log lines go (default stdout); tests capture them to prove nothing sensitive is logged. */
  logStream?: DestinationStream;
}

export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const https = tlsOptionsFromConfig(config);
  const app = Fastify({
    logger: options.logStream
      ? { ...loggerOptions(config.LOG_LEVEL), stream: options.logStream }
      : loggerOptions(config.LOG_LEVEL),
    https,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    // The request id is random, so it can be logged and shown to a user who calls customer service.
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.decorateRequest('principal', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await registerSecurityHeaders(app, Boolean(https));
  await app.register(cookie, { secret: config.APP_SECRET });
  // Off by default; each sensitive route (sign-in, activation, claims) sets its own limit. Counted in the
  // database on PostgreSQL, so every app node enforces the same limit.
  await app.register(rateLimit, { global: false, ...rateLimitStoreFor(deps.db, config.APP_SECRET) });
  await registerApiDocs(app);
  // Before any encapsulated plugin: child contexts copy the handlers that exist when they are created.
  registerErrorHandling(app, await registerWebApp(app, options.webDist));

  registerHealthRoutes(app, deps.db, registerLifecycle(app));
  // Only while the capture mailbox is the mail route (no SMTP_URL): with a relay, mail is not ours to show.
  if (deps.mailbox && !config.SMTP_URL && !config.isProduction) registerMailboxRoutes(app, deps.mailbox);
  await app.register(async (api) => registerDomainRoutes(api, deps), { prefix: '/api' });
  // FHIR R4 (/fhir) and its SMART authorization server (/oauth): bearer tokens, not the session cookie.
  await registerFhirRoutes(app, deps);
  return app;
}
