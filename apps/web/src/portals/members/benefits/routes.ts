// The member benefits pages, added to the code-based route tree with one line in routes/router.tsx.
// Loaded on demand: visitors who never open them do not download them (or the zod form schemas).
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function memberBenefitRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/members/coverage',
      component: lazyRouteComponent(() => import('./DrugCoveragePage'), 'DrugCoveragePage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/price-check',
      component: lazyRouteComponent(() => import('./PriceCheckPage'), 'PriceCheckPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/claims',
      component: lazyRouteComponent(() => import('./ClaimsHistoryPage'), 'ClaimsHistoryPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/claims/$memberId/$claimId',
      component: lazyRouteComponent(() => import('./ClaimReceiptPage'), 'ClaimReceiptPage'),
    }),
  ] as const;
}
