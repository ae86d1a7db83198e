// The SPA's index.html, as the server sends it for every page. The build prerenders the app shell into it,
// cookie banner included (apps/web/build/prerender-shell.ts); a visitor who has made their cookie choice gets
// the copy without the banner, so it never flashes up before the app removes it. Both copies are compressed
// once at start, like the build's other text files.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { CONSENT_COOKIE, isCookieConsent } from '@openpbm/shared/cookie-consent';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The prerendered banner: one <section class="cookie-banner"> with no section inside it. */
const COOKIE_BANNER = /<section class="cookie-banner"[\s\S]*?<\/section>/;

interface EncodedPage {
  etag: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

function encode(html: string): EncodedPage {
  const identity = Buffer.from(html);
  return {
    etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
    identity,
    br: brotliCompressSync(identity),
    gzip: gzipSync(identity, { level: 9 }),
  };
}

export function loadWebPage(distDir: string) {
  const html = readFileSync(resolve(distDir, 'index.html'), 'utf8');
  const firstVisit = encode(html);
  const choiceMade = encode(html.replace(COOKIE_BANNER, ''));

  return function sendPage(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const page = isCookieConsent(request.cookies[CONSENT_COOKIE]) ? choiceMade : firstVisit;
    const accepted = request.headers['accept-encoding'] ?? '';
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : 'identity';
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('vary', 'accept-encoding, cookie')
      .header('etag', page.etag);
    if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    return reply.send(page[encoding]);
  };
}
