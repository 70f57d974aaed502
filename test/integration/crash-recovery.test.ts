import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, MovementDoc, StockDoc } from '../../shared/index.js';
import type { Device } from '../support/client.js';
import { sale, type NewMovement } from '../support/docs.js';
import { ledgerViolations } from '../support/invariants.js';
import { latestById, pullAll, pullPage, pushMovements, type PullResult } from '../support/replication.js';
import { randomInt, seededRandom, sleep } from '../support/random.js';
import { createProducts, pairStaff, startTenant, stockUp, type TestTenant } from '../support/tenant.js';

const DEVICES = 4;
const BATCHES_PER_DEVICE = 60;
const BATCH = 8;
const SEED = Number(process.env.STOCKROOM_SEED ?? 20240611);

describe('kill -9 during a burst of pushes', () => {
  let tenant: TestTenant;
  let tills: Device[];
  let productIds: string[];

  beforeAll(async () => {
    tenant = await startTenant({ args: ['--rate-limit', '100000'] });
    tills = await Promise.all(
      Array.from({ length: DEVICES }, (_, i) => pairStaff(tenant, tenant.defaultStoreId, `till-${i}`)),
    );
    productIds = (await createProducts(tenant.owner, 6)).map((p) => p.id);
    await stockUp(tenant.owner, tenant.defaultStoreId, productIds.map((id) => [id, 120] as [string, number]));
  });
  afterAll(async () => {
    await tenant?.dispose();
  });

  it('keeps every acknowledged movement exactly once, applies retries once, and pulls resume without gaps', async () => {
    const rand = seededRandom(SEED);
    const storeId = tenant.defaultStoreId;
    const plans: NewMovement[][][] = tills.map(() =>
      Array.from({ length: BATCHES_PER_DEVICE }, () =>
        Array.from({ length: BATCH }, () => sale(storeId, productIds[randomInt(rand, 0, productIds.length - 1)]!, randomInt(rand, 1, 3))),
      ),
    );

    const acked = new Map<string, MovementDoc>();
    const unacked: NewMovement[][] = [];
    let ackedBatches = 0;
    let devicesDone = 0;

    // An observer device pulls continuously during the burst, keeping its checkpoints.
    const observer = tenant.owner;
    const preCrashMovements: MovementDoc[] = [];
    const preCrashStock: StockDoc[] = [];
    let movementCp: Checkpoint | null = null;
    let stockCp: Checkpoint | null = null;
    let burstOver = false;
    const pulling = (async () => {
      while (!burstOver) {
        try {
          const m: PullResult<'movements'> = await pullPage(observer.api, 'movements', movementCp, 50);
          preCrashMovements.push(...m.documents);
          if (m.documents.length > 0) movementCp = m.checkpoint;
          const s: PullResult<'stock'> = await pullPage(observer.api, 'stock', stockCp, 50);
          preCrashStock.push(...s.documents);
          if (s.documents.length > 0) stockCp = s.checkpoint;
        } catch {
          return; // the server is gone; keep what was acknowledged
        }
      }
    })();

    const pushing = plans.map(async (batches, d) => {
      let i = 0;
      for (; i < batches.length; i++) {
        try {
          const stored = await pushMovements(tills[d]!.api, batches[i]!);
          for (const m of stored) acked.set(m.id, m);
          ackedBatches += 1;
        } catch {
          break; // connection refused / reset: this batch and the rest are un-acknowledged
        }
      }
      unacked.push(...batches.slice(i));
      devicesDone += 1;
    });

    // Kill while every device still has pushes in flight.
    while (ackedBatches < 40 && devicesDone < DEVICES) await sleep(2);
    expect(devicesDone, 'every device finished before the kill: make the burst longer').toBe(0);
    await tenant.server.kill9();
    await Promise.all(pushing);
    burstOver = true;
    await pulling;

    expect(acked.size).toBeGreaterThanOrEqual(40 * BATCH);
    expect(unacked.length).toBeGreaterThan(0);

    await tenant.server.restart();

    // 1. Every acknowledged movement is there exactly once, with the verdict the device was given.
    const afterRestart = (await pullAll(observer.api, 'movements')).documents;
    const byId = latestById(afterRestart);
    expect(byId.size).toBe(afterRestart.length);
    for (const [id, m] of acked) expect(byId.get(id)).toEqual(m);
    // Nothing half-applied: levels, balances and appliedSeq agree with the ledger.
    const stockNow = [...latestById((await pullAll(observer.api, 'stock')).documents).values()];
    expect(ledgerViolations(afterRestart, stockNow)).toEqual([]);

    // 2. Retrying the un-acknowledged batches (twice, as a flaky network might) applies each once.
    for (let i = 0; i < unacked.length; i++) {
      const device = tills[i % DEVICES]!;
      const first = await pushMovements(device.api, unacked[i]!);
      const second = await pushMovements(device.api, unacked[i]!);
      expect(second).toEqual(first);
    }
    const finalMovements = (await pullAll(observer.api, 'movements')).documents;
    const finalById = latestById(finalMovements);
    expect(finalById.size).toBe(finalMovements.length);
    const everyId = plans.flat(2).map((m) => m.id);
    for (const id of everyId) expect(finalById.has(id), id).toBe(true);
    const finalStock = [...latestById((await pullAll(observer.api, 'stock')).documents).values()];
    expect(ledgerViolations(finalMovements, finalStock)).toEqual([]);
    for (const s of finalStock) expect(s.onHand).toBeGreaterThanOrEqual(0);

    // 3. The observer resumes from its pre-crash checkpoints: no gaps, no duplicates.
    const resumedMovements = (await pullAll(observer.api, 'movements', movementCp)).documents;
    const incremental = [...preCrashMovements, ...resumedMovements];
    const seqs = incremental.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(new Set(incremental.map((m) => m.id)).size).toBe(incremental.length);
    expect(new Map(incremental.map((m) => [m.id, m]))).toEqual(finalById);

    const resumedStock = (await pullAll(observer.api, 'stock', stockCp)).documents;
    expect(latestById([...preCrashStock, ...resumedStock])).toEqual(latestById(finalStock));
  });
});
