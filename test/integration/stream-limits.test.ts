import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type Device } from '../support/client.js';
import { sale } from '../support/docs.js';
import { sleep } from '../support/random.js';
import { pushMovements } from '../support/replication.js';
import { openStream, type StreamTap } from '../support/stream.js';
import { createProducts, pairStaff, startTenant, stockUp, type TestTenant } from '../support/tenant.js';

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(10);
  }
  return Date.now() - started;
}

/** DESIGN §3: streams end when their device is revoked; a few per device; slow readers get RESYNC. */
describe('stream limits', () => {
  let tenant: TestTenant;
  let storeId: string;
  let productIds: string[];
  let seller: Device;
  const taps: StreamTap[] = [];

  beforeAll(async () => {
    tenant = await startTenant({ args: ['--rate-limit', '100000'] });
    storeId = tenant.defaultStoreId;
    productIds = (await createProducts(tenant.owner, 200)).map((p) => p.id);
    await stockUp(tenant.owner, storeId, productIds.map((id) => [id, 1_000_000] as [string, number]));
    seller = await pairStaff(tenant, storeId, 'seller');
  });
  afterAll(async () => {
    for (const t of taps) t.close();
    await tenant?.dispose();
  });

  const open = (device: Device) => {
    const tap = openStream(device.api, ['movements', 'stock']);
    taps.push(tap);
    return tap;
  };
  const connected = (tap: StreamTap) => until(() => tap.states.includes('pending'), 10_000, 'stream connected');

  it('ends a revoked device\'s open stream within a second, and refuses it a new one', async () => {
    const doomed = await pairStaff(tenant, storeId, 'stolen tablet');
    const tap = open(doomed);
    await connected(tap);
    const [m] = await pushMovements(seller.api, [sale(storeId, productIds[0]!, 1)]);
    await tap.waitFor((x) => x.kind === 'change' && x.documents.some((d) => d.id === m!.id));
    const seen = tap.messages.length;
    await tenant.owner.api.devices.revoke.mutate({ deviceId: doomed.deviceId });
    const took = await until(() => tap.ended || tap.errors.length > 0, 1_000, 'revoked stream ended');
    expect(took).toBeLessThan(1_000);
    const [after] = await pushMovements(seller.api, [sale(storeId, productIds[0]!, 1)]);
    await sleep(300);
    expect(tap.messages.slice(seen).filter((x) => x.kind === 'change' && x.documents.some((d) => d.id === after!.id))).toEqual([]);
    expect((await expectProblem(doomed.api.auth.whoami.query())).type).toBe('unauthenticated');
  });

  it('keeps at most 4 streams per device: a fifth closes the oldest', async () => {
    const tablet = await pairStaff(tenant, storeId, 'tab-happy tablet');
    const tabs: StreamTap[] = [];
    for (let i = 0; i < 5; i++) {
      const tap = open(tablet);
      await connected(tap);
      tabs.push(tap);
    }
    await until(() => tabs[0]!.ended, 2_000, 'oldest stream closed');
    expect(tabs.slice(1).map((t) => t.ended)).toEqual([false, false, false, false]);
    const [m] = await pushMovements(seller.api, [sale(storeId, productIds[1]!, 1)]);
    await Promise.all(tabs.slice(1).map((t) => t.waitFor((x) => x.kind === 'change' && x.documents.some((d) => d.id === m!.id))));
    for (const t of tabs) t.close();
  });

  it('ends a stream whose reader stops reading with a RESYNC, instead of buffering without bound', async () => {
    const slow = await pairStaff(tenant, storeId, 'frozen till');
    const socket = net.connect(tenant.server.port, '127.0.0.1');
    const received: Buffer[] = [];
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const input = encodeURIComponent(JSON.stringify({ collections: ['movements', 'stock'] }));
    socket.write(`GET /trpc/replication.stream?input=${input} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${slow.token}\r\nAccept: text/event-stream\r\n\r\n`);
    socket.on('data', (c: Buffer) => received.push(c));
    await until(() => Buffer.concat(received).toString().includes('event: connected'), 5_000, 'connected');
    socket.pause(); // the till freezes: nothing is read any more
    const rssBefore = tenant.server.rssMb();
    for (let i = 0; i < 60; i++) {
      await pushMovements(seller.api, Array.from({ length: 1000 }, (_, j) => sale(storeId, productIds[j % productIds.length]!, 1)));
    }
    const rssAfter = tenant.server.rssMb();
    socket.resume();
    const text = () => Buffer.concat(received).toString();
    await until(() => text().includes('event: return'), 15_000, 'stream ended');
    expect(text()).toContain('data: "RESYNC"');
    // The backlog was dropped, not kept: far fewer than the 60 000 sales reached it.
    const delivered = (text().match(/"kind":"sale"/g) ?? []).length;
    expect(delivered).toBeLessThan(50_000);
    expect(rssAfter - rssBefore).toBeLessThan(300);
    socket.destroy();
    // The seller was never slowed into failure, and the server still answers.
    expect((await fetch(`${tenant.server.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
