import type { Api } from '../test/support/client.js';
import { sale, type NewMovement } from '../test/support/docs.js';
import { pushMovements } from '../test/support/replication.js';
import { createProducts, pairStaff, startTenant, stockUp, type TestTenant } from '../test/support/tenant.js';
import { openRawLedger } from './raw-sqlite-ledger.js';
import { serverNodeArgs } from './support.js';

const DEVICES = 4;
const BATCH = 100;
const BATCHES_PER_DEVICE = Number(process.env.BENCH_PUSH_BATCHES ?? 25);
const ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS ?? 3);
const WARM_UP_BATCHES_PER_DEVICE = Number(process.env.BENCH_PUSH_WARM_UP ?? 250);
const PRODUCTS = 200;

/**
 * Accepted movements per second through the real server over HTTP: 4 devices
 * push batches of 100 sales concurrently (enough stock seeded that all are
 * accepted), against the same ledger work straight on SQLite (the physical
 * limit). Server and raw rounds alternate and the best round of each counts,
 * so load from other processes on the machine skews the ratio less.
 * Also reports the server's RSS after the run.
 */
export async function serverPush(): Promise<Record<string, number>> {
  const raw = openRawLedger(PRODUCTS);
  let started: TestTenant | null = null;
  try {
    // Raw warm-up before the server exists: run later, it would leave the clients' keep-alive
    // connections idle past the server's 5 s timeout ("other side closed" on reuse).
    raw.run(DEVICES * WARM_UP_BATCHES_PER_DEVICE, BATCH);
    const tenant = await startTenant({ args: ['--rate-limit', '1000000'], nodeArgs: serverNodeArgs() });
    started = tenant;
    const storeId = tenant.defaultStoreId;
    const productIds = (await createProducts(tenant.owner, PRODUCTS)).map((p) => p.id);
    await stockUp(tenant.owner, storeId, productIds.map((id) => [id, 1_000_000] as [string, number]));
    const devices = await Promise.all(Array.from({ length: DEVICES }, (_, i) => pairStaff(tenant, storeId, `bench-till-${i}`)));

    let cursor = 0;
    const plan = (batches: number): NewMovement[][] =>
      Array.from({ length: batches }, () =>
        Array.from({ length: BATCH }, () => sale(storeId, productIds[cursor++ % PRODUCTS]!, 1)),
      );
    // Warm-up (JIT, statement caches, keep-alive connections), not timed, the same number of
    // batches on both sides (raw's ran above). The server path runs far more code than the raw
    // loop (HTTP, tRPC, validation): V8 keeps compiling it for its first ~1000 requests
    // (--trace-opt), so a short warm-up measured JIT work instead of the steady state.
    await Promise.all(devices.map((dev) => pushAll(dev.api, plan(WARM_UP_BATCHES_PER_DEVICE))));

    const serverRates: number[] = [];
    const rawRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const plans = devices.map(() => plan(BATCHES_PER_DEVICE));
      const started = performance.now();
      const accepted = (await Promise.all(devices.map((dev, d) => pushAll(dev.api, plans[d]!)))).reduce((a, b) => a + b, 0);
      const seconds = (performance.now() - started) / 1000;
      const expected = DEVICES * BATCHES_PER_DEVICE * BATCH;
      if (accepted !== expected) throw new Error(`only ${accepted} of ${expected} movements accepted`);
      serverRates.push(accepted / seconds);
      rawRates.push(raw.run(DEVICES * BATCHES_PER_DEVICE, BATCH));
    }
    const rssMb = tenant.server.rssMb();

    const serverRate = Math.max(...serverRates);
    const rawRate = Math.max(...rawRates);
    return {
      'server.push.movements_per_s': round(serverRate),
      'server.push.raw_sqlite_movements_per_s': round(rawRate),
      'server.push.ratio': round(serverRate / rawRate, 3),
      'server.push.ratio.target': 0.5,
      'server.rss_mb': round(rssMb, 1),
      'server.rss_mb.target': 200,
    };
  } finally {
    raw.close();
    await started?.dispose();
  }
}

async function pushAll(api: Api, batches: NewMovement[][]): Promise<number> {
  let accepted = 0;
  for (const batch of batches) {
    const stored = await pushMovements(api, batch);
    accepted += stored.filter((m) => m.status === 'accepted').length;
  }
  return accepted;
}

function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
