// The prescriber portal's coverage-request pages (one line in routes/router.tsx). Loaded on demand.
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function prescriberPriorAuthRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/prescribers/prior-auth',
      component: lazyRouteComponent(() => import('./PrescriberCasesPage'), 'PrescriberCasesPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/prescribers/prior-auth/new',
      component: lazyRouteComponent(() => import('./NewRequestPage'), 'NewRequestPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/prescribers/prior-auth/$caseId',
      component: lazyRouteComponent(() => import('./PrescriberCasePage'), 'PrescriberCasePage'),
    }),
  ] as const;
}
