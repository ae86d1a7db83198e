// The prescriber portal's secure messages with patients (one line in routes/router.tsx). Loaded on demand.
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function prescriberMessageRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/prescribers/messages',
      component: lazyRouteComponent(() => import('./PatientMessagesPage'), 'PatientMessagesPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/prescribers/messages/$threadId',
      component: lazyRouteComponent(() => import('./PatientThreadPage'), 'PatientThreadPage'),
    }),
  ] as const;
}
