// The administrator's page for third-party apps on the FHIR API (one line in routes/router.tsx).
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function fhirAppAdminRoutes<TParent extends AnyRoute>(parent: TParent) {
  return [
    createRoute({
      getParentRoute: () => parent,
      path: '/staff/fhir-apps',
      component: lazyRouteComponent(() => import('./FhirAppsAdminPage'), 'FhirAppsAdminPage'),
    }),
  ] as const;
}
