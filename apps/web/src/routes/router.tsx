import { createRootRoute, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { focusPageHeading } from '../app/focus';
import { Loading } from '../components/content/Loading';
import { AppShell } from '../components/layout/AppShell';
import { identityRoutes } from '../identity/routes';
import { clientPortalRoutes } from '../portals/clients/routes';
import { memberBenefitRoutes } from '../portals/members/benefits/routes';
import { memberConnectedAppRoutes } from '../portals/members/connected-apps/routes';
import { memberHelpRoutes } from '../portals/members/help/routes';
import { memberHomeRoutes } from '../portals/members/home/routes';
import { memberPharmacyRoutes } from '../portals/members/pharmacy/routes';
import { memberPriorAuthRoutes } from '../portals/members/prior-auth/routes';
import { memberPrivacyRoutes } from '../portals/members/privacy/routes';
import { pharmacyHomeRoutes } from '../portals/pharmacies/home/routes';
import { homeDeliveryConsoleRoutes } from '../portals/pharmacies/home-delivery/routes';
import { prescriberEprescribeRoutes } from '../portals/prescribers/eprescribe/routes';
import { prescriberHomeRoutes } from '../portals/prescribers/home/routes';
import { prescriberMessageRoutes } from '../portals/prescribers/messages/routes';
import { prescriberPriorAuthRoutes } from '../portals/prescribers/prior-auth/routes';
import { accountTeamRoutes } from '../portals/staff/account-team/routes';
import { clinicalReviewRoutes } from '../portals/staff/clinical-review/routes';
import { customerServiceRoutes } from '../portals/staff/customer-service/routes';
import { fhirAppAdminRoutes } from '../portals/staff/fhir-apps/routes';
import { helpEditorRoutes } from '../portals/staff/help-editor/routes';
import { staffHomeRoutes } from '../portals/staff/home/routes';
import { privacyOfficeRoutes } from '../portals/staff/privacy-office/routes';
import { NotFoundPage } from './NotFoundPage';
import { publicPrivacyRoutes } from './privacy/routes';

// Code-based route tree. Every page, the landing pages included, is its own chunk loaded on demand
// (lazyRouteComponent), so the entry holds only React, the router, the query client and the shell.
// Client routes must not start with a server-owned prefix
// (/api, /health, /ready, /docs, /dev, /assets): the server answers those itself.
const rootRoute = createRootRoute({ component: AppShell, notFoundComponent: NotFoundPage });

const parent = { getParentRoute: () => rootRoute };
const routeTree = rootRoute.addChildren([
  createRoute({
    ...parent,
    path: '/',
    component: lazyRouteComponent(() => import('./HomePage'), 'HomePage'),
  }),
  createRoute({
    ...parent,
    path: '/members',
    component: lazyRouteComponent(() => import('../portals/members/MembersLanding'), 'MembersLanding'),
  }),
  ...memberHomeRoutes(rootRoute),
  ...memberBenefitRoutes(rootRoute),
  ...memberPharmacyRoutes(rootRoute),
  ...memberPriorAuthRoutes(rootRoute),
  ...memberHelpRoutes(rootRoute),
  ...memberPrivacyRoutes(rootRoute),
  ...memberConnectedAppRoutes(rootRoute),
  createRoute({
    ...parent,
    path: '/clients',
    component: lazyRouteComponent(() => import('../portals/clients/ClientsLanding'), 'ClientsLanding'),
  }),
  ...clientPortalRoutes(rootRoute),
  createRoute({
    ...parent,
    path: '/prescribers',
    component: lazyRouteComponent(
      () => import('../portals/prescribers/PrescribersLanding'),
      'PrescribersLanding',
    ),
  }),
  ...prescriberHomeRoutes(rootRoute),
  ...prescriberPriorAuthRoutes(rootRoute),
  ...prescriberEprescribeRoutes(rootRoute),
  ...prescriberMessageRoutes(rootRoute),
  ...clinicalReviewRoutes(rootRoute),
  ...customerServiceRoutes(rootRoute),
  ...helpEditorRoutes(rootRoute),
  ...accountTeamRoutes(rootRoute),
  ...staffHomeRoutes(rootRoute),
  ...privacyOfficeRoutes(rootRoute),
  ...fhirAppAdminRoutes(rootRoute),
  ...publicPrivacyRoutes(rootRoute),
  createRoute({
    ...parent,
    path: '/pharmacies',
    component: lazyRouteComponent(
      () => import('../portals/pharmacies/PharmaciesLanding'),
      'PharmaciesLanding',
    ),
  }),
  ...pharmacyHomeRoutes(rootRoute),
  ...homeDeliveryConsoleRoutes(rootRoute),
  ...identityRoutes(rootRoute),
]);

export const router = createRouter({
  routeTree,
  scrollRestoration: true,
  // Shown while a page's chunk downloads (only if that takes longer than the router's pendingMs).
  defaultPendingComponent: () => <Loading what="the page" />,
  defaultPreload: 'intent',
});

router.subscribe('onRendered', (event) => {
  if (event.fromLocation && event.pathChanged) focusPageHeading();
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
