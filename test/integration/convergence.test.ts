import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LIMITS,
  projectLevel,
  stockId,
  type Checkpoint,
  type MovementDoc,
  type StockDoc,
} from '../../shared/index.js';
import type { Device } from '../support/client.js';
import { adjustment, count, movement, receipt, sale, type NewMovement } from '../support/docs.js';
import { ledgerViolations } from '../support/invariants.js';
import { latestById, localDigest, pullAll, pushMovements } from '../support/replication.js';
import { withTransportRetry } from '../support/retry.js';
import { randomInt, seededRandom, shuffle, sleep } from '../support/random.js';
import { createProducts, createStore, pairWithRole, startTenant, stockUp, type TestTenant } from '../support/tenant.js';

const SEED = Number(process.env.STOCKROOM_SEED ?? Date.now() % 1_000_000);
const MOVEMENTS_PER_DEVICE = 70;
const PRODUCTS = 10;

/** A simulated device: a local replica of stock plus the movements it recorded offline. */
class SimDevice {
  stock = new Map<string, StockDoc>();
  stockCp: Checkpoint | null = null;
  outbox: NewMovement[] = [];
  outcomes = new Map<string, MovementDoc>();

  constructor(readonly device: Device) {}

  async pullStock(): Promise<void> {
    const page = await withTransportRetry(() => pullAll(this.device.api, 'stock', this.stockCp));
    for (const s of page.documents) this.stock.set(s.id, s);
    this.stockCp = page.checkpoint;
  }

  /** The level this device shows for a store × product (DESIGN §5 projection). */
  projected(storeId: string, productId: string): number {
    const mine = [
      ...this.outbox.filter((m) => !this.outcomes.has(m.id)).map((m) => ({ ...m, status: 'pending' as const, ledgerSeq: null })),
      ...this.outcomes.values(),
    ].filter((m) => m.storeId === storeId && m.productId === productId);
    return projectLevel(this.stock.get(stockId(storeId, productId)) ?? null, mine);
  }
}

describe('convergence: devices selling offline, pushing through a server restart', () => {
  let tenant: TestTenant;
  let storeIds: string[];
  let productIds: string[];
  let sims: SimDevice[];

  beforeAll(async () => {
    tenant = await startTenant({ args: ['--rate-limit', '100000'] });
    const storeB = await createStore(tenant.owner, 'Branch B');
    storeIds = [tenant.defaultStoreId, storeB.id];
    productIds = (await createProducts(tenant.owner, PRODUCTS)).map((p) => p.id);
    for (const storeId of storeIds) await stockUp(tenant.owner, storeId, productIds.map((id) => [id, 40] as [string, number]));
    // 8 devices: 4 tills in store A, 3 in store B, and a manager covering both.
    const devices = await Promise.all([
      ...[0, 1, 2, 3].map((i) => pairWithRole(tenant, 'staff', [storeIds[0]!], `a-till-${i}`)),
      ...[0, 1, 2].map((i) => pairWithRole(tenant, 'staff', [storeIds[1]!], `b-till-${i}`)),
      pairWithRole(tenant, 'manager', storeIds, 'manager'),
    ]);
    sims = devices.map((d) => new SimDevice(d));
    await Promise.all(sims.map((s) => s.pullStock()));
  });
  afterAll(async () => {
    await tenant?.dispose();
  });

  it(`every device and the server agree and the ledger holds (seed ${SEED})`, async () => {
    const rand = seededRandom(SEED);

    // 1. Offline: each device records movements against its own (stale) view.
    for (const sim of sims) {
      for (let i = 0; i < MOVEMENTS_PER_DEVICE; i++) {
        const storeId = sim.device.storeIds[randomInt(rand, 0, sim.device.storeIds.length - 1)]!;
        const productId = productIds[randomInt(rand, 0, productIds.length - 1)]!;
        const roll = rand();
        let m: NewMovement;
        const earlierSales = sim.outbox.filter((x) => x.kind === 'sale');
        if (roll < 0.65) m = sale(storeId, productId, randomInt(rand, 1, 4), `T-${sim.device.name}-${i}`);
        else if (roll < 0.72 && earlierSales.length > 0) {
          // A return of (part of) an earlier line — sometimes more than is left of it, or twice.
          const line = earlierSales[randomInt(rand, 0, earlierSales.length - 1)]!;
          m = movement({ storeId: line.storeId, productId: line.productId, kind: 'void', delta: randomInt(rand, 1, -line.delta), ticketId: line.ticketId, reason: 'returned' });
        } else if (roll < 0.74) m = receipt(storeId, productId, 600_000_000); // a typo of a delivery: the second one leaves the range
        else if (roll < 0.85) m = receipt(storeId, productId, randomInt(rand, 1, 10));
        else if (roll < 0.93) {
          // What a device may send: levels in the schema's range (the offline view may be past it).
          const expected = Math.max(-LIMITS.quantity, Math.min(LIMITS.quantity, sim.projected(storeId, productId)));
          m = count(storeId, productId, Math.min(LIMITS.quantity, Math.max(0, expected + randomInt(rand, -3, 2))), expected);
        } else m = adjustment(storeId, productId, randomInt(rand, 0, 1) ? -1 : 2, 'damaged in transit');
        sim.outbox.push(m);
      }
    }
    // Each kind of refusal at least once: a line returned twice, a delivery typed twice past the range.
    const first = sims[0]!;
    const line = first.outbox.find((x) => x.kind === 'sale')!;
    const ret = () => movement({ storeId: line.storeId, productId: line.productId, kind: 'void', delta: -line.delta, ticketId: line.ticketId, reason: 'returned' });
    first.outbox.push(ret(), ret(), receipt(line.storeId, line.productId, 600_000_000), receipt(line.storeId, line.productId, 600_000_000));

    // 2. Online again: random batches, random interleaving, a SIGTERM restart in the middle.
    const plans = sims.map((sim) => {
      const batches: NewMovement[][] = [];
      for (let i = 0; i < sim.outbox.length; ) {
        const n = randomInt(rand, 1, 15);
        batches.push(sim.outbox.slice(i, i + n));
        i += n;
      }
      return batches;
    });
    const totalBatches = plans.reduce((n, b) => n + b.length, 0);
    let acked = 0;
    let retries = 0;
    let restarted = false;
    const restart = (async () => {
      while (acked < totalBatches / 2) await sleep(5);
      await tenant.server.restart();
      restarted = true;
    })();
    await Promise.all(
      sims.map(async (sim, d) => {
        for (const batch of plans[d]!) {
          await sleep(randomInt(rand, 0, 8));
          // Some devices resend a batch they already sent (a lost response, from their point of view).
          const times = rand() < 0.15 ? 2 : 1;
          for (let t = 0; t < times; t++) {
            const stored = await withTransportRetry(() => pushMovements(sim.device.api, batch), () => (retries += 1));
            expect(stored.map((m) => m.id)).toEqual(batch.map((m) => m.id));
            for (const m of stored) {
              const previous = sim.outcomes.get(m.id);
              if (previous) expect(m).toEqual(previous);
              sim.outcomes.set(m.id, m);
            }
          }
          acked += 1;
        }
      }),
    );
    await restart;
    expect(restarted).toBe(true);
    // The restart really hit devices mid-push (they saw transport failures and retried).
    expect(retries).toBeGreaterThan(0);

    // 3. Every device pulls to the end (incrementally, from where it was) and proves convergence.
    for (const sim of shuffle(rand, sims)) {
      await sim.pullStock();
      for (const storeId of sim.device.storeIds) {
        const server = await sim.device.api.replication.digest.query({ storeId });
        expect(localDigest(sim.stock.values(), storeId), `${sim.device.name} ${storeId}`).toBe(server.digest);
        // Synced: the projected level is the server's level exactly.
        for (const productId of productIds) {
          expect(sim.projected(storeId, productId)).toBe(sim.stock.get(stockId(storeId, productId))?.onHand);
        }
      }
    }

    // 4. The ledger invariants over the whole tenant.
    const movements = (await pullAll(tenant.owner.api, 'movements')).documents;
    const stock = [...latestById((await pullAll(tenant.owner.api, 'stock')).documents).values()];
    expect(ledgerViolations(movements, stock)).toEqual([]);
    const expectedIds = new Set(sims.flatMap((s) => s.outbox.map((m) => m.id)));
    const pushedBack = movements.filter((m) => expectedIds.has(m.id));
    expect(pushedBack).toHaveLength(expectedIds.size);
    for (const sim of sims) for (const [id, outcome] of sim.outcomes) expect(pushedBack.find((m) => m.id === id)).toEqual(outcome);
    const rejected = pushedBack.filter((m) => m.status === 'rejected');
    const codes = new Set(rejected.map((m) => `${m.kind}:${m.rejection?.code}`));
    for (const c of codes) expect(['sale:insufficient-stock', 'adjustment:insufficient-stock', 'void:invalid-void', 'receipt:out-of-range', 'sale:out-of-range', 'adjustment:out-of-range']).toContain(c);
    // The interleaving produced each kind of refusal it was built for.
    expect(codes).toContain('void:invalid-void');
    expect(codes).toContain('receipt:out-of-range');
    // Neither store allows negative stock: only a count can take a level below zero.
    for (const s of stock.filter((row) => row.onHand < 0)) {
      const counts = movements.filter((m) => m.kind === 'count' && m.status === 'accepted' && stockId(m.storeId, m.productId) === s.id);
      expect(counts.length, `${s.id} is negative without a count`).toBeGreaterThan(0);
    }
  });
});
