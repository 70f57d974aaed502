import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device } from '../support/client.js';
import { sale } from '../support/docs.js';
import { pushMovements } from '../support/replication.js';
import { sleep } from '../support/random.js';
import { openStream, type StreamMessage, type StreamTap } from '../support/stream.js';
import { createProduct, createStore, pairStaff, startTenant, stockUp, type TestTenant } from '../support/tenant.js';

const hasDoc = (collection: string, id: string) => (m: StreamMessage) =>
  m.kind === 'change' && m.collection === collection && m.documents.some((d) => d.id === id);

async function connected(tap: StreamTap): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!tap.states.includes('pending')) {
    if (Date.now() > deadline) throw new Error(`stream never connected: ${tap.states.join(',')} ${tap.errors.map(String).join(';')}`);
    await sleep(20);
  }
}

describe('replication.stream (SSE)', () => {
  let tenant: TestTenant;
  let storeB: string;
  let productId: string;
  let listener: Device;
  let seller: Device;
  let otherStore: Device;
  const taps: StreamTap[] = [];

  beforeAll(async () => {
    tenant = await startTenant({ args: ['--rate-limit', '100000'] });
    storeB = (await createStore(tenant.owner, 'Branch B')).id;
    productId = (await createProduct(tenant.owner)).id;
    await stockUp(tenant.owner, tenant.defaultStoreId, [[productId, 50]]);
    await stockUp(tenant.owner, storeB, [[productId, 50]]);
    listener = await pairStaff(tenant, tenant.defaultStoreId, 'listening-till');
    seller = await pairStaff(tenant, tenant.defaultStoreId, 'selling-till');
    otherStore = await pairStaff(tenant, storeB, 'branch-b-till');
  });
  afterAll(async () => {
    for (const t of taps) t.close();
    await tenant?.dispose();
  });

  function open(device: Device, lastEventId?: string): StreamTap {
    const tap = openStream(device.api, ['movements', 'stock'], lastEventId);
    taps.push(tap);
    return tap;
  }

  it('delivers a movement pushed by another device, and only to devices of that store', async () => {
    const tap = open(listener);
    const tapB = open(otherStore);
    await Promise.all([connected(tap), connected(tapB)]);

    const [stored] = await pushMovements(seller.api, [sale(tenant.defaultStoreId, productId, 2)]);
    const event = await tap.waitFor(hasDoc('movements', stored!.id));
    expect(event.kind === 'change' && event.documents.find((d) => d.id === stored!.id)).toMatchObject({
      id: stored!.id,
      status: 'accepted',
      balanceAfter: 48,
      seq: stored!.seq,
    });
    expect(event.kind === 'change' && event.checkpoint.seq).toBeGreaterThanOrEqual(stored!.seq);
    const stockEvent = await tap.waitFor(hasDoc('stock', `${tenant.defaultStoreId}:${productId}`));
    expect(stockEvent.kind === 'change' && stockEvent.documents[0]).toMatchObject({ onHand: 48 });

    // Store B's device hears its own store's sale, and never store A's.
    const [inB] = await pushMovements(otherStore.api, [sale(storeB, productId, 1)]);
    await tapB.waitFor(hasDoc('movements', inB!.id));
    expect(tapB.messages.some(hasDoc('movements', stored!.id))).toBe(false);
    expect(tap.messages.some(hasDoc('movements', inB!.id))).toBe(false);
  });

  it('a reconnect with a Last-Event-ID starts with "RESYNC"', async () => {
    const tap = open(listener, '12345');
    const first = await tap.waitFor(() => true);
    expect(first.kind).toBe('resync');
    // …and is a live stream afterwards.
    const [stored] = await pushMovements(seller.api, [sale(tenant.defaultStoreId, productId, 1)]);
    await tap.waitFor(hasDoc('movements', stored!.id));
  });

  it('after the server is killed and comes back, the client reconnects, gets "RESYNC", then live events', async () => {
    const tap = open(listener);
    await connected(tap);
    const [before] = await pushMovements(seller.api, [sale(tenant.defaultStoreId, productId, 1)]);
    await tap.waitFor(hasDoc('movements', before!.id));
    const seen = tap.messages.length;

    await tenant.server.kill9();
    await tenant.server.restart();

    const resync = await tap.waitFor((m) => m.kind === 'resync', 30_000, seen);
    expect(resync.kind).toBe('resync');
    const [after] = await pushMovements(seller.api, [sale(tenant.defaultStoreId, productId, 1)]);
    await tap.waitFor(hasDoc('movements', after!.id), 15_000, seen);
  });
});
