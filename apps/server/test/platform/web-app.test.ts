// The web build's text files go out precompressed: the build writes .br and .gz copies
// (apps/web/build/precompress.ts) and the static handler sends the one the browser accepts, with its
// Content-Encoding, so first-load JavaScript travels brotli-sized without compressing per request.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../../web/build/precompress';
import { createTestApp, type TestApp } from '../harness';

const dist = mkdtempSync(join(tmpdir(), 'openpbm-web-'));
// As the build prerenders it into #root (apps/web/build/prerender-shell.ts).
const BANNER =
  '<section class="cookie-banner" aria-labelledby="cookie-banner-heading"><h2>Cookies on OpenPBM</h2></section>';
const script = `export const page = '${'x'.repeat(50)}';\n`.repeat(200);
let t: TestApp;

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    `<!doctype html><title>OpenPBM</title><div id="root">${'<p>page</p>'.repeat(200)}${BANNER}</div>`,
  );
  writeFileSync(join(dist, 'assets', 'app-abc123.js'), script);
  writeFileSync(join(dist, 'assets', 'tiny-abc123.js'), 'export {};\n');
  // The plugin's own build step, run on this folder as `vite build` runs it on apps/web/dist.
  const plugin = precompress() as unknown as {
    configResolved(c: { root: string; build: { outDir: string } }): void;
    closeBundle(): void;
  };
  plugin.configResolved({ root: dist, build: { outDir: '.' } });
  plugin.closeBundle();
  t = await createTestApp({ webDist: dist });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string, more: Record<string, string> = {}) =>
  t.app.inject({
    method: 'GET',
    url,
    headers: {
      accept: 'text/html,*/*',
      ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
      ...more,
    },
  });

describe('precompressed web build', () => {
  it('writes brotli and gzip copies of text files worth compressing, and none of tiny ones', () => {
    const br = readFileSync(join(dist, 'assets', 'app-abc123.js.br'));
    expect(brotliDecompressSync(br).toString()).toBe(script);
    expect(gunzipSync(readFileSync(join(dist, 'assets', 'app-abc123.js.gz'))).toString()).toBe(script);
    expect(br.length).toBeLessThan(script.length / 10);
    expect(() => readFileSync(join(dist, 'assets', 'tiny-abc123.js.br'))).toThrow();
  });

  it('sends brotli to a browser that accepts it, gzip to one that accepts only gzip, else the file', async () => {
    const br = await get('/assets/app-abc123.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toContain('immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await get('/assets/app-abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await get('/assets/app-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('sends the page itself (client-side routes too) compressed', async () => {
    const page = await get('/prescriptions', 'br');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(page.rawPayload).toString()).toContain('<title>OpenPBM</title>');
  });
});

describe('the page with its prerendered shell', () => {
  it('keeps the cookie banner for a first visit and drops it once the visitor has chosen', async () => {
    const first = await get('/sign-in');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/text\/html/);
    expect(first.headers.vary).toMatch(/cookie/i);
    expect(first.body).toContain(BANNER);

    for (const choice of ['necessary', 'preferences']) {
      const chosen = await get('/sign-in', 'gzip', { cookie: `openpbm_cookie_consent=${choice}` });
      const html = gunzipSync(chosen.rawPayload).toString();
      expect(html).not.toContain('cookie-banner');
      expect(html).toContain('<p>page</p>');
    }
    // Anything else is no choice: the banner stays.
    expect((await get('/sign-in', undefined, { cookie: 'openpbm_cookie_consent=maybe' })).body).toContain(
      BANNER,
    );
  });

  it('answers a revalidation of the same copy with 304', async () => {
    const first = await get('/members');
    const again = await get('/members', undefined, { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    const chosen = await get('/members', undefined, {
      'if-none-match': String(first.headers.etag),
      cookie: 'openpbm_cookie_consent=necessary',
    });
    expect(chosen.statusCode).toBe(200);
  });
});
