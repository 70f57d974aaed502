import { Pool } from 'undici';

/** Extra node flags for the server child, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it. */
export function serverNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}


/**
 * A device's push with a lean HTTP client (undici's Pool: keep-alive connections, no fetch).
 * The push benches measure the server; tRPC's client (fetch, links, proxies) cost the bench
 * process ~4 ms per 100-row push, enough to leave the server waiting for requests, and with
 * node:http the 1 000-device bench's own event loop lagged by tens of milliseconds.
 */
export interface LeanClient {
  /** POST /trpc/replication.push; resolves with the status and the parsed body. */
  push(token: string, rows: readonly unknown[]): Promise<{ status: number; body: unknown }>;
  close(): void;
}

export function leanClient(baseUrl: string, connections = 64): LeanClient {
  const pool = new Pool(baseUrl, { connections, pipelining: 1, keepAliveTimeout: 4_000 });
  return {
    async push(token, rows) {
      const body = JSON.stringify({ collection: 'movements', rows: rows.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState })) });
      const res = await pool.request({
        path: '/trpc/replication.push',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      return { status: res.statusCode, body: await res.body.json() };
    },
    close: () => void pool.destroy(),
  };
}

/** The stored rows of a successful push answer (tRPC's `{ result: { data } }`). */
export function pushedRows(answer: { status: number; body: unknown }): Array<{ status: string }> {
  if (answer.status !== 200) throw new Error(`push answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
  return (answer.body as { result: { data: Array<{ status: string }> } }).result.data;
}

/** A number from the server's /metrics text (first sample of that name), or 0. */
export async function metricValue(baseUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}
