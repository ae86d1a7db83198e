// The member's coverage-request status page and the secure-message pick-up page (one line in routes/router.tsx).
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function memberPriorAuthRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/members/prior-auth',
      component: lazyRouteComponent(() => import('./MemberPriorAuthPage'), 'MemberPriorAuthPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/messages/open',
      component: lazyRouteComponent(() => import('./MessagePickupPage'), 'MessagePickupPage'),
    }),
  ] as const;
}
