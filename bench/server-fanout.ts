import net from 'node:net';
import { uuidv7 } from '../shared/index.js';
import { sale } from '../test/support/docs.js';
import { createProducts, pairStaff, startTenant, stockUp } from '../test/support/tenant.js';
import { percentile } from './client/stats.js';
import { leanClient, pushedRows, serverNodeArgs } from './support.js';

const STREAMS = Number(process.env.BENCH_FANOUT_STREAMS ?? 500);
const STREAMS_PER_DEVICE = 4;
const PUSHES = Number(process.env.BENCH_FANOUT_PUSHES ?? 200);
const LINES = 10;
const EVERY_MS = 50;
const PRODUCTS = 200;

/**
 * What open change streams cost another device's pushes (DESIGN §3). A till pushes tickets of
 * 10 lines, one every 50 ms (20 tickets a second in one store), and each push's latency is
 * measured with no stream open, then with 500 streams open on the same store (125 devices × 4,
 * the per-device cap), every one reading every event: each push then goes out 1 000 times.
 * `server.stream_fanout.ratio` = median push time without ÷ with. The readers count what they
 * get: a stream that received a RESYNC or fewer events than were pushed fails the bench.
 */
export async function serverFanout(): Promise<Record<string, number>> {
  const tenant = await startTenant({ args: ['--rate-limit', '1000000'], nodeArgs: serverNodeArgs() });
  const client = leanClient(tenant.server.url, 4);
  const sockets: net.Socket[] = [];
  try {
    const storeId = tenant.defaultStoreId;
    const productIds = (await createProducts(tenant.owner, PRODUCTS)).map((p) => p.id);
    await stockUp(tenant.owner, storeId, productIds.map((id) => [id, 100_000_000] as [string, number]));
    const till = await pairStaff(tenant, storeId, 'pushing till');
    let n = 0;
    const ticket = () => {
      const ticketId = uuidv7();
      return Array.from({ length: LINES }, () => sale(storeId, productIds[n++ % PRODUCTS]!, 1, ticketId));
    };
    const pushRun = async (): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < PUSHES; i++) {
        const t0 = performance.now();
        pushedRows(await client.push(till.token, ticket()));
        times.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, Math.max(0, EVERY_MS - (performance.now() - t0))));
      }
      return times;
    };
    await pushRun(); // warm-up
    const without = await pushRun();

    const readers: Array<{ events: number; resync: boolean }> = [];
    for (let d = 0; d < STREAMS / STREAMS_PER_DEVICE; d++) {
      const device = await pairStaff(tenant, storeId, `watching tablet ${d}`);
      for (let s = 0; s < STREAMS_PER_DEVICE; s++) readers.push(await openReader(tenant.server.port, device.token, sockets));
    }
    const withStreams = await pushRun();
    await new Promise((r) => setTimeout(r, 1_000)); // the last events reach every reader
    const short = readers.filter((r) => r.resync || r.events < PUSHES * 2);
    if (short.length > 0) throw new Error(`${short.length} of ${readers.length} streams missed events (first: ${JSON.stringify(short[0])})`);

    const p50 = (xs: number[]) => percentile(xs, 50);
    const p95 = (xs: number[]) => percentile(xs, 95);
    return {
      'server.stream_fanout.push_p50_ms': round(p50(without)),
      'server.stream_fanout.push_p50_ms_500_streams': round(p50(withStreams)),
      'server.stream_fanout.push_p95_ms': round(p95(without)),
      'server.stream_fanout.push_p95_ms_500_streams': round(p95(withStreams)),
      'server.stream_fanout.ratio': round(p50(without) / p50(withStreams), 3),
      'server.stream_fanout.ratio.target': 0.5,
      'server.stream_fanout.rss_mb': round(tenant.server.rssMb(), 1),
    };
  } finally {
    for (const s of sockets) s.destroy();
    client.close();
    await tenant.dispose();
  }
}

/** An SSE reader on a raw socket that counts events and discards the bytes. */
function openReader(port: number, token: string, sockets: net.Socket[]): Promise<{ events: number; resync: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    sockets.push(socket);
    const state = { events: 0, resync: false };
    let tail = '';
    let connected = false;
    socket.setEncoding('latin1');
    socket.on('connect', () => {
      const input = encodeURIComponent(JSON.stringify({ collections: ['movements', 'stock'] }));
      socket.write(`GET /trpc/replication.stream?input=${input} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`);
    });
    socket.on('data', (chunk: string) => {
      const text = tail + chunk;
      state.events += text.split('\nid: ').length - 1;
      if (text.includes('"RESYNC"')) state.resync = true;
      if (!connected && text.includes('event: connected')) {
        connected = true;
        resolve(state);
      }
      tail = text.slice(-4); // shorter than the pattern: no match is counted twice
    });
    socket.on('error', reject);
  });
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
