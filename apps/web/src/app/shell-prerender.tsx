// The app shell (header, empty main area, footer, cookie banner) as HTML, rendered at build time and put in
// index.html's #root (build/prerender-shell.ts). A first visit then paints the page frame and its largest text,
// the cookie banner, from the HTML alone instead of after the scripts arrive (issue 16 item 7: LCP). The app
// renders the same shell into #root when it starts; Preact reuses the elements it finds there.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { renderToString } from 'react-dom/server';
import { AppShell } from '../components/layout/AppShell';

/**
 * The shell as a visitor who is not signed in and has not chosen about cookies first sees it, at a path that is
 * no page (so no link is marked current) and with nothing in the main area.
 */
export async function renderShellHtml(): Promise<string> {
  const router = createRouter({
    routeTree: createRootRoute({ component: AppShell, notFoundComponent: () => null }),
    history: createMemoryHistory({ initialEntries: ['/-shell'] }),
  });
  await router.load();
  return renderToString(
    <QueryClientProvider client={new QueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}
