// OpenAPI 3 generated from the routes' zod schemas, served as JSON at /docs/json and as Swagger UI at /docs;
// its description carries the catalogue of problem types (problem-types.ts).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { problemCatalogueMarkdown } from './problem-types';

export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'OpenPBM API',
        description: `Member, client, prescriber, pharmacy and staff APIs.\n\n## Problem types\n\n${problemCatalogueMarkdown()}`,
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
}
