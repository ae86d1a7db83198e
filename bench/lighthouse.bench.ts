// Pages (issue 16 item 7): Lighthouse (npm `lighthouse`, pinned) in Debian's Chromium (/usr/bin/chromium),
// default mobile profile (emulated phone, simulated slow 4G and 4× CPU slowdown), Performance category only, on
// the member portal's sign-in page and its prescriptions page (signed in as demo.member), served by the real
// server as `npm start` runs it (production web build, precompressed). Baseline, interleaved in the same rounds:
// a bare HTML page from a plain Node HTTP server, which shows what the loaded machine does to any page.
// Targets: Performance ≥ 90, LCP under 2.5 s, first-load JavaScript under 150 KB gzipped.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DEMO_LOGINS } from '@openpbm/db/seed/index';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CSRF_HEADER } from '../apps/server/src/identity/cookies';
import { defineBenchmark } from './lib/benchmark';
import { startOpenPbm } from './lib/openpbm-process';
import { type BenchResult, result } from './lib/report';
import { BENCH_ROUNDS, median, summarizeRounds } from './lib/rounds';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const dist = `${repoRoot}apps/web/dist`;
const PAGES = [
  { name: 'sign-in', path: '/sign-in', signedIn: false },
  { name: 'prescriptions', path: '/members/prescriptions', signedIn: true },
] as const;

interface PageRun {
  score: number;
  lcpMs: number;
  /** The other scored metrics, to show which one costs the points: FCP, TBT and Speed Index (ms), and CLS. */
  fcpMs: number;
  tbtMs: number;
  speedIndexMs: number;
  cls: number;
  /** Scripts the page loaded, as their gzip -9 size (the build's .gz copies). */
  jsGzipBytes: number;
  /** The same scripts as they travelled (brotli when the browser accepts it). */
  jsTransferBytes: number;
}

export default defineBenchmark({
  name: 'lighthouse',
  description: `Lighthouse mobile Performance of the sign-in and prescriptions pages vs a bare page, ${BENCH_ROUNDS} rounds`,
  timeoutSeconds: 600 + BENCH_ROUNDS * 300,
  async run() {
    if (!existsSync(`${dist}/index.html`))
      execFileSync('npm', ['run', 'build:web'], { cwd: repoRoot, stdio: 'inherit' });
    const bare = await bareServer();
    // No card vault: neither page reads a card, and its cold start is slow on a loaded machine.
    const server = await startOpenPbm({
      VAULT_URL: 'http://127.0.0.1:9',
      VAULT_CALLER_SECRET: randomBytes(32).toString('hex'),
    });
    const chrome = await chromeLauncher.launch({
      chromePath: '/usr/bin/chromium',
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    try {
      const cookie = await signInDemoMember(server.url);
      const audit = async (url: string, headers?: Record<string, string>): Promise<PageRun> => {
        const run = await lighthouse(url, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance'],
          ...(headers ? { extraHeaders: headers } : {}),
        });
        if (!run) throw new Error(`lighthouse gave no result for ${url}`);
        const lhr = run.lhr;
        if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
        const items =
          (lhr.audits['network-requests']?.details as { items?: NetworkItem[] } | undefined)?.items ?? [];
        const scripts = items.filter(
          (i) => i.resourceType === 'Script' && i.url.startsWith(url.split('/').slice(0, 3).join('/')),
        );
        return {
          score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
          lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
          fcpMs: lhr.audits['first-contentful-paint']?.numericValue ?? Number.NaN,
          tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN,
          speedIndexMs: lhr.audits['speed-index']?.numericValue ?? Number.NaN,
          cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN,
          jsGzipBytes: scripts.reduce((sum, s) => sum + gzipSizeOf(new URL(s.url).pathname), 0),
          jsTransferBytes: scripts.reduce((sum, s) => sum + (s.transferSize ?? 0), 0),
        };
      };
      await audit(`${server.url}/sign-in`); // warm-up: the server's first page, Chromium's first run
      const rounds: Array<{ bare: PageRun; pages: PageRun[] }> = [];
      for (let r = 0; r < BENCH_ROUNDS; r++) {
        const base = await audit(bare.url);
        const pages: PageRun[] = [];
        for (const page of PAGES) {
          pages.push(
            await audit(`${server.url}${page.path}`, page.signedIn ? { Cookie: cookie } : undefined),
          );
        }
        rounds.push({ bare: base, pages });
      }
      return PAGES.map((page, i): BenchResult => {
        const runs = rounds.map((r) => r.pages[i] as PageRun);
        const s = summarizeRounds(
          rounds.map((r, k) => ({ figure: runs[k]?.score ?? 0, baseline: r.bare.score })),
        );
        return result({
          benchmark: `lighthouse-${page.name}`,
          unit: 'Performance',
          figure: s.figure,
          baselineName: 'bare HTML page, same Chromium, same rounds',
          baseline: s.baseline,
          ratio: s.ratio,
          details: {
            page: page.path,
            rounds: runs.map((x) => x.score).join('/'),
            spread: s.spread,
            lcpMs: median(runs.map((x) => x.lcpMs)),
            lcpMsRounds: runs.map((x) => Math.round(x.lcpMs)).join('/'),
            bareLcpMs: median(rounds.map((r) => r.bare.lcpMs)),
            fcpMs: Math.round(median(runs.map((x) => x.fcpMs))),
            tbtMs: Math.round(median(runs.map((x) => x.tbtMs))),
            speedIndexMs: Math.round(median(runs.map((x) => x.speedIndexMs))),
            cls: Number(median(runs.map((x) => x.cls)).toFixed(3)),
            firstLoadJsGzipKB: median(runs.map((x) => x.jsGzipBytes)) / 1024,
            firstLoadJsTransferKB: median(runs.map((x) => x.jsTransferBytes)) / 1024,
            targets: 'Performance ≥ 90, LCP < 2500 ms, JS < 150 KB gzip',
          },
        });
      });
    } finally {
      await chrome.kill();
      await server.stop();
      await new Promise((r) => bare.server.close(r));
    }
  },
});

interface NetworkItem {
  url: string;
  resourceType?: string;
  transferSize?: number;
}

/** The gzip -9 size of a built file (its .gz copy, else compressed here). */
function gzipSizeOf(path: string): number {
  const file = `${dist}${path}`;
  if (existsSync(`${file}.gz`)) return statSync(`${file}.gz`).size;
  return existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : 0;
}

async function bareServer() {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Bare</title></head><body><h1>Hello</h1><p>A bare page.</p></body></html>';
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** demo.member's session cookie, signed in through the API with the demo password (members have no 2nd factor). */
async function signInDemoMember(origin: string): Promise<string> {
  const login = DEMO_LOGINS.find((l) => l.username === 'demo.member');
  if (!login) throw new Error('no demo.member login');
  const csrf = await fetch(`${origin}/api/identity/csrf`);
  const csrfCookie = (csrf.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { token } = (await csrf.json()) as { token: string };
  const res = await fetch(`${origin}/api/identity/sign-in/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: csrfCookie, [CSRF_HEADER]: token },
    body: JSON.stringify({ username: login.username, password: login.password }),
  });
  if (res.status !== 200) throw new Error(`demo.member sign-in: ${res.status} ${await res.text()}`);
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  return [csrfCookie, ...session].join('; ');
}
