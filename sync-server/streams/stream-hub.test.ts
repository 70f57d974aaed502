import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceIdentity, StockDoc } from '../../shared/index.js';
import { ChangeBus } from '../domain/change-bus.js';
import { StreamHub, type StreamItem, type StreamSubscriber } from './stream-hub.js';

const staff = (deviceId: string, storeIds: string[]): DeviceIdentity => ({ deviceId, tenantId: 't', role: 'staff', storeIds });
const owner: DeviceIdentity = { deviceId: 'owner', tenantId: 't', role: 'owner', storeIds: [] };
const stock = (storeId: string, seq: number): StockDoc => ({
  id: `${storeId}:p`, storeId, productId: 'p', onHand: 1, appliedSeq: 1, reorderPoint: null, criticalPoint: null, updatedAt: 1, seq, _deleted: false,
});

/** The next item of a subscriber, or 'none' when nothing came within a few ms. */
async function next(sub: StreamSubscriber, it = sub[Symbol.asyncIterator]()): Promise<StreamItem | 'none' | 'ended'> {
  const r = await Promise.race([it.next(), new Promise<'none'>((res) => setTimeout(() => res('none'), 30))]);
  if (r === 'none') return 'none';
  return r.done ? 'ended' : r.value;
}

describe('stream hub', () => {
  const revoked = new Set<string>();
  let hub: StreamHub;
  let bus: ChangeBus;
  const make = (limits = {}) => {
    bus = new ChangeBus();
    hub = new StreamHub({ bus, epoch: () => 'E1', isRevoked: async (_t, id) => revoked.has(id), limits });
    return hub;
  };
  afterEach(() => hub?.close());

  it('sends each device only what it may see, one shared payload per scope', async () => {
    make();
    const a1 = hub.open(staff('a1', ['A']), ['stock']);
    const a2 = hub.open(staff('a2', ['A']), ['stock']);
    const b = hub.open(staff('b', ['B']), ['stock']);
    const o = hub.open(owner, ['stock']);
    const i = [a1, a2, b, o].map((s) => s[Symbol.asyncIterator]());
    bus.publish({ tenantId: 't', collection: 'stock', documents: [stock('A', 5), stock('B', 6)] });
    const [x1, x2, y, z] = await Promise.all([next(a1, i[0]), next(a2, i[1]), next(b, i[2]), next(o, i[3])]);
    expect(x1).toMatchObject({ documents: [{ storeId: 'A' }], checkpoint: { seq: 5, epoch: 'E1' } });
    expect(x2).toBe(x1); // the same object: serialized once by the SSE writer
    expect(y).toMatchObject({ documents: [{ storeId: 'B' }], checkpoint: { seq: 6 } });
    expect(z).toMatchObject({ documents: [{ storeId: 'A' }, { storeId: 'B' }] });
    bus.publish({ tenantId: 'other-tenant', collection: 'stock', documents: [stock('A', 7)] });
    bus.publish({ tenantId: 't', collection: 'movements', documents: [stock('A', 8)] as never });
    expect(await next(a1, i[0])).toBe('none');
  });

  it('ends a stream that falls behind with a RESYNC, dropping its backlog', async () => {
    make({ maxQueuedDocuments: 3 });
    const s = hub.open(staff('a', ['A']), ['stock']);
    const it = s[Symbol.asyncIterator]();
    for (let seq = 1; seq <= 5; seq++) bus.publish({ tenantId: 't', collection: 'stock', documents: [stock('A', seq)] });
    await new Promise((r) => setImmediate(r));
    expect(await next(s, it)).toBe('RESYNC');
    expect(await next(s, it)).toBe('ended');
    expect(hub.size).toBe(0);
  });

  it('holds at most perDevice streams per device (the oldest goes), and ends a revoked device\'s at once', async () => {
    make({ perDevice: 2, total: 3 });
    const d = staff('d', ['A']);
    const [s1, s2, s3] = [hub.open(d, ['stock']), hub.open(d, ['stock']), hub.open(d, ['stock'])];
    expect([s1.isOpen, s2.isOpen, s3.isOpen]).toEqual([false, true, true]);
    hub.open(staff('e', ['A']), ['stock']);
    expect(() => hub.open(staff('f', ['A']), ['stock'])).toThrow(/Too many open change streams/);
    hub.closeDevice('d');
    expect([s2.isOpen, s3.isOpen]).toEqual([false, false]);
    expect(hub.size).toBe(1);
  });

  it('ends streams of devices revoked elsewhere within its recheck period', async () => {
    make({ recheckMs: 20 });
    const s = hub.open(staff('gone', ['A']), ['stock']);
    revoked.add('gone');
    await new Promise((r) => setTimeout(r, 60));
    expect(s.isOpen).toBe(false);
  });
});
