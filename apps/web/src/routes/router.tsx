import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { focusPageHeading } from '../app/focus';
import { AppShell } from '../components/layout/AppShell';
import { identityRoutes } from '../identity/routes';
import { ClientsLanding } from '../portals/clients/ClientsLanding';
import { clientPortalRoutes } from '../portals/clients/routes';
import { memberBenefitRoutes } from '../portals/members/benefits/routes';
import { memberConnectedAppRoutes } from '../portals/members/connected-apps/routes';
import { memberHelpRoutes } from '../portals/members/help/routes';
import { memberHomeRoutes } from '../portals/members/home/routes';
import { MembersLanding } from '../portals/members/MembersLanding';
import { memberPharmacyRoutes } from '../portals/members/pharmacy/routes';
import { memberPriorAuthRoutes } from '../portals/members/prior-auth/routes';
import { memberPrivacyRoutes } from '../portals/members/privacy/routes';
import { pharmacyHomeRoutes } from '../portals/pharmacies/home/routes';
import { homeDeliveryConsoleRoutes } from '../portals/pharmacies/home-delivery/routes';
import { PharmaciesLanding } from '../portals/pharmacies/PharmaciesLanding';
import { prescriberEprescribeRoutes } from '../portals/prescribers/eprescribe/routes';
import { prescriberHomeRoutes } from '../portals/prescribers/home/routes';
import { prescriberMessageRoutes } from '../portals/prescribers/messages/routes';
import { PrescribersLanding } from '../portals/prescribers/PrescribersLanding';
import { prescriberPriorAuthRoutes } from '../portals/prescribers/prior-auth/routes';
import { accountTeamRoutes } from '../portals/staff/account-team/routes';
import { clinicalReviewRoutes } from '../portals/staff/clinical-review/routes';
import { customerServiceRoutes } from '../portals/staff/customer-service/routes';
import { fhirAppAdminRoutes } from '../portals/staff/fhir-apps/routes';
import { helpEditorRoutes } from '../portals/staff/help-editor/routes';
import { staffHomeRoutes } from '../portals/staff/home/routes';
import { privacyOfficeRoutes } from '../portals/staff/privacy-office/routes';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NotFoundPage';
import { publicPrivacyRoutes } from './privacy/routes';

// Code-based route tree. Client routes must not start with a server-owned prefix
// (/api, /health, /ready, /docs, /dev, /assets): the server answers those itself.
const rootRoute = createRootRoute({ component: AppShell, notFoundComponent: NotFoundPage });

const parent = { getParentRoute: () => rootRoute };
const routeTree = rootRoute.addChildren([
  createRoute({ ...parent, path: '/', component: HomePage }),
  createRoute({ ...parent, path: '/members', component: MembersLanding }),
  ...memberHomeRoutes(rootRoute),
  ...memberBenefitRoutes(rootRoute),
  ...memberPharmacyRoutes(rootRoute),
  ...memberPriorAuthRoutes(rootRoute),
  ...memberHelpRoutes(rootRoute),
  ...memberPrivacyRoutes(rootRoute),
  ...memberConnectedAppRoutes(rootRoute),
  createRoute({ ...parent, path: '/clients', component: ClientsLanding }),
  ...clientPortalRoutes(rootRoute),
  createRoute({ ...parent, path: '/prescribers', component: PrescribersLanding }),
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
  createRoute({ ...parent, path: '/pharmacies', component: PharmaciesLanding }),
  ...pharmacyHomeRoutes(rootRoute),
  ...homeDeliveryConsoleRoutes(rootRoute),
  ...identityRoutes(rootRoute),
]);

export const router = createRouter({
  routeTree,
  scrollRestoration: true,
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
