/**
 * Adversarial sync of the real client (RxDB on fake-indexeddb, the pullers
 * and the movement pusher) against the REAL server: two tills sell scarce
 * stock over a transport that fails at random, delays, and loses responses
 * after the server applied the request; one till restarts mid-way. Once the
 * network is good again, every sale is on the server exactly once, no ledger
 * invariant is broken, and both tills show the server's verdicts and levels.
 * STOCKROOM_SEED=<n> replays a run.
 */
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockId, type MovementDoc } from '../../../shared/index.js';
import type { Device } from '../../../test/support/client.js';
import { ledgerViolations } from '../../../test/support/invariants.js';
import { randomInt, seededRandom, sleep } from '../../../test/support/random.js';
import { latestById, pullAll } from '../../../test/support/replication.js';
import { pairStaff, startStockedTenant, type TestTenant } from '../../../test/support/tenant.js';
import type { StockroomClient } from '../api.js';
import { eventually, openClient, realApi } from '../testing/harness.js';
import type { SyncApi } from '../wire/transport.js';

const SEED = Number(process.env.STOCKROOM_SEED ?? Date.now() % 1_000_000);
const SALES_PER_TILL = 14;

let tenant: TestTenant;
let storeId: string;
let productIds: string[];

beforeAll(async () => {
  ({ tenant, storeId, productIds } = await startStockedTenant(3, () => 6));
}, 120_000);

afterAll(async () => {
  await tenant?.dispose();
});

interface Mischief {
  on: boolean;
  /** Requests that never reached the server, and answers lost after the server applied the push. */
  dropped: number;
  lostAnswers: number;
}

/** The real API behind a network that misbehaves while `bad.on` is set; each device's first push loses its answer. */
function flakyApi(device: Device, rand: () => number, bad: Mischief): SyncApi {
  const base = realApi(device);
  let pushes = 0;
  const dropped = () => new TypeError('fetch failed (simulated)');
  const jitter = () => sleep(randomInt(rand, 0, 15));
  return {
    ...base,
    async pull(...args) {
      await jitter();
      if (bad.on && rand() < 0.25) {
        bad.dropped++;
        throw dropped();
      }
      return base.pull(...args);
    },
    async push(...args) {
      await jitter();
      if (bad.on && rand() < 0.25) {
        bad.dropped++;
        throw dropped();
      }
      const stored = await base.push(...args);
      // Applied by the server, but the answer never arrives: the client must send it again.
      if (bad.on && args[0] === 'movements' && (pushes++ === 0 || rand() < 0.25)) {
        bad.lostAnswers++;
        throw dropped();
      }
      return stored;
    },
  };
}

describe(`adversarial sync of two tills (seed ${SEED})`, { timeout: 120_000 }, () => {
  it('every sale reaches the server exactly once and both tills converge on its answer', async () => {
    const rand = seededRandom(SEED);
    const bad: Mischief = { on: true, dropped: 0, lostAnswers: 0 };
    const tills = await Promise.all([pairStaff(tenant, storeId, 'till-a'), pairStaff(tenant, storeId, 'till-b')]);
    const dbNames = ['adv-a', 'adv-b'].map((n) => `${n}${SEED}`);
    const open = (i: number) => openClient(tills[i]!, storeId, { api: flakyApi(tills[i]!, rand, bad), dbName: dbNames[i] });
    const clients: StockroomClient[] = [await open(0), await open(1)];
    const recorded: string[] = [];
    try {
      await Promise.all(clients.map((c) => c.whenInitialSyncDone()));
      for (let i = 0; i < SALES_PER_TILL; i++) {
        for (const c of clients) {
          const productId = productIds[randomInt(rand, 0, productIds.length - 1)]!;
          const r = await c.sell({ lines: [{ productId, qty: randomInt(rand, 1, 2) }] });
          recorded.push(...r.movementIds);
          await sleep(randomInt(rand, 0, 20));
        }
        // Till A restarts half-way, with sales possibly still on their way up.
        if (i === Math.floor(SALES_PER_TILL / 2)) {
          await clients[0]!.close();
          clients[0] = await open(0);
        }
      }

      bad.on = false;
      expect(bad.lostAnswers).toBeGreaterThanOrEqual(2); // the run did meet the failure it is about
      for (const c of clients) void c.syncNow();
      await eventually(() => clients.every((c) => c.getHealth().pendingCount === 0), 60_000, 'nothing pending on either till');

      // The server: each sale exactly once, the ledger consistent.
      const movements = (await pullAll(tenant.owner.api, 'movements')).documents;
      const stock = [...latestById((await pullAll(tenant.owner.api, 'stock')).documents).values()];
      expect(ledgerViolations(movements, stock)).toEqual([]);
      const onServer = latestById(movements);
      expect(recorded.filter((id) => !onServer.has(id))).toEqual([]);
      const accepted = [...onServer.values()].filter((m) => recorded.includes(m.id) && m.status === 'accepted');
      expect(accepted.length).toBeGreaterThan(0);

      // Both tills: the server's verdict for every sale, and the server's levels.
      for (const c of clients) {
        await eventually(async () => {
          const local = await firstValueFrom(c.movements$({ storeId, limit: 1000 }));
          const mine = local.filter((m: MovementDoc) => recorded.includes(m.id));
          return mine.every((m) => m.status === onServer.get(m.id)?.status) ? true : null;
        }, 30_000, 'local verdicts equal to the server’s');
        for (const productId of productIds) {
          const serverOnHand = stock.find((s) => s.id === stockId(storeId, productId))!.onHand;
          await eventually(() => c.levels.get(storeId, productId).level === serverOnHand, 30_000, `level of ${productId}`);
          expect(c.levels.get(storeId, productId).level).toBeGreaterThanOrEqual(0);
        }
      }
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });
});
