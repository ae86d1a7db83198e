// The account team's review of client portal access requests (one line in routes/router.tsx). Loaded on demand.
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function accountTeamRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/staff/account-team/access-requests',
      component: lazyRouteComponent(() => import('./AccessRequestsPage'), 'AccessRequestsPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/staff/account-team/access-requests/$requestId',
      component: lazyRouteComponent(() => import('./AccessReviewPage'), 'AccessReviewPage'),
    }),
  ] as const;
}
