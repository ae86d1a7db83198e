// The member pharmacy pages, added to the code-based route tree with one line in routes/router.tsx.
// Loaded on demand, like the benefits pages.
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

export function memberPharmacyRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/members/prescriptions',
      component: lazyRouteComponent(() => import('./PrescriptionsPage'), 'PrescriptionsPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/prescriptions/$prescriptionId',
      component: lazyRouteComponent(() => import('./PrescriptionDetailPage'), 'PrescriptionDetailPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/refill',
      validateSearch: (
        search: Record<string, unknown>,
      ): { rx?: string; speed?: 'standard' | 'expedited' } => ({
        rx: text(search.rx),
        speed: search.speed === 'expedited' ? 'expedited' : undefined,
      }),
      component: lazyRouteComponent(() => import('./RefillPage'), 'RefillPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/orders',
      component: lazyRouteComponent(() => import('./OrdersPage'), 'OrdersPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/orders/$orderId',
      component: lazyRouteComponent(() => import('./OrderPage'), 'OrderPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/payment-methods',
      component: lazyRouteComponent(() => import('./PaymentMethodsPage'), 'PaymentMethodsPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/family',
      component: lazyRouteComponent(() => import('./FamilyAccessPage'), 'FamilyAccessPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/auto-refill',
      validateSearch: (search: Record<string, unknown>): { prescriptionId?: string } => ({
        prescriptionId: text(search.prescriptionId),
      }),
      component: lazyRouteComponent(() => import('./AutoRefillPage'), 'AutoRefillPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/transfers',
      validateSearch: (search: Record<string, unknown>): { prescriptionId?: string } => ({
        prescriptionId: text(search.prescriptionId),
      }),
      component: lazyRouteComponent(() => import('./TransfersPage'), 'TransfersPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/ask-doctor',
      validateSearch: (search: Record<string, unknown>): { prescriptionId?: string } => ({
        prescriptionId: text(search.prescriptionId),
      }),
      component: lazyRouteComponent(() => import('./AskDoctorPage'), 'AskDoctorPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/messages',
      component: lazyRouteComponent(() => import('./MessagesPage'), 'MessagesPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/notifications',
      component: lazyRouteComponent(() => import('./NotificationsPage'), 'NotificationsPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/id-card',
      component: lazyRouteComponent(() => import('./IdCardPage'), 'IdCardPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/pharmacy-locator',
      component: lazyRouteComponent(() => import('./PharmacyLocatorPage'), 'PharmacyLocatorPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/members/urgent-supply',
      component: lazyRouteComponent(() => import('./UrgentSupplyPage'), 'UrgentSupplyPage'),
    }),
  ] as const;
}
