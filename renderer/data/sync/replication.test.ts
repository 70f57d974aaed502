/**
 * Replication handlers against the REAL sync server (child process on
 * 127.0.0.1, temp SQLite dir): checkpointed pull, adoption of movement
 * verdicts, rejections not blocking later rows, retries on transport failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import type { MovementDoc } from '../../../shared/index.js';
import { pairStaff, pairWithRole, startStockedTenant, stockUp, type TestTenant } from '../../../test/support/tenant.js';
import type { Device } from '../../../test/support/client.js';
import { eventually, openClient, realApi } from '../testing/harness.js';
import { appStorage, openDatabase } from '../local/database.js';
import { databaseOf } from '../client.js';
import { toWire } from '../push/pusher.js';
import { startReplication, type ReplicationEvent } from './replication.js';
import type { SyncApi } from '../wire/transport.js';

let tenant: TestTenant;
let storeId: string;
let staff: Device;
let productIds: string[];

beforeAll(async () => {
  ({ tenant, storeId, productIds } = await startStockedTenant(23, (i) => i + 1));
  staff = await pairStaff(tenant, storeId, 'counter-1');
}, 120_000);

afterAll(async () => {
  await tenant?.dispose();
});

/** Wraps the real API to record calls (and optionally fail some). */
function recordingApi(base: SyncApi, failFirstPulls = 0) {
  const pulls: Array<{ collection: string; checkpoint: number | null; limit: number }> = [];
  let failures = failFirstPulls;
  const api: SyncApi = {
    ...base,
    async pull(collection, checkpoint, limit, signal) {
      if (failures > 0) {
        failures--;
        throw new TypeError('fetch failed (simulated network drop)');
      }
      pulls.push({ collection, checkpoint: checkpoint?.seq ?? null, limit });
      return base.pull(collection, checkpoint, limit, signal);
    },
  };
  return { api, pulls };
}

describe('replication against the real server', { timeout: 60_000 }, () => {
  it('pulls every collection page by page with ascending seq checkpoints', async () => {
    const { api, pulls } = recordingApi(realApi(staff));
    const client = await openClient(staff, storeId, { api });
    try {
      await client.whenInitialSyncDone();
      expect(client.catalog.size()).toBe(23);
      // Stock levels arrived: product i has level i+1.
      productIds.forEach((id, i) => expect(client.levels.get(storeId, id).level).toBe(i + 1));
      // Product pulls started from null and went on from the server's checkpoints, ascending.
      const productPulls = pulls.filter((p) => p.collection === 'products');
      expect(productPulls[0]!.checkpoint).toBeNull();
      const seqs = productPulls.map((p) => p.checkpoint ?? -1);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(client.getHealth().initialSync.running).toBe(false);
    } finally {
      await client.close();
    }
  });

  it('uses small batches when told and still gets everything (checkpoint continuation)', async () => {
    const { api, pulls } = recordingApi(realApi(staff));
    // Drive replication directly with a batch of 5 to force several pages.
    const db = await openDatabase({ name: `batch${Date.now()}`, storage: appStorage() });
    const rep = startReplication({
      db,
      api,
      identifier: 'test-batch',
      onEvent: () => undefined,
      pullBatchSize: 5,
      live: false,
      backoff: { baseMs: 10, maxMs: 50 },
    });
    try {
      await rep.awaitInitial();
      expect(await db.products.count().exec()).toBe(23);
      const productPulls = pulls.filter((p) => p.collection === 'products');
      expect(productPulls.length).toBeGreaterThanOrEqual(5); // 23 docs / 5 per page
      expect(productPulls.every((p) => p.limit === 5)).toBe(true);
      const seqs = productPulls.map((p) => p.checkpoint ?? -1);
      expect(new Set(seqs).size).toBe(seqs.length); // every page continued from a new checkpoint
    } finally {
      await rep.cancel();
      await db.close();
    }
  });

  it('a local write that fails fails that pull without skipping its page; the next pull gets everything', async () => {
    // The second bulk write of pulled products fails once (as a full disk would).
    let productWrites = 0;
    const base = appStorage();
    const storage = Object.assign({}, base, {
      async createStorageInstance(params: Parameters<typeof base.createStorageInstance>[0]) {
        const instance = await base.createStorageInstance(params);
        if (params.collectionName !== 'products') return instance;
        const bulkWrite = instance.bulkWrite.bind(instance);
        instance.bulkWrite = async (rows, context) => {
          if (context === 'stockroom-pull' && ++productWrites === 2) throw new Error('QuotaExceededError (simulated)');
          return bulkWrite(rows, context);
        };
        return instance;
      },
    });
    const db = await openDatabase({ name: `failwrite${Date.now()}`, storage });
    const rep = startReplication({
      db,
      api: realApi(staff),
      identifier: 'test-failwrite',
      onEvent: () => undefined,
      pullBatchSize: 5,
      live: false,
      collections: ['products'],
      backoff: { baseMs: 10, maxMs: 50 },
    });
    try {
      await expect(rep.awaitInitial()).rejects.toThrow(/QuotaExceeded/);
      expect(await db.products.count().exec()).toBe(5); // only the page before the failure
      rep.syncNow();
      await eventually(async () => (await db.products.count().exec()) === 23, 10_000, 'every product after the next pull');
    } finally {
      await rep.cancel();
      await db.close();
    }
  });

  it('adopts the server verdicts; a rejected sale does not block the sales behind it', async () => {
    const client = await openClient(staff, storeId);
    try {
      await client.whenInitialSyncDone();
      const scarce = productIds[2]!; // level 3
      const plenty = productIds[9]!; // level 10
      const first = await client.sell({ lines: [{ productId: scarce, qty: 5 }] });
      const second = await client.sell({ lines: [{ productId: plenty, qty: 2 }] });
      // Local-first: the projection shows the sales at once, before the server answers.
      expect(client.levels.get(storeId, plenty).level).toBe(8);

      const settled = await eventually(async () => {
        const list = await firstValueFrom(client.movements$({ storeId, limit: 10 }));
        const a = list.find((m) => m.id === first.movementIds[0]);
        const b = list.find((m) => m.id === second.movementIds[0]);
        return a && b && a.status !== 'pending' && b.status !== 'pending' ? { a, b } : null;
      }, 15_000, 'verdicts');
      expect(settled.a.status).toBe('rejected');
      expect(settled.a.rejection).toMatchObject({ code: 'insufficient-stock', requested: 5, available: 3 });
      expect(settled.b.status).toBe('accepted');
      expect(settled.b.ledgerSeq).toBeGreaterThan(0);
      expect(settled.b.balanceAfter).toBe(8);

      // The rejected one never counts; the accepted one is in the level exactly once.
      await eventually(() => client.levels.get(storeId, scarce).level === 3, 10_000, 'scarce level back to 3');
      await eventually(() => client.levels.get(storeId, plenty).level === 8 && client.levels.get(storeId, plenty).onHand === 8, 10_000, 'plenty synced');
      expect(client.levels.get(storeId, plenty).unappliedDelta).toBe(0);

      // It shows in the exceptions list with the server's numbers, until a recorded action resolves it.
      const exceptions = await firstValueFrom(client.exceptions$.pipe(filter((l) => l.length > 0)));
      expect(exceptions[0]!.movement.id).toBe(first.movementIds[0]);
      expect(exceptions[0]!.available).toBe(3);
      await client.count({ productId: scarce, countedQty: 3, resolves: first.movementIds[0]! });
      const after = await firstValueFrom(client.exceptions$);
      const history = await firstValueFrom(client.exceptionHistory$);
      expect(history[0]!.resolution).toMatchObject({ id: first.movementIds[0], resolution: 'counted' });
      expect(after.find((e) => e.movement.id === first.movementIds[0])).toBeUndefined();
      const stillRejected = await firstValueFrom(client.movements$({ storeId, status: 'rejected' }));
      expect(stillRejected.map((m) => m.id)).toContain(first.movementIds[0]);
      await eventually(() => client.getHealth().pendingCount === 0, 10_000, 'the count synced');
    } finally {
      await client.close();
    }
  });

  it('a movement the server refuses with a problem is isolated, reported once and never sent again', async () => {
    const pushed: string[][] = [];
    const base = realApi(staff);
    const api: SyncApi = {
      ...base,
      async push(collection, rows, signal) {
        if (collection === 'movements') pushed.push(rows.map((r) => String(r.newDocumentState.id)));
        return base.push(collection, rows, signal);
      },
    };
    const client = await openClient(staff, storeId, { api });
    try {
      await client.whenInitialSyncDone();
      const before = await client.sell({ lines: [{ productId: productIds[12]!, qty: 1 }] });
      // What an older app version or a corrupt import could leave behind: a product the server never had.
      const bad = { ...(await firstValueFrom(client.movements$({ storeId, limit: 1 })))[0]!, id: '01a00000-0000-7000-8000-00000000bad1', productId: '01a00000-0000-7000-8000-0000000000aa', ticketId: null, status: 'pending' as const, ledgerSeq: null, serverTime: null, balanceAfter: null, rejection: null, seq: 0, clientTime: Date.now() };
      await databaseOf(client).movements.insert(bad);
      const after = await client.sell({ lines: [{ productId: productIds[13]!, qty: 1 }] });

      const verdicts = await eventually(async () => {
        const list = await firstValueFrom(client.movements$({ storeId, limit: 20 }));
        const ids = [before.movementIds[0], after.movementIds[0]];
        const done = list.filter((m) => ids.includes(m.id) && m.status === 'accepted');
        return done.length === 2 && client.getHealth().pendingCount === 0 ? done : null;
      }, 15_000, 'the good sales accepted and nothing pending');
      expect(verdicts).toHaveLength(2);
      const exceptions = await firstValueFrom(client.exceptions$.pipe(filter((l) => l.some((e) => e.movement.id === bad.id))));
      expect(exceptions.find((e) => e.movement.id === bad.id)!.message).toMatch(/does not exist/);

      // "Sync now" and another sale: the refused row is not sent again.
      const sentBad = pushed.flat().filter((id) => id === bad.id).length;
      client.syncNow();
      const third = await client.sell({ lines: [{ productId: productIds[14]!, qty: 1 }] });
      await eventually(() => pushed.flat().includes(third.movementIds[0]!), 10_000, 'the next sale pushed');
      expect(pushed.flat().filter((id) => id === bad.id).length).toBe(sentBad);
      expect(client.levels.get(storeId, productIds[12]!).level).toBe(12);
    } finally {
      await client.close();
    }
  });

  it('retries transport failures with growing backoff, then syncs', async () => {
    const { api } = recordingApi(realApi(staff), 4);
    const events: ReplicationEvent[] = [];
    const db = await openDatabase({ name: `retry${Date.now()}`, storage: appStorage() });
    const rep = startReplication({
      db,
      api,
      identifier: 'test-retry',
      onEvent: (e) => events.push(e),
      live: false,
      collections: ['products'],
      backoff: { baseMs: 20, maxMs: 1000, random: () => 0.999 },
    });
    try {
      await rep.awaitInitial();
      expect(await db.products.count().exec()).toBe(23);
      const failures = events.filter((e) => e.type === 'transport-error');
      expect(failures.map((e) => (e as { attempt: number }).attempt)).toEqual([0, 1, 2, 3]);
      const delays = failures.map((e) => (e as { delayMs: number }).delayMs);
      for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThan(delays[i - 1]!);
      expect(events.some((e) => e.type === 'transport-ok')).toBe(true);
    } finally {
      await rep.cancel();
      await db.close();
    }
  });

  it('receives other devices\' changes live through the SSE stream', async () => {
    const client = await openClient(staff, storeId);
    try {
      await client.whenInitialSyncDone();
      const target = productIds[5]!; // level 6 (may have been sold before: read it)
      const before = client.levels.get(storeId, target).onHand;
      await stockUp(tenant.owner, storeId, [[target, 4]]);
      await eventually(() => client.levels.get(storeId, target).onHand === before + 4, 10_000, 'stream update');
      await eventually(async () => {
        const movements: MovementDoc[] = await firstValueFrom(client.movements$({ storeId, productId: target }));
        return movements.some((m) => m.kind === 'receipt' && m.delta === 4 && m.status === 'accepted');
      }, 10_000, 'receipt movement streamed');
    } finally {
      await client.close();
    }
  });

  it('catalog edits: field-wise merge, the loser is told, non-conflicting fields survive', async () => {
    const manager = await pairWithRole(tenant, 'owner', [storeId], 'back-office');
    // Pushes wait at a gate so the server can change the product meanwhile.
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const base = realApi(manager);
    const api: SyncApi = { ...base, push: async (...args) => (await gate, base.push(...args)) };
    const client = await openClient(manager, storeId, { api });
    try {
      await client.whenInitialSyncDone();
      const id = productIds[7]!;
      const before = client.catalog.get(id)!;
      await client.upsertProduct({ ...before, name: 'Renamed here', priceCents: 999 });
      expect(client.catalog.get(id)!.name).toBe('Renamed here'); // local first
      // Another device renames it on the server first.
      const serverSide = toWire(before as unknown as Record<string, unknown>)!;
      const conflicts = await realApi(tenant.owner).push('products', [
        { assumedMasterState: serverSide, newDocumentState: { ...serverSide, name: 'Renamed there', updatedAt: Date.now() } },
      ]);
      expect(conflicts).toEqual([]); // taken as sent
      open();
      const notices = await firstValueFrom(client.notices$.pipe(filter((n) => n.length > 0)));
      expect(notices[0]).toMatchObject({ collection: 'products', docId: id });
      expect(notices[0]!.fields).toEqual(['name']);
      await eventually(() => client.catalog.get(id)!.name === 'Renamed there', 10_000, 'server name adopted');
      expect(client.catalog.get(id)!.priceCents).toBe(999); // my other change survived
      const onServer = (await realApi(tenant.owner).pull('products', null, 5000)).documents.find((d) => d.id === id)!;
      expect(onServer).toMatchObject({ name: 'Renamed there', priceCents: 999 });
    } finally {
      open();
      await client.close();
    }
  });
  it('catalog edits made while pushes are under way all reach the server', async () => {
    const manager = await pairWithRole(tenant, 'owner', [storeId], 'back-office-2');
    // Slow, jittery pushes so flushes keep overlapping the local writes.
    const base = realApi(manager);
    const api: SyncApi = {
      ...base,
      push: async (...args) => {
        await new Promise((r) => setTimeout(r, Math.random() * 15));
        return base.push(...args);
      },
    };
    const client = await openClient(manager, storeId, { api });
    try {
      await client.whenInitialSyncDone();
      const ids = productIds.slice(0, 12);
      const finalName = (id: string) => `Final ${id.slice(-6)}`;
      // One chain of renames per product, all chains at once.
      await Promise.all(
        ids.map(async (id, p) => {
          for (let round = 1; round <= 4; round++) {
            const name = round === 4 ? finalName(id) : `Round ${round} of ${p}`;
            await client.upsertProduct({ ...client.catalog.get(id)!, name });
            await new Promise((r) => setTimeout(r, Math.random() * 10));
          }
        }),
      );
      await eventually(
        async () => {
          const docs = (await realApi(tenant.owner).pull('products', null, 5000)).documents;
          return ids.every((id) => docs.find((d) => d.id === id)?.name === finalName(id));
        },
        15_000,
        'every final name on the server',
      ).catch(async (e) => {
        const docs = (await realApi(tenant.owner).pull('products', null, 5000)).documents;
        console.log('local vs server names', ids.map((id) => [client.catalog.get(id)?.name, docs.find((d) => d.id === id)?.name]));
        console.log('outbox rows left', (await databaseOf(client).outbox.find().exec()).map((d) => d.toJSON()));
        throw e;
      });
    } finally {
      await client.close();
    }
  });
});
