import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress';

// Paths the Fastify server answers itself; in dev Vite forwards them so the SPA talks to one origin.
const serverPaths = /^\/(api|health|ready|docs|dev)(?:[/?]|$)/;
const apiTarget = process.env.OPENPBM_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), precompress()],
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
});
