// The prescriber's home page (one line in routes/router.tsx).
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function prescriberHomeRoutes<TParent extends AnyRoute>(parent: TParent) {
  return [
    createRoute({
      getParentRoute: () => parent,
      path: '/prescribers/home',
      component: lazyRouteComponent(() => import('./PrescriberHomePage'), 'PrescriberHomePage'),
    }),
  ] as const;
}
