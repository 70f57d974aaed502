import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MovementDoc, StockDoc } from '../../shared/index.js';
import { createApi, pairDevice, problemOf, type Device } from '../support/client.js';
import { product, receipt, sale, type NewMovement } from '../support/docs.js';
import { ledgerViolations } from '../support/invariants.js';
import { postgresAvailable, startPgCluster, type PgCluster } from '../support/pg-cluster.js';
import { latestById, pullAll, pushMovements, pushProducts } from '../support/replication.js';
import { sleep } from '../support/random.js';
import { startServer, type ServerHandle } from '../support/server-process.js';
import { openStream } from '../support/stream.js';

/**
 * Issue 13's acceptance: two server instances on one PostgreSQL database, devices spread over
 * both. A real cluster (test/support/pg-cluster.ts), real server processes over HTTP.
 */
describe.runIf(postgresAvailable())('two server instances on one PostgreSQL database', () => {
  let cluster: PgCluster;
  let a: ServerHandle;
  let b: ServerHandle;
  let owner: Device;
  let storeId: string;
  const args = ['--rate-limit', '100000'];

  beforeAll(async () => {
    cluster = await startPgCluster({ own: true }); // stopped and started again below: not a shared one
    const databaseUrl = await cluster.createDatabase();
    a = await startServer({ databaseUrl, expectOwnerCode: true, args });
    b = await startServer({ databaseUrl, args });
    expect(b.ownerCode).toBeNull(); // one tenant, made by the first instance
    owner = await pairDevice(a.url, a.ownerCode!, 'owner-laptop');
    storeId = (await pullAll(owner.api, 'stores')).documents[0]!.id;
  });
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
    await cluster?.stop();
  });

  const instances = () => [a, b];
  /** Pairs through a code made on A, redeemed on instance `i % 2`: devices spread over both. */
  async function staff(n: number): Promise<Device[]> {
    return Promise.all(Array.from({ length: n }, async (_, i) => {
      const { code } = await owner.api.devices.createPairingCode.mutate({ role: 'staff', storeIds: [storeId] });
      return pairDevice(instances()[i % 2]!.url, code, `till-${i}`);
    }));
  }
  async function stocked(qty: number): Promise<string> {
    const p = product();
    await pushProducts(owner.api, [p]);
    await pushMovements(owner.api, [receipt(storeId, p.id, qty)]);
    return p.id;
  }
  /** The same device, talking to the other instance. */
  const onOther = (d: Device): Device => {
    const url = d.baseUrl === a.url ? b.url : a.url;
    return { ...d, baseUrl: url, api: createApi(url, d.token) };
  };

  it('/healthz names the database on both, and both serve the same data', async () => {
    for (const s of instances()) {
      const health = await (await fetch(`${s.url}/healthz`)).json() as { database: string; databaseOk: boolean };
      expect(health).toMatchObject({ database: 'postgres', databaseOk: true });
    }
    const viaB = createApi(b.url, owner.token);
    expect((await viaB.auth.whoami.query()).deviceId).toBe(owner.deviceId);
  });

  it('10 devices selling the last 25 units through both instances: exactly 25 accepted', async () => {
    const tills = await staff(10);
    const productId = await stocked(25);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => pushMovements(tills[i % 10]!.api, [sale(storeId, productId, 1)])));
    const outcomes = results.flat();
    expect(outcomes.filter((m) => m.status === 'accepted')).toHaveLength(25);
    expect(outcomes.filter((m) => m.status === 'rejected').every((m) => m.rejection?.code === 'insufficient-stock')).toBe(true);
    expect(outcomes.filter((m) => m.status === 'accepted').map((m) => m.balanceAfter).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    const stock = latestById((await pullAll(onOther(owner).api, 'stock')).documents).get(`${storeId}:${productId}`);
    expect(stock?.onHand).toBe(0);
  });

  it('the same movement pushed to both instances at once is applied once; both answer the stored row', async () => {
    const [till] = await staff(1);
    const productId = await stocked(10);
    for (let round = 0; round < 5; round++) {
      const m = sale(storeId, productId, 1);
      const [x, y] = await Promise.all([pushMovements(till!.api, [m]), pushMovements(onOther(till!).api, [m])]);
      expect(x).toEqual(y);
    }
    const movements = (await pullAll(owner.api, 'movements')).documents.filter((m) => m.productId === productId);
    expect(movements).toHaveLength(6);
    expect(latestById((await pullAll(owner.api, 'stock')).documents).get(`${storeId}:${productId}`)?.onHand).toBe(5);
  });

  it('a stream on instance A sees a push made through instance B within a second', async () => {
    const [listener] = await staff(1); // paired on A
    expect(listener!.baseUrl).toBe(a.url);
    const productId = await stocked(10);
    const tap = openStream(listener!.api, ['movements', 'stock']);
    try {
      const deadline = Date.now() + 10_000;
      while (!tap.states.includes('pending')) {
        if (Date.now() > deadline) throw new Error('stream never connected');
        await sleep(20);
      }
      await sleep(200);
      const viaB = createApi(b.url, owner.token);
      const m = sale(storeId, productId, 2);
      const started = Date.now();
      await pushMovements(viaB, [m]);
      await tap.waitFor((e) => e.kind === 'change' && e.collection === 'movements' && e.documents.some((d) => d.id === m.id), 1_000);
      expect(Date.now() - started).toBeLessThan(1_000);
      await tap.waitFor((e) => e.kind === 'change' && e.collection === 'stock' && e.documents.some((d) => d.id === `${storeId}:${productId}`), 1_000);
    } finally {
      tap.close();
    }
  });

  it('kill -9 of one instance mid-burst loses no acknowledged movement, and the other keeps serving', async () => {
    const tills = await staff(4); // two on A, two on B
    const [aUrl, bUrl] = [a.url, b.url]; // b's address, once b is gone
    const products = await Promise.all([0, 1, 2].map(() => stocked(400)));
    const acked = new Map<string, MovementDoc>();
    const unacked: NewMovement[][] = [];
    let ackedBatches = 0;
    let failedOnA = 0;
    const pushing = tills.map(async (till, d) => {
      for (let i = 0; i < 60; i++) {
        const batch = Array.from({ length: 5 }, (_, k) => sale(storeId, products[(d + i + k) % 3]!, 1));
        try {
          for (const m of await pushMovements(till.api, batch)) acked.set(m.id, m);
          ackedBatches++;
        } catch {
          unacked.push(batch);
          if (till.baseUrl === bUrl) return; // its instance is gone
          failedOnA++;
        }
      }
    });
    while (ackedBatches < 30) await sleep(2);
    await b.kill9();
    await Promise.all(pushing);
    expect(unacked.length).toBeGreaterThan(0);
    expect(tills.filter((t) => t.baseUrl === aUrl)).toHaveLength(2);
    // A kept serving: none of its devices' pushes failed, before, during or after the kill.
    expect(failedOnA).toBe(0);
    const movements = (await pullAll(owner.api, 'movements')).documents;
    const byId = latestById(movements);
    for (const [id, m] of acked) expect(byId.get(id), id).toEqual(m);
    // The devices of B retry through A: each batch applies once.
    for (const batch of unacked) {
      const first = await pushMovements(createApi(a.url, tills[0]!.token), batch);
      expect(await pushMovements(createApi(a.url, tills[1]!.token), batch)).toEqual(first);
    }
    const all = (await pullAll(owner.api, 'movements')).documents;
    const stock = [...latestById((await pullAll(owner.api, 'stock')).documents).values()] as StockDoc[];
    expect(ledgerViolations(all, stock)).toEqual([]);
    await b.restart();
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
  });

  it('a restart of PostgreSQL mid-burst: pushes fail with internal while it is down, nothing is half-applied, service resumes by itself', async () => {
    const [till] = await staff(1);
    const productId = await stocked(1_000);
    const acked = new Map<string, MovementDoc>();
    const failures: string[] = [];
    let stop = false;
    let pushes = 0;
    const pushing = (async () => {
      while (!stop) {
        const batch = Array.from({ length: 5 }, () => sale(storeId, productId, 1));
        try {
          for (const m of await pushMovements(till!.api, batch)) acked.set(m.id, m);
        } catch (err) {
          failures.push(problemOf(err)?.type ?? String(err));
          await sleep(50);
        }
        pushes++;
      }
    })();
    while (pushes < 10) await sleep(5);
    await cluster.stopServer();
    await sleep(1_000);
    const health = await fetch(`${a.url}/healthz`);
    expect(health.status).toBe(503);
    await cluster.startServer();
    // Service resumes by itself: a push succeeds again, on both instances, without restarting them.
    const deadline = Date.now() + 20_000;
    const before = acked.size;
    while (acked.size === before) {
      if (Date.now() > deadline) throw new Error(`pushes did not resume: ${failures.slice(-3).join(', ')}`);
      await sleep(50);
    }
    stop = true;
    await pushing;
    expect(failures.length).toBeGreaterThan(0);
    expect(new Set(failures)).toEqual(new Set(['internal']));
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
    const movements = (await pullAll(onOther(owner).api, 'movements')).documents;
    const byId = latestById(movements);
    for (const [id, m] of acked) expect(byId.get(id), id).toEqual(m);
    const stock = [...latestById((await pullAll(owner.api, 'stock')).documents).values()] as StockDoc[];
    expect(ledgerViolations(movements, stock)).toEqual([]);
  });
});
