// The clinical review console (one line in routes/router.tsx). Loaded on demand.
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function clinicalReviewRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/staff/clinical-review',
      component: lazyRouteComponent(() => import('./ReviewQueuePage'), 'ReviewQueuePage'),
    }),
    createRoute({
      getParentRoute,
      path: '/staff/clinical-review/$caseId',
      component: lazyRouteComponent(() => import('./ReviewCasePage'), 'ReviewCasePage'),
    }),
  ] as const;
}
