import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProductDoc, StockDoc, StoreDoc } from '../../../shared/index.js';
import { sha256 } from '../../domain/tokens.js';
import { testBackends, useBackend } from '../../test-support/backends.js';
import { makeHarness, movement, problemOf, product, pushRows } from '../../test-support/harness.js';

describe.each(testBackends())('on %s', (backendName) => {
  const backend = useBackend(backendName);

  describe('catalog merge, scopes and pull', () => {
    let h: Awaited<ReturnType<typeof makeHarness>>;
    beforeEach(async () => {
      h = await makeHarness({ databaseUrl: await backend.databaseUrl() });
    });
    afterEach(() => h.cleanup());

    it('merges products field by field; the server wins a same-field conflict and says so', async () => {
      const owner = await h.pair('owner', []);
      const manager = await h.pair('manager');
      const base = product('p1', { name: 'Tea', priceCents: 100 });
      expect(await owner.api.replication.push({ collection: 'products', rows: pushRows([base]) })).toEqual([]);
      const master = (await owner.api.replication.pull({ collection: 'products', checkpoint: null, limit: 10 })).documents[0] as ProductDoc;
      // Owner renames, manager (from the same base) changes price and name.
      await owner.api.replication.push({ collection: 'products', rows: [{ assumedMasterState: master, newDocumentState: { ...master, name: 'Green tea' } }] });
      const conflicts = (await manager.api.replication.push({
        collection: 'products',
        rows: [{ assumedMasterState: master, newDocumentState: { ...master, name: 'Black tea', priceCents: 250 } }],
      })) as ProductDoc[];
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ name: 'Green tea', priceCents: 250 });
      // A non-conflicting edit is taken as sent: no conflict.
      const now = conflicts[0]!;
      expect(await manager.api.replication.push({ collection: 'products', rows: [{ assumedMasterState: now, newDocumentState: { ...now, costCents: 70 } }] })).toEqual([]);
    });

    it('stock pushes change thresholds only and create missing rows with onHand 0', async () => {
      const owner = await h.pair('owner', []);
      await owner.api.replication.push({ collection: 'products', rows: pushRows([product('p1')]) });
      const manager = await h.pair('manager');
      const id = `${h.mainStoreId}:p1`;
      const sent = { id, storeId: h.mainStoreId, productId: 'p1', onHand: 99, appliedSeq: 0, reorderPoint: 5, criticalPoint: 2, updatedAt: 1, _deleted: false };
      const conflicts = (await manager.api.replication.push({ collection: 'stock', rows: pushRows([sent]) })) as StockDoc[];
      expect(conflicts).toEqual([expect.objectContaining({ id, onHand: 0, reorderPoint: 5, criticalPoint: 2 })]);
      expect((await problemOf(manager.api.replication.push({ collection: 'stock', rows: pushRows([{ ...sent, id: `${h.mainStoreId}:zz`, productId: 'zz' }]) }))).type).toBe('unknown-product');
    });

    it('enforces role and store scope', async () => {
      const owner = await h.pair('owner', []);
      await owner.api.replication.push({ collection: 'stores', rows: pushRows([{ id: 's2', name: 'Other', timezone: 'UTC', allowNegativeStock: false, _deleted: false }]) });
      await owner.api.replication.push({ collection: 'products', rows: pushRows([product('p1')]) });
      await owner.api.replication.push({ collection: 'movements', rows: pushRows([movement('s2', 'p1', { delta: 4 }), movement(h.mainStoreId, 'p1', { delta: 1 })]) });
      const staff = await h.pair('staff');
      expect((await problemOf(staff.api.replication.push({ collection: 'products', rows: pushRows([product('p9')]) }))).type).toBe('forbidden');
      const manager = await h.pair('manager');
      expect((await problemOf(manager.api.replication.push({ collection: 'stores', rows: pushRows([{ id: 's3', name: 'X', timezone: 'UTC', allowNegativeStock: false, _deleted: false }]) }))).type).toBe('forbidden');
      const pull = async (collection: 'stores' | 'stock' | 'movements' | 'products') =>
        (await staff.api.replication.pull({ collection, checkpoint: null, limit: 100 })).documents;
      // The store list is the tenant's directory (transfers name the other end); what a store holds is scoped.
      expect(((await pull('stores')) as StoreDoc[]).map((s) => s.id).sort()).toEqual([h.mainStoreId, 's2'].sort());
      expect(((await pull('stock')) as StockDoc[]).map((s) => s.storeId)).toEqual([h.mainStoreId]);
      expect(await pull('movements')).toHaveLength(1);
      expect(await pull('products')).toHaveLength(1);
      expect(await owner.api.replication.pull({ collection: 'stock', checkpoint: null, limit: 100 }).then((r) => r.documents.length)).toBe(2);
      expect((await problemOf(staff.api.replication.digest({ storeId: 's2' }))).type).toBe('forbidden-store');
      expect((await problemOf(staff.api.devices.list())).type).toBe('forbidden');
    });

    it('pulls ascending by seq with checkpoints and a history window for movements', async () => {
      const owner = await h.pair('owner', []);
      await owner.api.replication.push({ collection: 'products', rows: pushRows(Array.from({ length: 25 }, (_, i) => product(`p${i}`))) });
      const seen: string[] = [];
      let checkpoint: { seq: number } | null = null;
      for (;;) {
        const page: { documents: unknown[]; checkpoint: { seq: number } } = await owner.api.replication.pull({ collection: 'products', checkpoint, limit: 10 });
        if (page.documents.length === 0) {
          expect(page.checkpoint).toEqual(checkpoint);
          break;
        }
        seen.push(...(page.documents as ProductDoc[]).map((d) => d.id));
        checkpoint = page.checkpoint;
      }
      expect(seen).toHaveLength(25);
      await owner.api.replication.push({ collection: 'movements', rows: pushRows([movement(h.mainStoreId, 'p1')]) });
      const later = h.caller(owner.token, { now: () => Date.now() + 61 * 86_400_000 });
      expect((await later.replication.pull({ collection: 'movements', checkpoint: null, limit: 10 })).documents).toHaveLength(0);
      const history = await later.reports.movementHistory({ storeId: h.mainStoreId, productId: 'p1', limit: 10 });
      expect(history.movements).toHaveLength(1);
    });

    it('starts a pull again from the beginning (reset) for a checkpoint of another epoch or past the tenant\'s seq', async () => {
      const owner = await h.pair('owner', []);
      await owner.api.replication.push({ collection: 'products', rows: pushRows([product('p1'), product('p2')]) });
      const first = await owner.api.replication.pull({ collection: 'products', checkpoint: null, limit: 10 });
      expect(first).toMatchObject({ checkpoint: { epoch: h.storage.epoch() } });
      expect('reset' in first).toBe(false);
      const same = await owner.api.replication.pull({ collection: 'products', checkpoint: first.checkpoint, limit: 10 });
      expect(same.documents).toEqual([]);
      const foreign = await owner.api.replication.pull({ collection: 'products', checkpoint: { ...first.checkpoint, epoch: 'restored-elsewhere' }, limit: 10 });
      expect(foreign).toMatchObject({ reset: true, documents: first.documents });
      // A protocol-1 device sends no epoch: a seq the tenant never reached still resets it.
      const beyond = await owner.api.replication.pull({ collection: 'products', checkpoint: { seq: 1_000_000 }, limit: 10 });
      expect(beyond).toMatchObject({ reset: true });
      expect(beyond.documents).toHaveLength(2);
    });

    it('rejects bad inputs with invalid-input and a bounded list of issues', async () => {
      const staff = await h.pair('staff');
      const p = await problemOf(staff.api.replication.pull({ collection: 'nope' as 'stock', checkpoint: null, limit: 999_999 }));
      expect(p.type).toBe('invalid-input');
      expect((p.issues as unknown[]).length).toBeGreaterThanOrEqual(2);
      const bad = movement(h.mainStoreId, 'p1', { kind: 'sale', delta: 5 });
      expect((await problemOf(staff.api.replication.push({ collection: 'movements', rows: pushRows([bad]) }))).type).toBe('invalid-input');
      expect((await problemOf(h.caller('garbage').auth.whoami())).type).toBe('unauthenticated');
      expect((await problemOf(h.caller(staff.token, { protocolHeader: '7' }).health())).type).toBe('invalid-input');
      expect((await h.caller(staff.token, { protocolHeader: '1' }).health()).ok).toBe(true);
      expect((await problemOf(h.caller(staff.token, { protocolHeader: '0' }).health())).type).toBe('invalid-input');
    });
  });

  describe('pairing and devices', () => {
    let h: Awaited<ReturnType<typeof makeHarness>>;
    beforeEach(async () => {
      h = await makeHarness({ databaseUrl: await backend.databaseUrl() });
    });
    afterEach(() => h.cleanup());

    it('pairs once with the owner code; wrong, used and expired codes are unauthenticated', async () => {
      const anon = h.caller(null);
      const owner = await anon.auth.pair({ code: h.ownerCode.toLowerCase(), deviceName: 'Till 1' });
      expect(owner.role).toBe('owner');
      expect(owner.storeIds).toEqual([h.mainStoreId]);
      expect((await problemOf(anon.auth.pair({ code: h.ownerCode, deviceName: 'again' }))).type).toBe('unauthenticated');
      expect((await problemOf(anon.auth.pair({ code: 'WRONG-CODE1', deviceName: 'x' }))).type).toBe('unauthenticated');
      const ownerApi = h.caller(owner.token);
      const { code } = await ownerApi.devices.createPairingCode({ role: 'staff', storeIds: [h.mainStoreId] });
      const expired = h.caller(null, { now: () => Date.now() + 2 * 86_400_000 });
      expect((await problemOf(expired.auth.pair({ code, deviceName: 'late' }))).detail).toMatch(/expired/);
      expect((await problemOf(ownerApi.devices.createPairingCode({ role: 'staff', storeIds: ['nope'] }))).type).toBe('unknown-store');
      const who = await ownerApi.auth.whoami();
      expect(who).toMatchObject({ deviceId: owner.deviceId, deviceName: 'Till 1', currency: 'USD', role: 'owner' });
    });

    it('revoked devices are refused', async () => {
      const owner = await h.pair('owner', []);
      const staff = await h.pair('staff');
      expect((await owner.api.devices.list()).map((d) => d.deviceId)).toContain(staff.deviceId);
      await owner.api.devices.revoke({ deviceId: staff.deviceId });
      expect((await problemOf(staff.api.auth.whoami())).type).toBe('unauthenticated');
      // The token itself is never stored.
      // The token itself is never stored: only its hash finds the device.
      expect(await h.storage.findDeviceByTokenHash(staff.token)).toBeNull();
      expect((await h.storage.findDeviceByTokenHash(sha256(staff.token)))?.id).toBe(staff.deviceId);
    });
  });

  describe('stream', () => {
    it('emits visible changes as tracked events and RESYNC first after a reconnect', async () => {
      const h = await makeHarness({ databaseUrl: await backend.databaseUrl() });
      try {
        const owner = await h.pair('owner', []);
        await owner.api.replication.push({ collection: 'products', rows: pushRows([product('p1')]) });
        const staff = await h.pair('staff');
        const ac = new AbortController();
        const iterable = await h.caller(staff.token, {}, ac.signal).replication.stream({ collections: ['stock', 'movements'], lastEventId: '5' });
        const it = (iterable as AsyncIterable<unknown>)[Symbol.asyncIterator]();
        const first = await it.next();
        expect(JSON.stringify(first.value)).toContain('RESYNC');
        await owner.api.replication.push({ collection: 'movements', rows: pushRows([movement(h.mainStoreId, 'p1', { delta: 2 })]) });
        const second = JSON.stringify((await it.next()).value);
        expect(second).toContain('"collection":"movements"');
        const third = JSON.stringify((await it.next()).value);
        expect(third).toContain('"onHand":2');
        ac.abort();
        await it.return?.();
      } finally {
        await h.cleanup();
      }
    });
  });
});
