// The account team's review of client portal access requests (one line in routes/router.tsx). Loaded on demand.
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function accountTeamRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/staff/account-team/access-requests',
      component: lazyRouteComponent(() => import('./AccessRequestsPage'), 'AccessRequestsPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/staff/account-team/access-requests/$requestId',
      component: lazyRouteComponent(() => import('./AccessReviewPage'), 'AccessReviewPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/staff/account-team/certificates',
      component: lazyRouteComponent(() => import('./CertificatesPage'), 'CertificatesPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/staff/account-team/marketing',
      component: lazyRouteComponent(() => import('./MarketingMailingPage'), 'MarketingMailingPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/staff/account-team/content',
      component: lazyRouteComponent(() => import('./ContentListPage'), 'ContentListPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/staff/account-team/content/new',
      component: lazyRouteComponent(() => import('./ContentEditPage'), 'ContentEditPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/staff/account-team/content/$itemId',
      component: lazyRouteComponent(() => import('./ContentEditPage'), 'ContentEditPage'),
    }),
  ] as const;
}
