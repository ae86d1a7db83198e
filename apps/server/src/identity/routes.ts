// Identity: the session hook and CSRF check for all of /api, then the identity routes.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps';
import { registerAccountRoutes } from './account-routes';
import { registerFactorRoutes } from './factor-routes';
import { registerProfileRoutes } from './profile-routes';
import { registerRecoveryRoutes } from './recovery-routes';
import { registerRegistrationRoutes } from './registration-routes';
import { registerSecondFactorRoutes } from './second-factor-routes';
import { registerSecurityRoutes } from './security-routes';
import { registerSessionHook } from './session-hook';
import { registerSessionRoutes } from './session-routes';
import { registerSignInRoutes } from './sign-in-routes';

export async function registerIdentityRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await registerSessionHook(app, deps);
  registerSessionRoutes(app, deps);
  registerRegistrationRoutes(app, deps);
  registerSignInRoutes(app, deps);
  registerSecondFactorRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerFactorRoutes(app, deps);
  registerRecoveryRoutes(app, deps);
  registerSecurityRoutes(app, deps);
  registerProfileRoutes(app, deps);
}
