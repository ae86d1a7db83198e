// Customer service: the help center, the member's contact routes and prescriber threads, the staff console and
// the prescriber portal's messages.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps';
import { registerHelpRoutes } from './help-routes';
import { registerMemberSupportRoutes } from './member-routes';
import { registerOtherCoverageRoutes } from './other-coverage-routes';
import { registerPrescriberMessageRoutes } from './prescriber-routes';
import { registerStaffSupportRoutes } from './staff-routes';

export function registerSupportRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerHelpRoutes(app, deps);
  registerMemberSupportRoutes(app, deps);
  registerStaffSupportRoutes(app, deps);
  registerOtherCoverageRoutes(app, deps);
  registerPrescriberMessageRoutes(app, deps);
}
