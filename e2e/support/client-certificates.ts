// Secure client tools in journeys: they answer only on the mTLS listener with the signed-in user's certificate.
// A journey starts the server with a known CLIENT_TLS_PORT (freePort), gets a PKCS#12 file the real way (the
// Certificates page makes the key in the browser), and opens a browser context that presents it to the
// listener's origin (Playwright's clientCertificates).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { openPage, type WatchedPage } from './browser';
import type { DemoWorld } from './demo-world';
import { resultsDir } from './paths';

/** A free loopback port for the server's CLIENT_TLS_PORT. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

export const secureToolsOrigin = (tlsPort: number) => `https://127.0.0.1:${tlsPort}`;

/**
 * On the Certificates page (signed in, holding a grant): the key made in the page, the PKCS#12 file downloaded.
 * Returns the file's bytes.
 */
export async function certificateFromPage(page: Page, passphrase: string): Promise<Buffer> {
  await page.goto('/clients/certificates');
  await page.getByRole('button', { name: 'Get certificate' }).waitFor();
  const client = page.getByLabel('Client', { exact: true });
  if ((await client.count()) > 0 && (await client.inputValue()) === '')
    await client.selectOption({ index: 1 });
  await page.getByLabel('Passphrase for the file').fill(passphrase);
  await page.getByLabel('Passphrase again').fill(passphrase);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Get certificate' }).click();
  const download = await downloading;
  await page.getByText('Your certificate is ready').waitFor();
  return readFile(await download.path());
}

/**
 * Runs `run` in a fresh browser context on the secure-tools address that presents the PKCS#12 file. The
 * listener's server certificate comes from the demo client CA, which Chromium does not know: ignoreHTTPSErrors.
 */
export async function withSecureToolsPage<T>(
  world: DemoWorld,
  tlsPort: number,
  certificate: { pfx: Buffer; passphrase: string },
  failureShot: string,
  run: (watched: WatchedPage) => Promise<T>,
  options: BrowserContextOptions = {},
): Promise<T> {
  const origin = secureToolsOrigin(tlsPort);
  const watched = await openPage(world.browser, origin, {
    ignoreHTTPSErrors: true,
    clientCertificates: [{ origin, pfx: certificate.pfx, passphrase: certificate.passphrase }],
    ...options,
  });
  try {
    const result = await run(watched);
    // The service worker (PWA) is not installed from an address whose certificate Chromium does not trust, even
    // with ignoreHTTPSErrors; the page works without it. A real deployment serves the listener a trusted
    // certificate (TLS_CERT_FILE/TLS_KEY_FILE).
    const untrustedWorker = /An SSL certificate error occurred when fetching the script/;
    for (const e of watched.errors.filter((e) => untrustedWorker.test(e)))
      watched.errors.splice(watched.errors.indexOf(e), 1);
    if (watched.errors.length)
      throw new Error(
        `errors in the browser console: ${watched.errors.join('; ')} (${watched.failedRequests})`,
      );
    return result;
  } catch (error) {
    await watched.page
      .screenshot({ path: `${resultsDir()}/${failureShot}.png`, fullPage: true })
      .catch(() => {});
    throw error;
  } finally {
    await watched.close();
  }
}

/** Takes the browser's "failed to load" lines for expected answers of `status` out of the console errors. */
export function expectFailedLoads(watched: WatchedPage, status: number): number {
  const expected = watched.errors.filter((e) => new RegExp(`status of ${status}`).test(e));
  for (const e of expected) watched.errors.splice(watched.errors.indexOf(e), 1);
  return expected.length;
}
