// The member's privacy pages (one line in routes/router.tsx).
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function memberPrivacyRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/members/privacy',
      component: lazyRouteComponent(() => import('./MemberPrivacyPage'), 'MemberPrivacyPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/privacy/exports/$exportId',
      component: lazyRouteComponent(() => import('./ExportPage'), 'ExportPage'),
    }),
  ] as const;
}
