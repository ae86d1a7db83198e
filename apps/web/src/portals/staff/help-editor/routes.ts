// The help-center editor (content_editor): the list of articles, writing one, changing one. One line in
// routes/router.tsx; loaded on demand.
import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';

export function helpEditorRoutes<TParent extends AnyRoute>(parent: TParent) {
  const getParentRoute = () => parent;
  return [
    createRoute({
      getParentRoute,
      path: '/staff/help-editor',
      component: lazyRouteComponent(() => import('./ArticlesPage'), 'ArticlesPage'),
    }),
    createRoute({
      getParentRoute,
      path: '/staff/help-editor/new',
      component: lazyRouteComponent(() => import('./ArticleEditorPage'), 'NewArticlePage'),
    }),
    createRoute({
      getParentRoute,
      path: '/staff/help-editor/articles/$slug',
      component: lazyRouteComponent(() => import('./ArticleEditorPage'), 'EditArticlePage'),
    }),
  ] as const;
}
