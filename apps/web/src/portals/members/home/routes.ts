// The member's home page (one line in routes/router.tsx), loaded on demand like the other member pages.
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function memberHomeRoutes<TParent extends AnyRoute>(parent: TParent) {
  return [
    createRoute({
      getParentRoute: () => parent,
      path: '/members/home',
      component: lazyRouteComponent(() => import('./MemberHomePage'), 'MemberHomePage'),
    }),
  ] as const;
}
