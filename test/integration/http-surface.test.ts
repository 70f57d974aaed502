import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, pairDevice } from '../support/client.js';
import { product, sale, store } from '../support/docs.js';
import { sleep } from '../support/random.js';
import { rawGet } from '../support/raw-http.js';
import { pullAll, pushMovements, pushProducts, pushStores } from '../support/replication.js';
import { startServer } from '../support/server-process.js';
import { makeWebDirs } from '../support/web-dirs.js';
import { createProduct, pairStaff, pairWithRole, startTenant, stockUp, type TestTenant } from '../support/tenant.js';

describe('the HTTP surface (DESIGN §6, §8)', () => {
  let tenant: TestTenant;
  let dirs: ReturnType<typeof makeWebDirs>;
  let port: number;

  beforeAll(async () => {
    dirs = makeWebDirs();
    tenant = await startTenant({ args: ['--web', dirs.web] });
    port = tenant.server.port;
  });
  afterAll(async () => {
    await tenant?.dispose();
    fs.rmSync(dirs.root, { recursive: true, force: true });
  });

  async function expectServing(): Promise<void> {
    const res = await fetch(`${tenant.server.url}/healthz`);
    expect(res.status).toBe(200);
  }

  it('answers request targets that used to crash it, unauthenticated, and keeps serving', async () => {
    for (const target of ['//', '//?x', '///', '/\\', '/\\\\', '//trpc/health', '/%', '/%zz', '/trpc/%', '/a%00b', '*']) {
      const res = await rawGet(port, target);
      expect(res.status, target).not.toBeNull();
      expect(res.status, target).toBeGreaterThanOrEqual(200);
      expect(res.body).not.toContain(dirs.secret);
      await expectServing();
    }
  });

  it('never serves a file outside the web folder', async () => {
    expect((await rawGet(port, '/assets/app.js')).body).toContain('console.log');
    const attempts = [
      '/..%2fweb-private%2fsecret.txt', '/..%2Fweb-private%2Fsecret.txt', '/%2e%2e/web-private/secret.txt',
      '/../web-private/secret.txt', '/..%5cweb-private%5csecret.txt', '/..\\web-private\\secret.txt', '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fweb-private/secret.txt', '/link.txt', '/..%252fsecret.txt', `/${encodeURIComponent(path.join(dirs.root, 'secret.txt'))}`,
    ];
    for (const target of attempts) {
      const res = await rawGet(port, target);
      expect(res.body, target).not.toContain(dirs.secret);
      expect([400, 403, 404], target).toContain(res.status);
    }
    await expectServing();
  });

  it('refuses pages of other origins before doing anything, and answers the app\'s own', async () => {
    const { code } = await tenant.owner.api.devices.createPairingCode.mutate({ role: 'staff', storeIds: [tenant.defaultStoreId] });
    const pair = (origin: string) =>
      fetch(`${tenant.server.url}/trpc/auth.pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ code, deviceName: 'from a web page' }),
      });
    const evil = await pair('https://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await evil.json()) as { error: { data: { problem: { type: string } } } }).error.data.problem.type).toBe('forbidden');
    const preflight = await fetch(`${tenant.server.url}/trpc/auth.pair`, { method: 'OPTIONS', headers: { origin: 'http://192.0.2.7:4000' } });
    expect(preflight.status).toBe(403);
    expect((await fetch(`${tenant.server.url}/healthz`, { headers: { origin: 'null' } })).status).toBe(403);
    // The code was not used by the refused request: the app's own origin pairs with it.
    const app = await pair('app://stockroom');
    expect(app.status).toBe(200);
    expect(app.headers.get('access-control-allow-origin')).toBe('app://stockroom');
    expect(app.headers.get('vary')).toMatch(/Origin/);
    const local = await fetch(`${tenant.server.url}/healthz`, { headers: { origin: 'http://127.0.0.1:5173' } });
    expect(local.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    const same = await fetch(`${tenant.server.url}/healthz`, { headers: { origin: tenant.server.url } });
    expect(same.headers.get('access-control-allow-origin')).toBe(tenant.server.url);
  });

  it('refuses Host names that are not this server\'s (DNS rebinding)', async () => {
    for (const host of ['evil.example', 'evil.example:4000', 'localhost.evil.example', 'a b', '[::1']) {
      const res = await rawGet(port, '/trpc/health', { Host: host });
      expect(res.status, host).toBe(403);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', `[::1]:${port}`, `${os.hostname()}:${port}`, '10.1.2.3:80']) {
      expect((await rawGet(port, '/healthz', { Host: host })).status, host).toBe(200);
    }
  });

  it('takes the protocol version only as a plain number', async () => {
    const health = (value: string) => fetch(`${tenant.server.url}/trpc/health`, { headers: { 'x-stockroom-protocol': value } });
    // (Surrounding spaces are not the value: HTTP parsers strip them.)
    for (const bad of ['0x1', '1e0', '', '1.0', '+1', '-1', '99']) {
      const res = await health(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(((await res.json()) as { error: { data: { problem: { type: string } } } }).error.data.problem.type).toBe('invalid-input');
    }
    expect((await health('1')).status).toBe(200);
  });

  it('refuses text with a lone surrogate instead of storing U+FFFD', async () => {
    const bad = product('Caf\uD800 latte');
    const p = await expectProblem(pushProducts(tenant.owner.api, [bad]));
    expect(p.type).toBe('invalid-input');
    expect((await expectProblem(pushStores(tenant.owner.api, [store('Shop \uDC00')]))).type).toBe('invalid-input');
    const { code } = await tenant.owner.api.devices.createPairingCode.mutate({ role: 'staff', storeIds: [tenant.defaultStoreId] });
    expect((await expectProblem(pairDevice(tenant.server.url, code, 'Till \uD83D'))).type).toBe('invalid-input');
    expect((await pullAll(tenant.owner.api, 'products')).documents.some((d) => d.id === bad.id)).toBe(false);
    // Well-formed astral characters are fine.
    await pushProducts(tenant.owner.api, [product('Cake 🍰')]);
  });

  it('refuses an SKU or barcode held by another active product, naming it', async () => {
    const first = product('Espresso beans');
    await pushProducts(tenant.owner.api, [first]);
    const sameSku = { ...product('Copy'), sku: first.sku };
    const p = await expectProblem(pushProducts(tenant.owner.api, [sameSku]));
    expect(p.type).toBe('conflict');
    expect(p.detail).toContain('Espresso beans');
    const sameBarcode = { ...product('Copy 2'), barcodes: [first.barcodes![0]!] };
    expect((await expectProblem(pushProducts(tenant.owner.api, [sameBarcode]))).detail).toContain('Espresso beans');
    // Two new products with one SKU in one push: refused too.
    const a = product('A');
    expect((await expectProblem(pushProducts(tenant.owner.api, [a, { ...product('B'), sku: a.sku }]))).type).toBe('conflict');
    // An inactive product may share; deactivating the holder frees its codes.
    await pushProducts(tenant.owner.api, [{ ...sameSku, active: false }]);
    await tenant.owner.api.replication.push.mutate({
      collection: 'products',
      rows: [{ assumedMasterState: first, newDocumentState: { ...first, active: false } }],
    });
    await pushProducts(tenant.owner.api, [{ ...product('New holder'), sku: first.sku }]);
  });

  it('an owner cannot revoke the device it is using; another owner device can', async () => {
    const p = await expectProblem(tenant.owner.api.devices.revoke.mutate({ deviceId: tenant.owner.deviceId }));
    expect(p.type).toBe('forbidden');
    expect((await tenant.owner.api.auth.whoami.query()).deviceId).toBe(tenant.owner.deviceId);
    const second = await pairWithRole(tenant, 'owner', [], 'second owner laptop');
    const spare = await pairWithRole(tenant, 'owner', [], 'spare owner');
    await second.api.devices.revoke.mutate({ deviceId: spare.deviceId });
    expect((await expectProblem(spare.api.auth.whoami.query())).type).toBe('unauthenticated');
  });

  it('logs a refused stream with the problem\'s status, not 200', async () => {
    const res = await rawGet(port, `/trpc/replication.stream?input=${encodeURIComponent(JSON.stringify({ collections: ['stock'] }))}`, {
      Authorization: 'Bearer not-a-token',
      Accept: 'text/event-stream',
    });
    expect(res.body).toContain('serialized-error');
    expect(res.body).toContain('unauthenticated');
    await sleep(200);
    const line = tenant.server.output().split('\n').reverse().find((l) => l.includes('/trpc/replication.stream'));
    expect(JSON.parse(line!)).toMatchObject({ msg: 'request', status: 401 });
  });

  it('survives its -shm file being truncated or made read-only under it', async () => {
    const productId = (await createProduct(tenant.owner)).id;
    await stockUp(tenant.owner, tenant.defaultStoreId, [[productId, 10]]);
    const shm = path.join(tenant.server.dataDir, 'stockroom.sqlite-shm');
    fs.writeFileSync(shm, '');
    fs.chmodSync(shm, 0o444);
    const [stored] = await pushMovements(tenant.owner.api, [sale(tenant.defaultStoreId, productId, 1)]);
    expect(stored!.status).toBe('accepted');
    fs.rmSync(shm, { force: true });
    await expectServing();
  });
});

describe('rate limits', () => {
  it('rate-limits requests with made-up tokens per source address, and devices keep their own budget', async () => {
    // The default budget (DEFAULT_RATE_LIMIT): 20 requests/s per address without a valid token, burst 100.
    const tenant = await startTenant();
    try {
    const till = await pairStaff(tenant, tenant.defaultStoreId, 'busy-till');
    const statuses = await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        fetch(`${tenant.server.url}/trpc/auth.whoami`, { headers: { authorization: `Bearer garbage-${i}` } }).then((r) => r.status),
      ),
    );
    const limited = statuses.filter((s) => s === 429).length;
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(limited).toBeGreaterThan(400);
    expect((await till.api.auth.whoami.query()).deviceId).toBe(till.deviceId);
    expect((await fetch(`${tenant.server.url}/healthz`)).status).toBe(200);
    } finally {
      await tenant.dispose();
    }
  });

});

describe('/metrics off loopback', () => {
  it('needs the metrics token when the server listens beyond loopback', async () => {
    const server = await startServer({ args: ['--host', '0.0.0.0', '--metrics-token', 'metrics-secret-123'] });
    try {
      const url = `http://127.0.0.1:${server.port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const ok = await fetch(url, { headers: { authorization: 'Bearer metrics-secret-123' } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('stockroom_http_requests_total');
    } finally {
      await server.dispose();
    }
    const closed = await startServer({ args: ['--host', '0.0.0.0'] });
    try {
      expect((await fetch(`http://127.0.0.1:${closed.port}/metrics`)).status).toBe(403);
    } finally {
      await closed.dispose();
    }
  });
});

describe('connections', () => {
  it('caps open connections, survives a flood of idle ones, and closes silent sockets', async () => {
    const server = await startServer({ args: ['--max-connections', '100'] });
    const sockets: net.Socket[] = [];
    try {
      let closedByServer = 0;
      await Promise.all(
        Array.from({ length: 300 }, () => new Promise<void>((resolve) => {
          const s = net.connect(server.port, '127.0.0.1', () => resolve());
          s.on('error', () => resolve());
          s.on('close', () => closedByServer++);
          sockets.push(s);
        })),
      );
      await sleep(500);
      expect(closedByServer).toBeGreaterThanOrEqual(190);
      expect(server.rssMb()).toBeGreaterThan(0); // still running
      for (const s of sockets.splice(0)) s.destroy();
      await sleep(300);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      // A socket that never sends a byte is closed by the server after 10 s.
      const silent = net.connect(server.port, '127.0.0.1');
      sockets.push(silent);
      const started = Date.now();
      await new Promise<void>((resolve) => silent.on('close', () => resolve()));
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      for (const s of sockets) s.destroy();
      await server.dispose();
    }
  }, 90_000);
});

describe('one server per data dir', () => {
  it('a second server on the same data dir refuses to start; two first starts make one tenant', async () => {
    const first = await startServer();
    try {
      const second = await startServer({ dataDir: first.dataDir }).then(
        async (s) => {
          await s.dispose();
          return 'started';
        },
        (err: Error) => err.message,
      );
      expect(second).toContain('another Stockroom server is using');
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    } finally {
      await first.dispose();
    }
    for (let round = 0; round < 3; round++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-race-'));
      try {
        const results = await Promise.allSettled([startServer({ dataDir: dir }), startServer({ dataDir: dir })]);
        const started = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof startServer>>> => r.status === 'fulfilled');
        expect(started).toHaveLength(1);
        expect(started[0]!.value.ownerCode).toBeTruthy();
        const owner = await pairDevice(started[0]!.value.url, started[0]!.value.ownerCode!, 'owner');
        expect((await pullAll(owner.api, 'stores')).documents).toHaveLength(1);
        await started[0]!.value.stop();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 120_000);
});

