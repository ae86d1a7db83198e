// An authenticated JSON read through the whole OpenPBM stack (helmet, cookies, session lookup in PostgreSQL,
// role check, zod serialization) against a bare Fastify hello-world, same load, same run.
import { fileURLToPath } from 'node:url';
import { measureHttp } from './lib/autocannon';
import { defineBenchmark } from './lib/benchmark';
import { startChildServer } from './lib/child-server';
import { result } from './lib/report';
import { withScratchDatabase } from './lib/scratch-db';

const target = (name: string) => fileURLToPath(new URL(`./targets/${name}.ts`, import.meta.url));

export default defineBenchmark({
  name: 'http-read',
  description:
    'authenticated JSON read (GET /api/identity/account/sessions) vs bare Fastify hello-world, req/s',
  timeoutSeconds: 120,
  async run() {
    const hello = await startChildServer(target('hello-fastify'));
    const baseline = await measureHttp(`${hello.origin}/hello`).finally(() => hello.stop());

    return withScratchDatabase(async (scratch) => {
      const app = await startChildServer(target('openpbm-authenticated-read'), {
        DATABASE_URL: scratch.url,
        NODE_ENV: 'test',
      });
      try {
        const read = await measureHttp(`${app.origin}/api/identity/account/sessions`, {
          headers: app.headers,
        });
        return [
          result({
            benchmark: 'http-read',
            unit: 'req/s',
            figure: read.requestsPerSecond,
            baselineName: 'bare Fastify hello-world',
            baseline: baseline.requestsPerSecond,
            details: {
              p50_ms: read.latencyP50Ms,
              p99_ms: read.latencyP99Ms,
              baseline_p50_ms: baseline.latencyP50Ms,
              baseline_p99_ms: baseline.latencyP99Ms,
            },
          }),
        ];
      } finally {
        await app.stop();
      }
    }, 'openpbm_bench_read');
  },
});
