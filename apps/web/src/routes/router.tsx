import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { focusPageHeading } from '../app/focus';
import { AppShell } from '../components/layout/AppShell';
import { identityRoutes } from '../identity/routes';
import { ClientsLanding } from '../portals/clients/ClientsLanding';
import { memberBenefitRoutes } from '../portals/members/benefits/routes';
import { MembersLanding } from '../portals/members/MembersLanding';
import { PharmaciesLanding } from '../portals/pharmacies/PharmaciesLanding';
import { PrescribersLanding } from '../portals/prescribers/PrescribersLanding';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NotFoundPage';

// Code-based route tree. Client routes must not start with a server-owned prefix
// (/api, /health, /ready, /docs, /dev, /assets): the server answers those itself.
const rootRoute = createRootRoute({ component: AppShell, notFoundComponent: NotFoundPage });

const parent = { getParentRoute: () => rootRoute };
const routeTree = rootRoute.addChildren([
  createRoute({ ...parent, path: '/', component: HomePage }),
  createRoute({ ...parent, path: '/members', component: MembersLanding }),
  ...memberBenefitRoutes(rootRoute),
  createRoute({ ...parent, path: '/clients', component: ClientsLanding }),
  createRoute({ ...parent, path: '/prescribers', component: PrescribersLanding }),
  createRoute({ ...parent, path: '/pharmacies', component: PharmaciesLanding }),
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
