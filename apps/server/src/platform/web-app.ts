// Serves the built single-page app (apps/web/dist): hashed assets with long caching, and index.html for
// every other GET that is not a server path, so client-side routes survive a reload. Text files go out
// precompressed (brotli, else gzip) when the browser accepts it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadWebPage } from './web-page';

export const defaultWebDist = resolve(fileURLToPath(import.meta.url), '../../../../web/dist');

/** Paths the server answers itself; the SPA never owns them (kept in step with apps/web/vite.config.ts). */
const SERVER_PATHS = /^\/(api|health|ready|docs|dev|assets)(?:[/?]|$)/;

/** Answers a GET for a client-side route with index.html; false when the request is not for a page. */
export type PageFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;

export async function registerWebApp(
  app: FastifyInstance,
  distDir = defaultWebDist,
): Promise<PageFallback | undefined> {
  if (!existsSync(resolve(distDir, 'index.html'))) {
    app.log.warn({ distDir }, 'web app not built (npm run build:web); serving the API only');
    return undefined;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    // Routes for the files present at start (the build is immutable while the server runs).
    wildcard: false,
    index: false,
    // The build writes .br and .gz copies (apps/web/build/precompress.ts): sent with their Content-Encoding
    // to browsers that accept them, with `Vary: Accept-Encoding`.
    preCompressed: true,
    setHeaders: (res, path) => {
      const immutable = path.includes(`${resolve(distDir, 'assets')}`);
      res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendPage = loadWebPage(distDir);
  return (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsPage =
      request.method === 'GET' && !SERVER_PATHS.test(path) && acceptsHtml(request.headers.accept);
    return wantsPage ? sendPage(request, reply) : undefined;
  };
}

function acceptsHtml(accept: string | undefined): boolean {
  return !accept || accept.includes('text/html') || accept.includes('*/*');
}
