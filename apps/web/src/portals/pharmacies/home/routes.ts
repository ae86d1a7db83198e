// Pharmacy staff's home page (one line in routes/router.tsx).
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function pharmacyHomeRoutes<TParent extends AnyRoute>(parent: TParent) {
  return [
    createRoute({
      getParentRoute: () => parent,
      path: '/pharmacies/home',
      component: lazyRouteComponent(() => import('./PharmacyHomePage'), 'PharmacyHomePage'),
    }),
  ] as const;
}
