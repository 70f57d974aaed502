import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stockId, type DeviceIdentity, type MovementDoc, type StockDoc } from '../../shared/index.js';
import { applyMovements } from '../domain/apply-movements.js';
import { ensureTenant } from '../domain/bootstrap.js';
import { createPairingCode, redeemPairingCode } from '../domain/pairing.js';
import { openBackend, type Backend } from '../open-backend.js';
import { testBackends, useBackend } from '../test-support/backends.js';
import { movement, product } from '../test-support/harness.js';
import type { ChangeEvent } from '../domain/change-bus.js';
import type { PgStorage } from './pg-storage.js';
import type { Storage } from './storage.js';

/**
 * The storage contract (storage.ts), the same tests on every backend. "Instances" are separate
 * Storage objects on one database: on PostgreSQL, separate pools as separate servers would
 * hold; on SQLite one process holds the file, so both names are the same storage.
 */
describe.each(testBackends())('storage contract on %s', (backendName) => {
  const backend = useBackend(backendName);
  const open: Backend[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  /** n instances on one fresh database, the tenant made, one store, products p1 and p2. */
  async function instances(n: number) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-storage-'));
    dirs.push(dataDir);
    const databaseUrl = await backend.databaseUrl();
    const first = await openBackend({ dataDir, databaseUrl, feedPollMs: 300 });
    open.push(first);
    const backends: Backend[] = [first];
    for (let i = 1; i < n; i++) {
      if (!databaseUrl) backends.push(first);
      else {
        const b = await openBackend({ dataDir, databaseUrl, feedPollMs: 300 });
        open.push(b);
        backends.push(b);
      }
    }
    const all: Storage[] = backends.map((b) => b.storage);
    const { tenant } = await ensureTenant(first.storage, { timezone: 'UTC' });
    const storeId = (await first.storage.listStoreIds(tenant.id))[0]!;
    await first.storage.transaction(tenant.id, async (tx) => {
      for (const id of ['p1', 'p2']) {
        const p = { ...product(id), seq: await tx.nextSeq(tenant.id) };
        await tx.putProduct(tenant.id, p);
      }
    });
    const device: DeviceIdentity = { deviceId: 'd1', tenantId: tenant.id, role: 'staff', storeIds: [storeId] };
    return { all, backends, tenantId: tenant.id, storeId, device };
  }

  it('reports its kind, answers a ping, and every instance reads the same epoch', async () => {
    const { all } = await instances(2);
    expect(all[0]!.kind).toBe(backendName);
    await all[0]!.ping();
    expect(all[0]!.epoch()).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(all[1]!.epoch()).toBe(all[0]!.epoch());
  });

  it('stores the same documents and seqs: a tenant, its store and settings, then consecutive seqs in the order written', async () => {
    const { all, tenantId, storeId } = await instances(1);
    const s = all[0]!;
    // ensureTenant wrote the store (1) and settings (2); the products took 3 and 4.
    expect(await s.tenantSeq(tenantId)).toBe(4);
    const stores = await s.pull(tenantId, 'stores', 0, 10, { storeIds: null, movementsSince: 0 });
    expect(stores).toEqual([{ id: storeId, name: 'Main store', timezone: 'UTC', allowNegativeStock: false, seq: 1, _deleted: false }]);
    expect((await s.pull(tenantId, 'settings', 0, 10, { storeIds: null, movementsSince: 0 })).map((d) => d.seq)).toEqual([2]);
    const products = await s.pull(tenantId, 'products', 0, 10, { storeIds: null, movementsSince: 0 });
    expect(products).toEqual([{ ...product('p1'), seq: 3 }, { ...product('p2'), seq: 4 }]);
    expect(await s.pull(tenantId, 'products', 3, 10, { storeIds: null, movementsSince: 0 })).toHaveLength(1);
    expect(await s.pull(tenantId, 'stores', 0, 10, { storeIds: ['elsewhere'], movementsSince: 0 })).toEqual([]);
  });

  it('is all or nothing: a transaction that throws leaves no row and no seq behind', async () => {
    const { all, tenantId } = await instances(1);
    const s = all[0]!;
    await expect(s.transaction(tenantId, async (tx) => {
      await tx.putProduct(tenantId, { ...product('p3'), seq: await tx.nextSeq(tenantId) });
      throw new Error('refused');
    })).rejects.toThrow('refused');
    expect(await s.tenantSeq(tenantId)).toBe(4);
    expect(await s.pull(tenantId, 'products', 4, 10, { storeIds: null, movementsSince: 0 })).toEqual([]);
  });

  it('holds the tenant write lock from the first read to the commit: concurrent read-modify-writes lose nothing', async () => {
    const { all, tenantId, storeId } = await instances(2);
    const sid = stockId(storeId, 'p1');
    const bump = (s: Storage) => s.transaction(tenantId, async (tx) => {
      const row = await tx.getStock(tenantId, sid); // the read the write depends on
      const next: StockDoc = row
        ? { ...row, onHand: row.onHand + 1, seq: await tx.nextSeq(tenantId) }
        : { id: sid, storeId, productId: 'p1', onHand: 1, appliedSeq: 0, reorderPoint: null, criticalPoint: null, updatedAt: 1, seq: await tx.nextSeq(tenantId), _deleted: false };
      await tx.putStock(tenantId, next);
    });
    await Promise.all(Array.from({ length: 40 }, (_, i) => bump(all[i % all.length]!)));
    const [stock] = (await all[1]!.pull(tenantId, 'stock', 0, 10, { storeIds: null, movementsSince: 0 })) as StockDoc[];
    expect(stock!.onHand).toBe(40);
    expect(await all[0]!.tenantSeq(tenantId)).toBe(4 + 40);
  });

  it('sells the last units once across instances: 10 pushes of 5 sales for 25 units accept exactly 25', async () => {
    const { all, tenantId, storeId, device } = await instances(2);
    await all[0]!.transaction(tenantId, (tx) => applyMovements(tx, device, [movement(storeId, 'p1', { delta: 25 })], 1));
    const pushes = Array.from({ length: 10 }, (_, i) => all[i % 2]!.transaction(tenantId, (tx) =>
      applyMovements(tx, { ...device, deviceId: `d${i}` }, Array.from({ length: 5 }, () => movement(storeId, 'p1', { kind: 'sale', delta: -1 })), 2)));
    const results = await Promise.all(pushes);
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(25);
    expect(results.reduce((n, r) => n + r.rejected, 0)).toBe(25);
    const [stock] = (await all[0]!.pull(tenantId, 'stock', 0, 10, { storeIds: null, movementsSince: 0 })) as StockDoc[];
    expect(stock!.onHand).toBe(0);
    // Every accepted movement's balance is distinct: they were decided one after another.
    const balances = results.flatMap((r) => r.stored).filter((m) => m.status === 'accepted').map((m) => m.balanceAfter);
    expect(new Set(balances).size).toBe(25);
  });

  it('applies one movement id once when two instances get it at the same time; both answer the stored row', async () => {
    const { all, tenantId, storeId, device } = await instances(2);
    const m = movement(storeId, 'p1', { id: 'twice', delta: 7 });
    const [a, b] = await Promise.all(all.map((s) => s.transaction(tenantId, (tx) => applyMovements(tx, device, [m], 1))));
    expect(a!.stored[0]).toEqual(b!.stored[0]);
    expect(a!.accepted + b!.accepted).toBe(1);
    const moves = (await all[0]!.pull(tenantId, 'movements', 0, 10, { storeIds: null, movementsSince: 0 })) as MovementDoc[];
    expect(moves.map((x) => x.id)).toEqual(['twice']);
    const [stock] = (await all[1]!.pull(tenantId, 'stock', 0, 10, { storeIds: null, movementsSince: 0 })) as StockDoc[];
    expect(stock!.onHand).toBe(7);
  });

  it('redeems a pairing code once, whichever instances race for it', async () => {
    const { all, tenantId, storeId } = await instances(2);
    const { code } = await createPairingCode(all[0]!, { tenantId, role: 'staff', storeIds: [storeId] });
    const tries = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => redeemPairingCode(all[i % 2]!, code, `till ${i}`)));
    expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
    expect((await all[1]!.listDevices(tenantId)).filter((d) => d.name.startsWith('till'))).toHaveLength(1);
  });

  it('makes one tenant when instances start together on an empty database', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-storage-'));
    dirs.push(dataDir);
    const databaseUrl = await backend.databaseUrl();
    const backends = databaseUrl
      ? await Promise.all([0, 1, 2].map(() => openBackend({ dataDir, databaseUrl })))
      : [await openBackend({ dataDir })];
    open.push(...backends);
    const made = await Promise.all([0, 1, 2].map((i) => ensureTenant(backends[i % backends.length]!.storage)));
    expect(new Set(made.map((m) => m.tenant.id)).size).toBe(1);
    expect(made.filter((m) => m.ownerCode !== null)).toHaveLength(1);
  });

  /** Pushes through instance i and publishes as the router does, after the commit. */
  async function pushVia(b: Backend, tenantId: string, device: DeviceIdentity, rows: ReturnType<typeof movement>[]) {
    const r = await b.storage.transaction(tenantId, (tx) => applyMovements(tx, device, rows, Date.now()));
    b.feed.publish({ tenantId, collection: 'movements', documents: r.changed.movements });
    b.feed.publish({ tenantId, collection: 'stock', documents: r.changed.stock });
    return r;
  }

  function collect(b: Backend, tenantId: string) {
    const seen: ChangeEvent[] = [];
    const off = b.feed.subscribe(tenantId, (e) => seen.push(e));
    const until = async (pred: () => boolean, ms = 3_000) => {
      const deadline = Date.now() + ms;
      while (!pred()) {
        if (Date.now() > deadline) throw new Error(`not seen in ${ms} ms: ${JSON.stringify(seen.map((e) => [e.collection, e.documents.map((d) => d.seq)]))}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const ids = () => seen.flatMap((e) => e.documents.map((d) => `${e.collection}:${d.id}`));
    return { seen, off, until, ids };
  }

  it('feeds a write made through instance B to the streams of instance A within a second, in seq order, once', async () => {
    const { backends, tenantId, storeId, device } = await instances(2);
    const a = collect(backends[0]!, tenantId);
    await new Promise((r) => setTimeout(r, 100)); // the cursor reads where the tenant is
    const started = Date.now();
    await pushVia(backends[1]!, tenantId, device, [movement(storeId, 'p1', { id: 'via-b', delta: 3 })]);
    await a.until(() => a.ids().includes(`stock:${stockId(storeId, 'p1')}`), 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    await pushVia(backends[0]!, tenantId, device, [movement(storeId, 'p1', { id: 'via-a', delta: 1 })]);
    await pushVia(backends[1]!, tenantId, device, [movement(storeId, 'p2', { id: 'via-b2', delta: 1 })]);
    await a.until(() => a.ids().includes('movements:via-b2'));
    await new Promise((r) => setTimeout(r, 400)); // a poll round: nothing comes twice
    const seqs = a.seen.flatMap((e) => e.documents.map((d) => d.seq));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(a.ids().filter((id) => id.startsWith('movements:'))).toEqual(['movements:via-b', 'movements:via-a', 'movements:via-b2']);
    // Other collections take the same path (the wake-up names the collections a commit wrote).
    const doc = await backends[1]!.storage.transaction(tenantId, async (tx) => {
      const p9 = { ...product('p9'), seq: await tx.nextSeq(tenantId) };
      await tx.putProduct(tenantId, p9);
      return p9;
    });
    backends[1]!.feed.publish({ tenantId, collection: 'products', documents: [doc] });
    await a.until(() => a.ids().includes('products:p9'));
    a.off();
  });

  it.runIf(backendName === 'postgres')('delays, never loses, a change whose wake-up was lost (the LISTEN connection cut)', async () => {
    const { backends, all, tenantId, storeId, device } = await instances(2);
    const a = collect(backends[0]!, tenantId);
    await new Promise((r) => setTimeout(r, 100));
    const pg = all[0] as PgStorage;
    // Cut every LISTEN connection of the database: the NOTIFY of the next commit reaches no one.
    await pg.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'stockroom-listen' AND datname = current_database()");
    await backends[1]!.storage.transaction(tenantId, (tx) => applyMovements(tx, device, [movement(storeId, 'p1', { id: 'unheard', delta: 2 })], 1));
    await a.until(() => a.ids().includes('movements:unheard'), 5_000);
    a.off();
  });

  it('keeps the device rows: touch, health report, revoke', async () => {
    const { all, tenantId, storeId } = await instances(2);
    const { code } = await createPairingCode(all[0]!, { tenantId, role: 'staff', storeIds: [storeId] });
    const paired = await redeemPairingCode(all[0]!, code, 'till');
    await all[1]!.touchDevice(paired.deviceId, 500);
    await all[1]!.reportDeviceHealth(paired.deviceId, { pendingCount: 3, oldestPendingAt: 400 }, 600);
    expect(await all[0]!.getDevice(tenantId, paired.deviceId)).toMatchObject({ lastSeenAt: 500, pendingCount: 3, oldestPendingAt: 400, healthReportedAt: 600, revokedAt: null });
    expect(await all[0]!.revokeDevice(tenantId, paired.deviceId, 700)).toBe(true);
    expect(await all[1]!.revokeDevice(tenantId, paired.deviceId, 800)).toBe(false);
    expect((await all[1]!.getDevice(tenantId, paired.deviceId))!.revokedAt).toBe(700);
  });
});
