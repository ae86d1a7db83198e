// The prescriber portal's e-prescribing pages (one line in routes/router.tsx).
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function prescriberEprescribeRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/prescribers/eprescribe',
      validateSearch: (search: Record<string, unknown>): { request?: string } => ({
        request: typeof search.request === 'string' && search.request ? search.request : undefined,
      }),
      component: lazyRouteComponent(() => import('./EprescribePage'), 'EprescribePage'),
    }),
    createRoute({
      getParentRoute,
      path: '/prescribers/renewals',
      component: lazyRouteComponent(() => import('./RenewalsPage'), 'RenewalsPage'),
    }),
  ] as const;
}
