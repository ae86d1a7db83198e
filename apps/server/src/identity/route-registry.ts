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
  /** Where the route takes a member id (`memberId` in its params, query or body schema), for the foreign-ID cases. */
  memberIdIn: Array<'params' | 'querystring' | 'body'>;
}

interface SchemaLike {
  shape?: Record<string, unknown>;
  options?: readonly SchemaLike[];
}

/** A zod object with a `memberId` field, or a union with such an object among its options. */
const hasMemberId = (schema: SchemaLike | undefined): boolean =>
  schema !== undefined &&
  ((schema.shape !== undefined && 'memberId' in schema.shape) || (schema.options ?? []).some(hasMemberId));

/** The parts of a route schema that take a member id. */
export function memberIdPartsOf(schema: Record<string, unknown> | undefined): ApiRoute['memberIdIn'] {
  const parts = ['params', 'querystring', 'body'] as const;
  return parts.filter((part) => hasMemberId(schema?.[part] as SchemaLike | undefined));
}

const registry = new WeakMap<AppDeps, ApiRoute[]>();

export function recordApiRoute(deps: AppDeps, route: ApiRoute): void {
  const list = registry.get(deps) ?? [];
  list.push(route);
  registry.set(deps, list);
}

export const apiRoutesOf = (deps: AppDeps): readonly ApiRoute[] => registry.get(deps) ?? [];
