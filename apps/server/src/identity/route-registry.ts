// Every /api route as registered (method, URL, public or the roles it allows), kept per app (keyed by its deps)
// for the route-matrix test. Filled by an onRoute hook the session hook installs on the /api context.
import type { Role } from '@openpbm/db/schema/users';
import type { AppDeps } from '../app-deps';

export interface ApiRoute {
  method: string;
  url: string;
  public: boolean;
  /** Roles from the route's requireRole guard; null when it has none. */
  roles: readonly Role[] | null;
}

const registry = new WeakMap<AppDeps, ApiRoute[]>();

export function recordApiRoute(deps: AppDeps, route: ApiRoute): void {
  const list = registry.get(deps) ?? [];
  list.push(route);
  registry.set(deps, list);
}

export const apiRoutesOf = (deps: AppDeps): readonly ApiRoute[] => registry.get(deps) ?? [];
