// HTTP load with autocannon, measured the same way for a benchmark and its baseline:
// same connections, duration and pipelining, a discarded warm-up first (JIT, connection pools).
import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** Always 1 here: browsers do not pipeline, so neither does the measurement. */
  pipelining: 1;
  headers?: Record<string, string>;
  /** Per-request method/body/headers (autocannon `requests`, e.g. a `setupRequest` that writes a new body). */
  requests?: autocannon.Request[];
}

export const DEFAULT_LOAD: LoadOptions = {
  connections: 10,
  durationSeconds: 5,
  warmupSeconds: 1,
  pipelining: 1,
};

export interface LoadResult {
  url: string;
  /** autocannon's mean of per-second request counts (its "Req/Sec Avg"). */
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  requests: number;
  durationSeconds: number;
  connections: number;
}

export async function measureHttp(url: string, options: Partial<LoadOptions> = {}): Promise<LoadResult> {
  const opts = { ...DEFAULT_LOAD, ...options };
  if (opts.warmupSeconds > 0) await fire(url, opts, opts.warmupSeconds);
  const { result, latencies } = await fire(url, opts, opts.durationSeconds);
  latencies.sort();
  return {
    url,
    requestsPerSecond: result.requests.average,
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP99Ms: percentile(latencies, 0.99),
    latencyMeanMs: latencies.reduce((a, b) => a + b, 0) / latencies.length,
    requests: result.requests.total,
    durationSeconds: result.duration,
    connections: result.connections,
  };
}

async function fire(
  url: string,
  opts: LoadOptions,
  seconds: number,
): Promise<{ result: autocannon.Result; latencies: Float64Array }> {
  // autocannon's own histogram stores whole milliseconds, which reads 0 for sub-millisecond loopback
  // responses; the per-response event carries the exact duration, so percentiles come from that.
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: opts.connections,
        duration: seconds,
        pipelining: opts.pipelining,
        headers: opts.headers ?? {},
        ...(opts.requests ? { requests: opts.requests } : {}),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = responseTime;
    });
  });
  // A fast error page is not a result: refuse figures that include failures.
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(
      `${url}: ${result.errors} connection errors, ${result.non2xx} non-2xx responses ` +
        `(4xx ${result['4xx']}, 5xx ${result['5xx']}) out of ${result.requests.total}`,
    );
  }
  return { result, latencies: latencies.subarray(0, count) };
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
