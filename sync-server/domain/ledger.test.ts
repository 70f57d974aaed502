import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeDigest, type MovementDoc, type StockDoc } from '../../shared/index.js';
import { testBackends, useBackend } from '../test-support/backends.js';
import { makeHarness, movement, problemOf, product, pushRows } from '../test-support/harness.js';

describe.each(testBackends())('on %s', (backendName) => {
  const backend = useBackend(backendName);

  describe('ledger (replication.push movements)', () => {
    let h: Awaited<ReturnType<typeof makeHarness>>;
    beforeEach(async () => {
      h = await makeHarness({ databaseUrl: await backend.databaseUrl() });
      const owner = await h.pair('owner', []);
      await owner.api.replication.push({ collection: 'products', rows: pushRows([product('p1'), product('p2')]) });
    });
    afterEach(() => h.cleanup());

    const stockOf = async (api: ReturnType<typeof h.caller>) =>
      (await api.replication.pull({ collection: 'stock', checkpoint: null, limit: 100 })).documents as StockDoc[];

    it('accepts, rejects insufficient stock, stamps ledgerSeq/balanceAfter and the device id', async () => {
      const staff = await h.pair('staff');
      const rows = [
        movement(h.mainStoreId, 'p1', { id: 'a1', kind: 'receipt', delta: 5 }),
        movement(h.mainStoreId, 'p1', { id: 'a2', kind: 'sale', delta: -3 }),
        movement(h.mainStoreId, 'p1', { id: 'a3', kind: 'sale', delta: -4 }),
        movement(h.mainStoreId, 'p1', { id: 'a4', kind: 'sale', delta: -2 }),
      ];
      const out = (await staff.api.replication.push({ collection: 'movements', rows: pushRows(rows) })) as MovementDoc[];
      expect(out.map((m) => m.status)).toEqual(['accepted', 'accepted', 'rejected', 'accepted']);
      expect(out.map((m) => m.balanceAfter)).toEqual([5, 2, null, 0]);
      expect(out[2]!.rejection).toMatchObject({ code: 'insufficient-stock', requested: 4, available: 2 });
      expect(out[2]!.ledgerSeq).toBeNull();
      expect(out[0]!.ledgerSeq).toBe(out[0]!.seq);
      expect(out.every((m) => m.deviceId === staff.deviceId)).toBe(true);
      const [stock] = await stockOf(staff.api);
      expect(stock).toMatchObject({ id: `${h.mainStoreId}:p1`, onHand: 0, appliedSeq: out[3]!.ledgerSeq });
    });

    it('is idempotent by id: a retry returns the stored row and changes nothing', async () => {
      const staff = await h.pair('staff');
      const m = movement(h.mainStoreId, 'p1', { id: 'same', delta: 7 });
      const first = (await staff.api.replication.push({ collection: 'movements', rows: pushRows([m]) })) as MovementDoc[];
      const again = (await staff.api.replication.push({ collection: 'movements', rows: pushRows([{ ...m, delta: 100 }, m]) })) as MovementDoc[];
      expect(again).toEqual([first[0], first[0]]);
      expect((await stockOf(staff.api))[0]!.onHand).toBe(7);
      // Concurrent identical pushes still apply once.
      const m2 = movement(h.mainStoreId, 'p1', { id: 'conc', delta: 1 });
      await Promise.all(Array.from({ length: 5 }, () => staff.api.replication.push({ collection: 'movements', rows: pushRows([m2]) })));
      expect((await stockOf(staff.api))[0]!.onHand).toBe(8);
    });

    it('applies a count on top of the authoritative level and never rejects it', async () => {
      const staff = await h.pair('staff');
      await staff.api.replication.push({ collection: 'movements', rows: pushRows([movement(h.mainStoreId, 'p1', { delta: 10 })]) });
      // Counted 4 while expecting 10 (-6); meanwhile a sale of 3 happened elsewhere: 10 - 3 - 6 = 1.
      await staff.api.replication.push({ collection: 'movements', rows: pushRows([movement(h.mainStoreId, 'p1', { kind: 'sale', delta: -3 })]) });
      const [c] = (await staff.api.replication.push({
        collection: 'movements',
        rows: pushRows([movement(h.mainStoreId, 'p1', { kind: 'count', delta: -6, countedQty: 4, expectedQty: 10 })]),
      })) as MovementDoc[];
      expect(c).toMatchObject({ status: 'accepted', balanceAfter: 1 });
      const [big] = (await staff.api.replication.push({
        collection: 'movements',
        rows: pushRows([movement(h.mainStoreId, 'p1', { kind: 'count', delta: -50, countedQty: 0, expectedQty: 50 })]),
      })) as MovementDoc[];
      expect(big).toMatchObject({ status: 'accepted', balanceAfter: -49 });
    });

    it('gives unknown or deleted stores and unknown products a per-row verdict, so the rows behind them land', async () => {
      const owner = await h.pair('owner', []);
      await owner.api.replication.push({ collection: 'stores', rows: pushRows([{ id: 's2', name: 'Second', timezone: 'UTC', allowNegativeStock: true, _deleted: false }]) });
      const closed = { id: 'gone', name: 'Closed', timezone: 'UTC', allowNegativeStock: false, _deleted: false };
      await owner.api.replication.push({ collection: 'stores', rows: pushRows([closed]) });
      await owner.api.replication.push({ collection: 'stores', rows: [{ assumedMasterState: closed, newDocumentState: { ...closed, _deleted: true } }] });
      const rows = [
        movement('nope', 'p1'),
        movement(h.mainStoreId, 'zz'),
        movement('gone', 'p1'),
        movement(h.mainStoreId, 'p1', { delta: 3 }),
      ];
      const out = (await owner.api.replication.push({ collection: 'movements', rows: pushRows(rows) })) as MovementDoc[];
      expect(out.map((m) => m.rejection?.code ?? m.status)).toEqual(['unknown-store', 'unknown-product', 'unknown-store', 'accepted']);
      // Nothing to attach them to: not stored (seq 0); the good row is.
      expect(out.slice(0, 3).map((m) => m.seq)).toEqual([0, 0, 0]);
      const pulled = (await owner.api.replication.pull({ collection: 'movements', checkpoint: null, limit: 100 })).documents as MovementDoc[];
      expect(pulled.map((m) => m.id)).toEqual([rows[3]!.id]);
      expect((await stockOf(owner.api)).map((s) => s.onHand)).toEqual([3]);
    });

    it('fails the whole request for a store the device may not write, and changes nothing', async () => {
      const owner = await h.pair('owner', []);
      await owner.api.replication.push({ collection: 'stores', rows: pushRows([{ id: 's2', name: 'Second', timezone: 'UTC', allowNegativeStock: true, _deleted: false }]) });
      const staff = await h.pair('staff');
      const ok = movement(h.mainStoreId, 'p1', { delta: 3 });
      expect((await problemOf(staff.api.replication.push({ collection: 'movements', rows: pushRows([ok, movement('s2', 'p1')]) }))).type).toBe('forbidden-store');
      // A store that does not exist is not in the staff device's scope either: no existence oracle.
      expect((await problemOf(staff.api.replication.push({ collection: 'movements', rows: pushRows([ok, movement('nope', 'p1')]) }))).type).toBe('forbidden-store');
      expect(await stockOf(staff.api)).toEqual([]);
      // The owner may, and the store allows negative stock.
      const [neg] = (await owner.api.replication.push({ collection: 'movements', rows: pushRows([movement('s2', 'p1', { kind: 'sale', delta: -2 })]) })) as MovementDoc[];
      expect(neg).toMatchObject({ status: 'accepted', balanceAfter: -2 });
    });

    it('rejects a level past ±1 000 000 000 as out-of-range, counts included', async () => {
      const owner = await h.pair('owner', []);
      const push = async (...rows: ReturnType<typeof movement>[]) =>
        (await owner.api.replication.push({ collection: 'movements', rows: pushRows(rows) })) as MovementDoc[];
      const [a, b] = await push(movement(h.mainStoreId, 'p1', { delta: 1_000_000_000 }), movement(h.mainStoreId, 'p1', { delta: 1_000_000_000 }));
      expect(a).toMatchObject({ status: 'accepted', balanceAfter: 1_000_000_000 });
      expect(b).toMatchObject({ status: 'rejected', rejection: { code: 'out-of-range', requested: 1_000_000_000, available: 1_000_000_000 } });
      // Counts are never refused for stock, but cannot leave the range either.
      const [c1, c2] = await push(
        movement(h.mainStoreId, 'p2', { kind: 'count', delta: -1_000_000_000, countedQty: 0, expectedQty: 1_000_000_000 }),
        movement(h.mainStoreId, 'p2', { kind: 'count', delta: -1_000_000_000, countedQty: 0, expectedQty: 1_000_000_000 }),
      );
      expect(c1).toMatchObject({ status: 'accepted', balanceAfter: -1_000_000_000 });
      expect(c2!.rejection?.code).toBe('out-of-range');
      const levels = new Map((await stockOf(owner.api)).map((s) => [s.productId, s.onHand]));
      expect(levels).toEqual(new Map([['p1', 1_000_000_000], ['p2', -1_000_000_000]]));
    });

    it('accepts a void only of an accepted sale line of its ticket, never more than sold, never twice', async () => {
      const staff = await h.pair('staff');
      const push = async (...rows: ReturnType<typeof movement>[]) =>
        (await staff.api.replication.push({ collection: 'movements', rows: pushRows(rows) })) as MovementDoc[];
      await push(movement(h.mainStoreId, 'p1', { delta: 10 }));
      await push(
        movement(h.mainStoreId, 'p1', { kind: 'sale', delta: -3, ticketId: 'T1' }),
        movement(h.mainStoreId, 'p2', { kind: 'sale', delta: -1, ticketId: 'T1' }), // rejected: p2 has no stock
      );
      const voidOf = (productId: string, delta: number, ticketId: string | null = 'T1') =>
        movement(h.mainStoreId, productId, { kind: 'void', delta, ticketId, reason: 'customer returned it' });
      const out = await push(
        voidOf('p1', 2), // accepted: 2 of 3
        voidOf('p1', 2), // only 1 left
        voidOf('p1', 1), // accepted: the last one
        voidOf('p1', 1), // already voided
        voidOf('p2', 1), // the p2 line was refused, nothing to void
        voidOf('p1', 50, 'NO-SUCH-TICKET'),
        voidOf('p1', -1), // a void puts units back
      );
      expect(out.map((m) => m.rejection?.code ?? m.status)).toEqual([
        'accepted', 'invalid-void', 'accepted', 'invalid-void', 'invalid-void', 'invalid-void', 'invalid-void',
      ]);
      expect(out[1]!.rejection).toMatchObject({ requested: 2, available: 1 });
      expect((await stockOf(staff.api)).find((s) => s.productId === 'p1')!.onHand).toBe(10);
    });

    it('counts a sale earlier in the same push when it decides a void (rows are inserted after the walk)', async () => {
      const staff = await h.pair('staff');
      await staff.api.replication.push({ collection: 'movements', rows: pushRows([movement(h.mainStoreId, 'p1', { delta: 10 })]) });
      const out = (await staff.api.replication.push({
        collection: 'movements',
        rows: pushRows([
          movement(h.mainStoreId, 'p1', { kind: 'sale', delta: -2, ticketId: 'T9' }),
          movement(h.mainStoreId, 'p1', { kind: 'void', delta: 1, ticketId: 'T9', reason: 'returned' }),
          movement(h.mainStoreId, 'p1', { kind: 'void', delta: 2, ticketId: 'T9', reason: 'returned' }), // 1 left
          movement(h.mainStoreId, 'p1', { kind: 'void', delta: 1, ticketId: 'T9', reason: 'returned' }),
        ]),
      })) as MovementDoc[];
      expect(out.map((m) => m.rejection?.code ?? m.status)).toEqual(['accepted', 'accepted', 'invalid-void', 'accepted']);
      expect(out.map((m) => m.balanceAfter)).toEqual([8, 9, null, 10]);
    });

    it('rejects movements of a transfer that does not exist (invalid-transfer) and purchase-order movements while there are none', async () => {
      const staff = await h.pair('staff');
      const out = (await staff.api.replication.push({
        collection: 'movements',
        rows: pushRows([
          movement(h.mainStoreId, 'p1', { kind: 'transfer_in', delta: 100, transferId: 'TR-1' }),
          movement(h.mainStoreId, 'p1', { kind: 'transfer_out', delta: -1, transferId: 'TR-1' }),
          movement(h.mainStoreId, 'p1', { kind: 'adjustment', delta: -1, reason: 'damaged', transferId: 'TR-1' }),
          movement(h.mainStoreId, 'p1', { kind: 'receipt', delta: 5, purchaseOrderId: 'PO-1', unitCostCents: 120 }),
        ]),
      })) as MovementDoc[];
      expect(out.map((m) => m.rejection?.code)).toEqual(['invalid-transfer', 'invalid-transfer', 'invalid-transfer', 'invalid-purchase-order']);
      expect((await stockOf(staff.api)).map((s) => s.onHand)).toEqual([]);
    });

    it('keeps onHand == sum of accepted deltas and matches the digest', async () => {
      const staff = await h.pair('staff');
      const rows = Array.from({ length: 200 }, (_, i) =>
        movement(h.mainStoreId, i % 2 ? 'p1' : 'p2', i % 3 === 0 ? { delta: 2 } : { kind: 'sale', delta: -1 }),
      );
      const out = (await staff.api.replication.push({ collection: 'movements', rows: pushRows(rows) })) as MovementDoc[];
      const stock = await stockOf(staff.api);
      for (const s of stock) {
        const sum = out.filter((m) => m.productId === s.productId && m.status === 'accepted').reduce((a, m) => a + m.delta, 0);
        expect(s.onHand).toBe(sum);
      }
      const d = await staff.api.replication.digest({ storeId: h.mainStoreId });
      expect(d.digest).toBe(computeDigest(stock));
      expect(d.seq).toBe(await h.storage.tenantSeq(h.tenant.id));
    });
  });
});
