import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress';
import { prerenderShell } from './build/prerender-shell';

// Paths the Fastify server answers itself; in dev Vite forwards them so the SPA talks to one origin.
const serverPaths = /^\/(api|health|ready|docs|dev)(?:[/?]|$)/;
const apiTarget = process.env.OPENPBM_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig(({ command }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), prerenderShell(), precompress()],
  // The browser runs React's API on Preact (preact/compat): React DOM alone is ~60 KB gzip, more than a third
  // of the 150 KB first-load budget (issue 16 item 7); Preact is ~4 KB. The code still imports `react` and
  // type-checks against React's types; only the production bundle swaps the runtime (`vite dev` keeps React
  // for Fast Refresh; the e2e journeys run the build). Delete `resolve` to go back to React DOM.
  resolve: {
    alias:
      command !== 'build'
        ? []
        : [
            { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
            { find: /^react-dom$/, replacement: 'preact/compat' },
            { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
            { find: /^react$/, replacement: 'preact/compat' },
          ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Everything as files under /assets: the server's CSP allows only 'self', so no data: URIs.
    assetsInlineLimit: 0,
  },
  server: {
    host: '127.0.0.1',
    proxy: { [serverPaths.source]: { target: apiTarget, changeOrigin: false } },
  },
  preview: { host: '127.0.0.1' },
}));
