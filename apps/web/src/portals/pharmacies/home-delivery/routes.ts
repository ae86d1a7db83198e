// The home-delivery pharmacy staff console, added to the route tree with one line in routes/router.tsx.
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function homeDeliveryConsoleRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/pharmacies/home-delivery',
      component: lazyRouteComponent(() => import('./QueuePage'), 'QueuePage'),
    }),
    createRoute({
      getParentRoute,
      path: '/pharmacies/home-delivery/orders/$orderId',
      component: lazyRouteComponent(() => import('./StaffOrderPage'), 'StaffOrderPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/pharmacies/home-delivery/transfers',
      component: lazyRouteComponent(() => import('./StaffTransfersPage'), 'StaffTransfersPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/pharmacies/home-delivery/requests',
      component: lazyRouteComponent(() => import('./StaffRequestsPage'), 'StaffRequestsPage'),
    }),
  ] as const;
}
