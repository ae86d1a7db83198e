import { render } from 'preact';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * Renders the app into #root. The production build runs on Preact and #root already holds the prerendered shell
 * (shell-prerender.tsx): Preact's own render reuses those elements and corrects their attributes (the page's
 * current link, ids), where React's createRoot, and Preact's compat version of it, would empty #root first and
 * the shell would flash. `vite dev` runs React on an empty #root.
 */
export function mountApp(container: HTMLElement, app: ReactNode): void {
  if (import.meta.env.PROD) render(app as Parameters<typeof render>[0], container);
  else createRoot(container).render(app);
}
