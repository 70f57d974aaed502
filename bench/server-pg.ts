import pg from 'pg';
import { decideMovement, uuidv7 } from '../shared/index.js';
import { runPgMigrations } from '../sync-server/db/pg-migrations.js';
import { pairDevice, type Device } from '../test/support/client.js';
import { sale, type NewMovement } from '../test/support/docs.js';
import { startPgCluster, type PgCluster } from '../test/support/pg-cluster.js';
import { pullAll } from '../test/support/replication.js';
import { startServer, type ServerHandle } from '../test/support/server-process.js';
import { createProducts, stockUp } from '../test/support/tenant.js';
import { leanClient, pushedRows, serverNodeArgs, type LeanClient } from './support.js';

const DEVICES = 4;
const BATCH = 100;
const PRODUCTS = 200;
const BATCHES_PER_DEVICE = Number(process.env.BENCH_PG_BATCHES ?? process.env.BENCH_PUSH_BATCHES ?? 25);
const ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS ?? 3);
const WARM_UP_BATCHES_PER_DEVICE = Number(process.env.BENCH_PG_WARM_UP ?? 100);

/**
 * The push path on PostgreSQL (issue 13): a throwaway cluster with durable commits (fsync on),
 * 4 devices pushing batches of 100 sales concurrently, as server.push does on SQLite.
 * - server.pg.push.movements_per_s: through one server instance over HTTP;
 * - server.pg.push.raw_movements_per_s: the same transactional ledger work straight through pg
 *   (4 connections, the tenant row locked first, the batched reads and writes the server
 *   issues), the physical limit; ratio = first / second (target ≥ 0.5);
 * - server.pg.two_instances.movements_per_s: the devices split over two instances on the
 *   database, and its ratio to one instance. All rounds alternate; the best of each counts.
 */
export async function serverPg(): Promise<Record<string, number>> {
  const cluster = await startPgCluster({ fast: false, own: true });
  const servers: ServerHandle[] = [];
  const clients: LeanClient[] = [];
  let raw: RawPgLedger | null = null;
  try {
    raw = await openRawPgLedger(await cluster.createDatabase());
    const databaseUrl = await cluster.createDatabase();
    const args = ['--rate-limit', '1000000', '--database', databaseUrl];
    const a = await startServer({ args, expectOwnerCode: true, nodeArgs: serverNodeArgs() });
    servers.push(a);
    const b = await startServer({ args, expectOwnerCode: false, nodeArgs: serverNodeArgs() });
    servers.push(b);
    const owner = await pairDevice(a.url, a.ownerCode!, 'bench-owner');
    const storeId = (await pullAll(owner.api, 'stores')).documents[0]!.id;
    const productIds = (await createProducts(owner, PRODUCTS)).map((p) => p.id);
    await stockUp(owner, storeId, productIds.map((id) => [id, 1_000_000_000] as [string, number]));
    const devices: Device[] = [];
    for (let i = 0; i < DEVICES; i++) {
      const { code } = await owner.api.devices.createPairingCode.mutate({ role: 'staff', storeIds: [storeId] });
      devices.push(await pairDevice(a.url, code, `bench-till-${i}`));
    }
    const ca = leanClient(a.url);
    const cb = leanClient(b.url);
    clients.push(ca, cb);
    const tokens = devices.map((d) => d.token);
    const one = rounds(tokens.map((t) => ({ client: ca, token: t })), storeId, productIds);
    const two = rounds(tokens.map((t, i) => ({ client: i % 2 === 0 ? ca : cb, token: t })), storeId, productIds);

    await one.run(WARM_UP_BATCHES_PER_DEVICE);
    await two.run(WARM_UP_BATCHES_PER_DEVICE);
    await raw.run(DEVICES, WARM_UP_BATCHES_PER_DEVICE, BATCH);
    const oneRates: number[] = [];
    const twoRates: number[] = [];
    const rawRates: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      oneRates.push(await one.run(BATCHES_PER_DEVICE));
      rawRates.push(await raw.run(DEVICES, BATCHES_PER_DEVICE, BATCH));
      twoRates.push(await two.run(BATCHES_PER_DEVICE));
    }
    const oneRate = Math.max(...oneRates);
    const twoRate = Math.max(...twoRates);
    const rawRate = Math.max(...rawRates);
    return {
      'server.pg.push.movements_per_s': round(oneRate),
      'server.pg.push.raw_movements_per_s': round(rawRate),
      'server.pg.push.ratio': round(oneRate / rawRate, 3),
      'server.pg.push.ratio.target': 0.5,
      'server.pg.two_instances.movements_per_s': round(twoRate),
      'server.pg.two_instances.ratio_to_one': round(twoRate / oneRate, 3),
    };
  } finally {
    for (const c of clients) c.close();
    await raw?.close();
    for (const s of servers) await s.dispose();
    await cluster.stop();
  }
}

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Rounds of concurrent pushes: each device sends its batches one after another, to its instance. */
function rounds(devices: Array<{ client: LeanClient; token: string }>, storeId: string, productIds: string[]) {
  let cursor = 0;
  let ticket = uuidv7();
  const batch = (): NewMovement[] =>
    Array.from({ length: BATCH }, () => {
      const n = cursor++;
      if (n % 5 === 0) ticket = uuidv7();
      return sale(storeId, productIds[n % productIds.length]!, 1, ticket);
    });
  return {
    async run(batches: number): Promise<number> {
      const plans = devices.map(() => Array.from({ length: batches }, batch));
      const t0 = performance.now();
      const accepted = await Promise.all(devices.map(async ({ client, token }, d) => {
        let n = 0;
        for (const rows of plans[d]!) n += pushedRows(await client.push(token, rows)).filter((m) => m.status === 'accepted').length;
        return n;
      }));
      const seconds = (performance.now() - t0) / 1000;
      const total = accepted.reduce((x, y) => x + y, 0);
      if (total !== devices.length * batches * BATCH) throw new Error(`only ${total} of ${devices.length * batches * BATCH} movements accepted`);
      return total / seconds;
    },
  };
}

interface RawPgLedger {
  /** `clients` connections each applying `batches` transactions of `batchSize` sales; accepted movements per second. */
  run(clients: number, batches: number, batchSize: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * The server's ledger transaction on PostgreSQL with nothing around it (no HTTP, tRPC,
 * validation or documents): on the server's own schema (db/pg-migrations.ts), per batch BEGIN;
 * the tenant row FOR UPDATE; the ids, the store and the stock rows in one query each; decide;
 * one unnest INSERT of the movements, one unnest UPDATE of the stock rows, the seq bump with its
 * NOTIFY; COMMIT.
 */
async function openRawPgLedger(url: string): Promise<RawPgLedger> {
  const pool = new pg.Pool({ connectionString: url, max: DEVICES, types: { getTypeParser: ((oid: number, f?: string) => (oid === 20 ? Number : pg.types.getTypeParser(oid, f as never))) as pg.CustomTypesConfig['getTypeParser'] } });
  const setup = await pool.connect();
  const tenant = uuidv7();
  const storeId = uuidv7();
  const productIds = Array.from({ length: PRODUCTS }, () => uuidv7());
  try {
    await runPgMigrations(setup);
    await setup.query('INSERT INTO tenants (id, name, currency, seq, created_at) VALUES ($1, $2, $3, 0, $4)', [tenant, 'raw', 'USD', Date.now()]);
    await setup.query('INSERT INTO stores (tenant_id, id, name, timezone, allow_negative_stock, seq) VALUES ($1, $2, $3, $4, 0, 0)', [tenant, storeId, 'raw', 'UTC']);
    await setup.query(`INSERT INTO products (tenant_id, id, sku, name, barcodes, unit, price_cents, cost_cents, active, updated_at, seq)
      SELECT $1, p, p, p, '[]', 'pcs', 100, 50, 1, 0, 0 FROM unnest($2::text[]) AS p`, [tenant, productIds]);
    await setup.query(`INSERT INTO stock (tenant_id, id, store_id, product_id, on_hand, applied_seq, updated_at, seq)
      SELECT $1, $2 || ':' || p, $2, p, 1000000000, 0, 0, 0 FROM unnest($3::text[]) AS p`, [tenant, storeId, productIds]);
  } finally {
    setup.release();
  }
  const deviceId = uuidv7();
  const applyBatch = async (rows: Array<{ id: string; productId: string; ticketId: string }>): Promise<number> => {
    const c = await pool.connect();
    try {
      const now = Date.now();
      await c.query('BEGIN');
      let seq = (await c.query({ name: 'lock', text: 'SELECT seq FROM tenants WHERE id = $1 FOR UPDATE', values: [tenant] })).rows[0].seq as number;
      const known = new Set((await c.query({ name: 'ids', text: 'SELECT id FROM movements WHERE tenant_id = $1 AND id = ANY($2::text[])', values: [tenant, rows.map((r) => r.id)] })).rows.map((r) => r.id as string));
      const store = (await c.query({ name: 'store', text: 'SELECT allow_negative_stock FROM stores WHERE tenant_id = $1 AND id = $2', values: [tenant, storeId] })).rows[0];
      const sids = [...new Set(rows.map((r) => `${storeId}:${r.productId}`))];
      const levels = new Map((await c.query({ name: 'stock', text: 'SELECT id, on_hand, applied_seq FROM stock WHERE tenant_id = $1 AND id = ANY($2::text[])', values: [tenant, sids] }))
        .rows.map((r) => [r.id as string, { onHand: r.on_hand as number, appliedSeq: r.applied_seq as number, moved: false }]));
      const ins: unknown[][] = [[], [], [], [], [], [], [], [], []];
      let accepted = 0;
      for (const row of rows) {
        if (known.has(row.id)) continue;
        const level = levels.get(`${storeId}:${row.productId}`)!;
        const verdict = decideMovement(level.onHand, { allowNegativeStock: store.allow_negative_stock === 1 }, { kind: 'sale', delta: -1 });
        const mseq = ++seq;
        const ok = verdict.status === 'accepted';
        if (ok) {
          level.onHand = verdict.balanceAfter;
          level.appliedSeq = mseq;
          level.moved = true;
          accepted++;
        }
        [row.id, row.productId, row.ticketId, ok ? 'accepted' : 'rejected', ok ? mseq : null, ok ? verdict.balanceAfter : null,
          ok ? null : JSON.stringify(verdict.rejection), mseq, now].forEach((v, i) => ins[i]!.push(v));
      }
      await c.query({
        name: 'insert',
        text: `INSERT INTO movements (tenant_id, store_id, kind, delta, device_id, client_time, server_time, id, product_id, ticket_id, status, ledger_seq, balance_after, rejection, seq)
          SELECT $1, $2, 'sale', -1, $3, t, t, id, p, tk, st, ls, ba, rj, sq FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::bigint[], $10::text[], $11::bigint[], $12::bigint[]) AS u(id, p, tk, st, ls, ba, rj, sq, t)`,
        values: [tenant, storeId, deviceId, ...ins],
      });
      const moved = [...levels].filter(([, l]) => l.moved);
      await c.query({
        name: 'levels',
        text: `UPDATE stock s SET on_hand = u.o, applied_seq = u.a, updated_at = $2, seq = u.q
          FROM unnest($3::text[], $4::bigint[], $5::bigint[], $6::bigint[]) AS u(id, o, a, q) WHERE s.tenant_id = $1 AND s.id = u.id`,
        values: [tenant, now, moved.map(([id]) => id), moved.map(([, l]) => l.onHand), moved.map(([, l]) => l.appliedSeq), moved.map((_, i) => seq + 1 + i)],
      });
      seq += moved.length;
      await c.query({ name: 'bump', text: `WITH b AS (UPDATE tenants SET seq = $2 WHERE id = $1 RETURNING seq)
        SELECT pg_notify('stockroom_changes', json_build_object('t', $1::text, 's', (SELECT seq FROM b))::text)`, values: [tenant, seq] });
      await c.query('COMMIT');
      return accepted;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  };
  let cursor = 0;
  return {
    async run(clients, batches, batchSize) {
      let ticketId = uuidv7();
      const work = Array.from({ length: clients }, () => Array.from({ length: batches }, () => Array.from({ length: batchSize }, () => {
        if (cursor % 5 === 0) ticketId = uuidv7();
        return { id: uuidv7(), productId: productIds[cursor++ % productIds.length]!, ticketId };
      })));
      const started = performance.now();
      const accepted = await Promise.all(work.map(async (mine) => {
        let n = 0;
        for (const b of mine) n += await applyBatch(b);
        return n;
      }));
      const seconds = (performance.now() - started) / 1000;
      return accepted.reduce((x, y) => x + y, 0) / seconds;
    },
    close: () => pool.end(),
  };
}
