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
const script = `export const page = '${'x'.repeat(50)}';\n`.repeat(200);
let t: TestApp;

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    `<!doctype html><title>OpenPBM</title>${'<p>page</p>'.repeat(200)}`,
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

const get = (url: string, acceptEncoding?: string) =>
  t.app.inject({
    method: 'GET',
    url,
    headers: { accept: 'text/html,*/*', ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
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
