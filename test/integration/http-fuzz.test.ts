import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairDevice } from '../support/client.js';
import { randomInt, seededRandom } from '../support/random.js';
import { rawRequest } from '../support/raw-http.js';
import { startServer, type ServerHandle } from '../support/server-process.js';
import { makeWebDirs } from '../support/web-dirs.js';

const SEED = Number(process.env.STOCKROOM_SEED ?? Date.now() % 1_000_000);
const REQUESTS = Number(process.env.STOCKROOM_FUZZ_REQUESTS ?? 3000);
const PARALLEL = 16;

/**
 * DESIGN §6: no malformed request line, path, percent sequence, header or body — on any route,
 * authenticated or not, with `--web` — stops the server or serves a file outside its folder.
 * Requests are generated from a seeded grammar (replay with STOCKROOM_SEED).
 */
describe(`HTTP fuzz (seed ${SEED})`, () => {
  let server: ServerHandle;
  let dirs: ReturnType<typeof makeWebDirs>;
  let token: string;

  beforeAll(async () => {
    dirs = makeWebDirs();
    // No rate limit: every request reaches as deep into the server as it can.
    server = await startServer({ args: ['--web', dirs.web, '--rate-limit', '0'] });
    token = (await pairDevice(server.url, server.ownerCode!, 'fuzz owner')).token;
  });
  afterAll(async () => {
    await server?.dispose();
    fs.rmSync(dirs.root, { recursive: true, force: true });
  });

  it('answers every request and keeps serving', async () => {
    const rand = seededRandom(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const procedures = ['health', 'auth.pair', 'auth.whoami', 'replication.pull', 'replication.push', 'replication.stream',
      'replication.digest', 'devices.list', 'devices.revoke', 'devices.createPairingCode', 'devices.reportHealth', 'reports.movementHistory',
      'nope', 'health,auth.whoami', ''];
    const junk = ['%', '%z', '%2', '%00', '%ff', '%c0%af', '%252e', '..', '.', '%2e%2e', '%2f', '%5c', '\\', '//', ';', '@', 'é', '%E2%80%AE',
      '\u0000', '?', '#', '%%', 'a'.repeat(3000), '~', '*', '..%2f..%2fweb-private%2fsecret.txt', 'link.txt', 'index.html', 'assets/app.js'];
    const segment = () => (rand() < 0.5 ? pick(junk) : Math.random().toString(36).slice(2, 2 + randomInt(rand, 0, 8)));
    const path = (): string => {
      switch (randomInt(rand, 0, 6)) {
        case 0: return `/trpc/${pick(procedures)}`;
        case 1: return `/trpc/${pick(procedures)}?input=${pick(['', '{', 'null', '%7B%7D', encodeURIComponent(JSON.stringify(body()))])}`;
        case 2: return pick(['/healthz', '/metrics', '/', '//', '*', '/trpc', '/trpc/']);
        case 3: return `/${Array.from({ length: randomInt(rand, 1, 5) }, segment).join('/')}`;
        case 4: return `/${segment()}${segment()}?${segment()}=${segment()}`;
        case 5: return pick(['http://evil.example/', '//evil.example/x', '/\\evil', '/%2F%2Fevil', 'x', '']);
        default: return `/trpc/${pick(procedures)}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: body() }))}`;
      }
    };
    const body = (): unknown => {
      switch (randomInt(rand, 0, 9)) {
        case 0: return { collection: pick(['movements', 'stock', 'products', 'stores', 'x', 1]), rows: [{ newDocumentState: { id: segment(), delta: pick([1, -1, 1e308, 'x', null]) } }] };
        case 1: return { collection: 'stock', checkpoint: pick([null, { seq: -1 }, { seq: 1e300 }, { seq: 1, epoch: segment() }]), limit: pick([0, 1, 5001, 'all']) };
        case 2: return { code: segment(), deviceName: pick(['x', '', '\uD800', 'a'.repeat(1000)]) };
        case 3: {
          let deep: unknown = segment();
          for (let i = 0; i < 30; i++) deep = [deep];
          return { deep };
        }
        case 4: return { collections: pick([[], ['stock'], ['x'], Array(100).fill('stock')]) };
        case 5: return { deviceId: segment(), storeId: segment(), productId: segment(), limit: 1e9 };
        case 6: return { role: pick(['owner', 'staff', 'root']), storeIds: pick([[], [segment()], 'x']) };
        case 7: return Array.from({ length: randomInt(rand, 0, 50) }, () => segment());
        case 8: return { ['__proto__']: { polluted: true }, constructor: { prototype: { x: 1 } } };
        default: return null;
      }
    };
    const rawBody = (): string => {
      switch (randomInt(rand, 0, 4)) {
        case 0: return JSON.stringify(body());
        case 1: return JSON.stringify(body()).slice(0, randomInt(rand, 0, 20));
        case 2: return pick(['', 'null', '{', '}}}', '\u0000\u0001', '{"a":'.repeat(2000), `${'['.repeat(100_000)}${']'.repeat(100_000)}`]);
        case 3: return 'x'.repeat(randomInt(rand, 0, 200_000));
        default: return `{"json":${JSON.stringify(body())}}`;
      }
    };
    const headerSets = (): Array<[string, string]> => {
      const h: Array<[string, string]> = [];
      if (rand() < 0.85) h.push(['Host', pick([`127.0.0.1:${server.port}`, 'localhost', 'evil.example', '', 'a b', '[::1', `127.0.0.1:${server.port}, evil`])]);
      if (rand() < 0.3) h.push(['Origin', pick(['https://evil.example', 'null', 'app://stockroom', 'http://127.0.0.1:5173', 'garbage', '://', `http://127.0.0.1:${server.port}`])]);
      if (rand() < 0.6) h.push(['Authorization', pick([`Bearer ${token}`, `Bearer ${token}`, 'Bearer', 'Bearer x', `Bearer ${'t'.repeat(5000)}`, 'Basic Zm9vOmJhcg==', `bearer  ${token}  `, 'Bearer \u00ff'])]);
      if (rand() < 0.3) h.push(['x-stockroom-protocol', pick(['1', '0', '2', '0x1', '1e0', '', '-1', '9'.repeat(50)])]);
      if (rand() < 0.2) h.push(['Last-Event-ID', pick(['1', 'x', '\u00ff', '9'.repeat(200)])]);
      if (rand() < 0.2) h.push(['Accept', pick(['text/event-stream', 'application/jsonl', '*/*'])]);
      if (rand() < 0.1) h.push(['Content-Length', pick(['0', '-1', '99999999', 'abc', '5'])]);
      if (rand() < 0.1) h.push(['Transfer-Encoding', pick(['chunked', 'gzip', 'chunked, chunked'])]);
      if (rand() < 0.05) for (let i = 0; i < 200; i++) h.push([`X-Junk-${i}`, 'y'.repeat(100)]);
      return h;
    };
    const request = (): string => {
      const method = pick(['GET', 'GET', 'POST', 'POST', 'OPTIONS', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'FOO', 'G ET', '']);
      const version = pick(['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', '']);
      const headers = headerSets();
      const data = method === 'POST' || rand() < 0.1 ? rawBody() : '';
      if (data && !headers.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k))) {
        headers.push(['Content-Type', pick(['application/json', 'text/plain', 'multipart/form-data', ''])]);
        headers.push(['Content-Length', String(Buffer.byteLength(data))]);
      }
      headers.push(['Connection', 'close']);
      return `${method} ${path()} ${version}\r\n${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${data}`;
    };

    const statuses = new Map<string, number>();
    let unanswered = 0;
    for (let done = 0; done < REQUESTS; done += PARALLEL) {
      const batch = Array.from({ length: Math.min(PARALLEL, REQUESTS - done) }, request);
      const answers = await Promise.all(batch.map((r) => rawRequest(server.port, r, 15_000)));
      answers.forEach((res, i) => {
        expect(res.body, batch[i]!.slice(0, 300)).not.toContain(dirs.secret);
        const key = res.status === null ? 'closed' : String(res.status);
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (res.status === null) unanswered++;
        else expect(res.status, batch[i]!.slice(0, 300)).not.toBe(500);
      });
      if ((done / PARALLEL) % 20 === 0) expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    }
    console.info(`fuzz seed ${SEED}: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    // A request Node's parser cannot read is answered 400 and closed; none may go unanswered
    // but a rare one whose bytes the parser took as a second, incomplete request.
    expect(unanswered).toBeLessThan(REQUESTS * 0.01);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.output()).not.toMatch(/uncaught|unhandled|RangeError|TypeError/i);
  }, 300_000);
});
