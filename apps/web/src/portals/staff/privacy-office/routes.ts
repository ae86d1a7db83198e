// The privacy officer's console (one line in routes/router.tsx).
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function privacyOfficeRoutes<TParent extends AnyRoute>(parent: TParent) {
  return [
    createRoute({
      getParentRoute: () => parent,
      path: '/staff/privacy-office',
      component: lazyRouteComponent(() => import('./PrivacyOfficePage'), 'PrivacyOfficePage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/staff/privacy-office/audit',
      component: lazyRouteComponent(() => import('./AuditViewerPage'), 'AuditViewerPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/staff/privacy-office/research',
      component: lazyRouteComponent(() => import('./ResearchExtractPage'), 'ResearchExtractPage'),
    }),
  ] as const;
}
