// Third-party apps on the member's records (SMART on FHIR): the consent step an app's authorization request sends
// the browser to, and the list of connected apps with revoke (one line in routes/router.tsx).
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function memberConnectedAppRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/members/connected-apps',
      component: lazyRouteComponent(() => import('./ConnectedAppsPage'), 'ConnectedAppsPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/connected-apps/authorize/$uid',
      component: lazyRouteComponent(() => import('./ConsentPage'), 'ConsentPage'),
    }),
  ] as const;
}
