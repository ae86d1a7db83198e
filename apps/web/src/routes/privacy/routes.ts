// The public privacy pages (one line in routes/router.tsx).
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function publicPrivacyRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/privacy',
      component: lazyRouteComponent(() => import('./PrivacyPage'), 'PrivacyPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/privacy/versions/$noticeId',
      component: lazyRouteComponent(() => import('./PrivacyPage'), 'PrivacyVersionPage'),
    }),
  ] as const;
}
