// The customer-service console (one line in routes/router.tsx). Loaded on demand.
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function customerServiceRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/staff/customer-service',
      component: lazyRouteComponent(() => import('./ConsolePage'), 'ConsolePage'),
    }),
    createRoute({
      getParentRoute,
      path: '/staff/customer-service/members/$memberId',
      component: lazyRouteComponent(() => import('./MemberPage'), 'MemberPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/staff/customer-service/cases/$caseId',
      component: lazyRouteComponent(() => import('./StaffCasePage'), 'StaffCasePage'),
    }),
  ] as const;
}
