// The help center (public), contact, the member's cases and "done for you", and secure messages with the
// prescriber's office (one line in routes/router.tsx). Loaded on demand.
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function memberHelpRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  const page = (path: string, load: () => Promise<Record<string, unknown>>, name: string) =>
    createRoute({ getParentRoute, path, component: lazyRouteComponent(load as never, name as never) });
  return [
    page('/help', () => import('./HelpCenterPage'), 'HelpCenterPage'),
    page('/help/$slug', () => import('./HelpArticlePage'), 'HelpArticlePage'),
    page('/members/help', () => import('./MyCasesPage'), 'MyCasesPage'),
    page('/members/help/contact', () => import('./ContactPage'), 'ContactPage'),
    page('/members/help/cases/$caseId', () => import('./MyCasePage'), 'MyCasePage'),
    page('/members/messages/prescriber', () => import('./PrescriberThreadsPage'), 'PrescriberThreadsPage'),
    page(
      '/members/messages/prescriber/$threadId',
      () => import('./PrescriberThreadPage'),
      'PrescriberThreadPage',
    ),
  ] as const;
}
