// The client and advisor portal (one line in routes/router.tsx). Loaded on demand.
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function clientPortalRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/clients/register',
      component: lazyRouteComponent(() => import('./RegisterPage'), 'RegisterPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/clients/register/confirm',
      component: lazyRouteComponent(() => import('./ConfirmRegistrationPage'), 'ConfirmRegistrationPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/clients/hub',
      component: lazyRouteComponent(() => import('./hub/HubPage'), 'HubPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/clients/hub/$slug',
      component: lazyRouteComponent(() => import('./hub/HubItemPage'), 'HubItemPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/clients/inbox',
      component: lazyRouteComponent(() => import('./InboxPage'), 'InboxPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/clients/access',
      component: lazyRouteComponent(() => import('./MyAccessPage'), 'MyAccessPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/clients/certificates',
      component: lazyRouteComponent(() => import('./certificates/CertificatesPage'), 'CertificatesPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/clients/$clientId/reports/plan',
      component: lazyRouteComponent(() => import('./PlanReportPage'), 'PlanReportPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/clients/$clientId/reports/utilization',
      component: lazyRouteComponent(() => import('./UtilizationReportPage'), 'UtilizationReportPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/clients/$clientId/formulary-documents',
      component: lazyRouteComponent(() => import('./FormularyDocumentsPage'), 'FormularyDocumentsPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/clients/$clientId/admin',
      component: lazyRouteComponent(() => import('./ClientAdminPage'), 'ClientAdminPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/clients/$clientId/service-identities',
      component: lazyRouteComponent(() => import('./ServiceIdentitiesPage'), 'ServiceIdentitiesPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/clients/$clientId/eligibility-files',
      component: lazyRouteComponent(() => import('./EligibilityFilesPage'), 'EligibilityFilesPage'),
    }),
  ] as const;
}
