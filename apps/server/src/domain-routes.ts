// Every domain's HTTP routes, registered under /api. One line per domain folder.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './app-deps';

export async function registerDomainRoutes(_app: FastifyInstance, _deps: AppDeps): Promise<void> {}
