import { uuidv7 } from '../shared/index.js';
import { sale, type NewMovement } from '../test/support/docs.js';
import { createProducts, pairStaff, startTenant, stockUp, type TestTenant } from '../test/support/tenant.js';
import { openRawLedger } from './raw-sqlite-ledger.js';
import { seedLedger } from './seed-ledger.js';
import { leanClient, metricValue, pushedRows, serverNodeArgs, type LeanClient } from './support.js';

const DEVICES = 4;
const BATCH = 100;
const BATCHES_PER_DEVICE = Number(process.env.BENCH_PUSH_BATCHES ?? 25);
const ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS ?? 3);
const WARM_UP_BATCHES_PER_DEVICE = Number(process.env.BENCH_PUSH_WARM_UP ?? 250);
const PRODUCTS = 200;
/** Movements already in the ledger for server.push.ratio_at_2m. */
const LARGE_LEDGER = Number(process.env.BENCH_PUSH_LARGE_LEDGER ?? 2_000_000);

/**
 * Accepted movements per second through the real server over HTTP: 4 devices
 * push batches of 100 sales concurrently (enough stock seeded that all are
 * accepted), against the same ledger work straight on SQLite (the physical
 * limit). Server and raw rounds alternate and the best round of each counts,
 * so load from other processes on the machine skews the ratio less.
 * Also reports the server's RSS after the run, the mean number of pushes its
 * group commit carried, and the same push rounds on a server whose ledger
 * already holds 2 000 000 movements (ratio_at_2m: how the cost grows with it).
 */
export async function serverPush(): Promise<Record<string, number>> {
  const raw = openRawLedger(PRODUCTS);
  let started: TestTenant | null = null;
  let client: LeanClient | null = null;
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
    client = leanClient(tenant.server.url);
    const rounds = pushRounds(client, devices.map((d) => d.token), storeId, productIds);

    // Warm-up (JIT, statement caches, keep-alive connections), not timed, the same number of
    // batches on both sides (raw's ran above). The server path runs far more code than the raw
    // loop (HTTP, tRPC, validation): V8 keeps compiling it for its first ~1000 requests
    // (--trace-opt), so a short warm-up measured JIT work instead of the steady state.
    await rounds.run(WARM_UP_BATCHES_PER_DEVICE);

    const serverRates: number[] = [];
    const rawRates: number[] = [];
    const groupsBefore = await groupStats(tenant.server.url);
    for (let round = 0; round < ROUNDS; round++) {
      serverRates.push(await rounds.run(BATCHES_PER_DEVICE));
      rawRates.push(raw.run(DEVICES * BATCHES_PER_DEVICE, BATCH));
    }
    const groupsAfter = await groupStats(tenant.server.url);
    const rssMb = tenant.server.rssMb();
    const atLarge = await largeLedgerRate(rounds);
    client.close();
    client = null;
    await tenant.dispose();
    started = null;

    const serverRate = Math.max(...serverRates);
    const rawRate = Math.max(...rawRates);
    return {
      'server.push.movements_per_s': round(serverRate),
      'server.push.raw_sqlite_movements_per_s': round(rawRate),
      'server.push.ratio': round(serverRate / rawRate, 3),
      'server.push.ratio.target': 0.75,
      'server.push.group_size': round((groupsAfter.sum - groupsBefore.sum) / Math.max(1, groupsAfter.count - groupsBefore.count), 2),
      'server.rss_mb': round(rssMb, 1),
      'server.rss_mb.target': 200,
      ...atLarge,
    };
  } finally {
    client?.close();
    raw.close();
    await started?.dispose();
  }
}

/** Rounds of concurrent pushes: each device sends its batches one after another. */
function pushRounds(client: LeanClient, tokens: string[], storeId: string, productIds: string[]) {
  let cursor = 0;
  let ticket = uuidv7();
  // Tickets of 5 lines with time-ordered ids, as counters send them (the ticket index is part of the work).
  const batch = (): NewMovement[] =>
    Array.from({ length: BATCH }, () => {
      const n = cursor++;
      if (n % 5 === 0) ticket = uuidv7();
      return sale(storeId, productIds[n % productIds.length]!, 1, ticket);
    });
  return {
    /** Accepted movements per second of one round of `batches` pushes per device. */
    async run(batches: number): Promise<number> {
      const plans = tokens.map(() => Array.from({ length: batches }, batch));
      const t0 = performance.now();
      const accepted = await Promise.all(
        tokens.map(async (token, d) => {
          let n = 0;
          for (const rows of plans[d]!) n += pushedRows(await client.push(token, rows)).filter((m) => m.status === 'accepted').length;
          return n;
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const total = accepted.reduce((a, b) => a + b, 0);
      if (total !== tokens.length * batches * BATCH) throw new Error(`only ${total} of ${tokens.length * batches * BATCH} movements accepted`);
      return total / seconds;
    },
  };
}

async function groupStats(url: string): Promise<{ sum: number; count: number }> {
  return { sum: await metricValue(url, 'stockroom_write_group_size_sum'), count: await metricValue(url, 'stockroom_write_group_size_count') };
}

/**
 * The same push rounds against a server whose ledger already holds LARGE_LEDGER movements,
 * alternating with rounds on the small one (best of ROUNDS each), as server and raw alternate.
 */
async function largeLedgerRate(small: ReturnType<typeof pushRounds>): Promise<Record<string, number>> {
  if (LARGE_LEDGER <= 0) return {};
  const t0 = performance.now();
  const seeded = await seedLedger({ movements: LARGE_LEDGER, products: PRODUCTS, devices: DEVICES });
  process.stderr.write(`bench server.push: seeded ${LARGE_LEDGER} movements in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const client = leanClient(seeded.server.url);
  try {
    const rounds = pushRounds(client, seeded.tokens, seeded.storeId, seeded.productIds);
    await rounds.run(WARM_UP_BATCHES_PER_DEVICE);
    await small.run(BATCHES_PER_DEVICE); // its keep-alive connections were idle while seeding
    const rates: number[] = [];
    const smallRates: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      rates.push(await rounds.run(BATCHES_PER_DEVICE));
      smallRates.push(await small.run(BATCHES_PER_DEVICE));
    }
    const rate = Math.max(...rates);
    return {
      'server.push.at_2m_movements_per_s': round(rate),
      'server.push.ratio_at_2m': round(rate / Math.max(...smallRates), 3),
      'server.push.ratio_at_2m.target': 0.8,
    };
  } finally {
    client.close();
    await seeded.dispose();
  }
}

function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
