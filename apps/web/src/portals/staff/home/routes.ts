// OpenPBM staff's home page (one line in routes/router.tsx).
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function staffHomeRoutes<TParent extends AnyRoute>(parent: TParent) {
  return [
    createRoute({
      getParentRoute: () => parent,
      path: '/staff/home',
      component: lazyRouteComponent(() => import('./StaffHomePage'), 'StaffHomePage'),
    }),
  ] as const;
}
