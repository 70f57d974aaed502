import { sale } from '../test/support/docs.js';
import { createProducts, pairStaff, startTenant, stockUp } from '../test/support/tenant.js';
import { percentile } from './client/stats.js';
import { leanClient, metricValue, pushedRows, serverNodeArgs, type LeanClient } from './support.js';

const DEVICES = Number(process.env.BENCH_SINGLE_DEVICES ?? 1000);
/** Pushes per second per device, on average (arrivals are random, Poisson). */
const RATE = Number(process.env.BENCH_SINGLE_RATE ?? 1);
const SECONDS = Number(process.env.BENCH_SINGLE_SECONDS ?? 20);
const WARM_UP_SECONDS = 5;
const PRODUCTS = 200;

/**
 * 1 000 devices, each with its own keep-alive connection, each pushing single sales (one
 * movement per request) at random moments, RATE per second on average: an open load of
 * DEVICES × RATE requests per second (1 000/s by default, 30× the peak of 1 000 shop tills
 * ringing a sale every 30 s). Latency is request sent → answer read; an error is any answer
 * but 200 with the sale accepted, or a transport failure. Warm-up seconds are not counted.
 */
export async function serverSingle(): Promise<Record<string, number>> {
  const tenant = await startTenant({ args: ['--rate-limit', '1000000'], nodeArgs: serverNodeArgs() });
  const clients: LeanClient[] = [];
  try {
    const storeId = tenant.defaultStoreId;
    const productIds = (await createProducts(tenant.owner, PRODUCTS)).map((p) => p.id);
    await stockUp(tenant.owner, storeId, productIds.map((id) => [id, 100_000_000] as [string, number]));
    const tokens: string[] = [];
    for (let i = 0; i < DEVICES; i += 50) {
      const paired = await Promise.all(Array.from({ length: Math.min(50, DEVICES - i) }, (_, j) => pairStaff(tenant, storeId, `till-${i + j}`)));
      tokens.push(...paired.map((d) => d.token));
    }
    // As many keep-alive connections as devices, in one pool (a pool per device cost the
    // bench process tens of milliseconds of event-loop lag, which read as server latency).
    clients.push(leanClient(tenant.server.url, DEVICES));

    const latencies: number[] = [];
    let errors = 0;
    let sent = 0;
    const started = performance.now();
    const warmUntil = started + WARM_UP_SECONDS * 1000;
    const endAt = warmUntil + SECONDS * 1000;
    let n = 0;
    const groups0 = { sum: 0, count: 0 };
    let groupsTaken = false;
    const device = async (d: number) => {
      for (;;) {
        await new Promise((r) => setTimeout(r, -Math.log(1 - Math.random()) * (1000 / RATE)));
        const t0 = performance.now();
        if (t0 >= endAt) return;
        if (t0 >= warmUntil && !groupsTaken) {
          groupsTaken = true;
          groups0.sum = await metricValue(tenant.server.url, 'stockroom_write_group_size_sum');
          groups0.count = await metricValue(tenant.server.url, 'stockroom_write_group_size_count');
        }
        const counted = t0 >= warmUntil;
        const k = n++;
        try {
          const stored = pushedRows(await clients[0]!.push(tokens[d]!, [sale(storeId, productIds[k % PRODUCTS]!, 1, `S-${d}-${k}`)]));
          if (stored[0]?.status !== 'accepted') throw new Error(`verdict ${stored[0]?.status}`);
          if (counted) latencies.push(performance.now() - t0);
        } catch {
          if (counted) errors++;
        }
        if (counted) sent++;
      }
    };
    const logFrom = tenant.server.output().length;
    await Promise.all(Array.from({ length: DEVICES }, (_, d) => device(d)));
    // The server's own view: durationMs of each push in its request log (answer written → closed).
    const inServer = tenant.server.output().slice(logFrom).split('\n')
      .filter((l) => l.includes('"path":"/trpc/replication.push"'))
      .map((l) => (JSON.parse(l) as { durationMs: number }).durationMs);
    const groupSum = (await metricValue(tenant.server.url, 'stockroom_write_group_size_sum')) - groups0.sum;
    const groupCount = (await metricValue(tenant.server.url, 'stockroom_write_group_size_count')) - groups0.count;
    return {
      'server.push.single_p50_ms': round(percentile(latencies, 50), 2),
      'server.push.single_p99_ms': round(percentile(latencies, 99), 2),
      'server.push.single_p99_ms.target': 50,
      'server.push.single_errors': errors,
      'server.push.single_errors.target': 0,
      'server.push.single_requests_per_s': round(sent / SECONDS),
      'server.push.single_server_p50_ms': round(percentile(inServer, 50), 2),
      'server.push.single_server_p99_ms': round(percentile(inServer, 99), 2),
      'server.push.single_group_size': round(groupSum / Math.max(1, groupCount), 2),
    };
  } finally {
    for (const c of clients) c.close();
    await tenant.dispose();
  }
}

function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
