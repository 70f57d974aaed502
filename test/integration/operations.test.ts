import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairDevice } from '../support/client.js';
import { runCli } from '../support/cli.js';
import { sale } from '../support/docs.js';
import { pullAll, pushMovements } from '../support/replication.js';
import { createProduct, startTenant, stockUp, testBackend, type TestTenant } from '../support/tenant.js';

describe('operations (DESIGN §9)', () => {
  let tenant: TestTenant;
  let scratch: string;

  beforeAll(async () => {
    tenant = await startTenant();
    scratch = mkdtempSync(join(tmpdir(), 'stockroom-ops-'));
  });
  afterAll(async () => {
    await tenant?.dispose();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('GET /healthz answers 200 JSON', async () => {
    const res = await fetch(`${tenant.server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body: unknown = await res.json();
    expect(typeof body).toBe('object');
    expect(body).not.toBeNull();
  });

  it('GET /metrics answers Prometheus text that counts requests', async () => {
    const p = await createProduct(tenant.owner);
    await stockUp(tenant.owner, tenant.defaultStoreId, [[p.id, 3]]);
    const res = await fetch(`${tenant.server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^# HELP \w+ .+$/m);
    expect(text).toMatch(/^# TYPE \w+ (counter|gauge|histogram|summary)$/m);
    // Every sample line is `name{labels} value`.
    const samples = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(samples.length).toBeGreaterThan(0);
    for (const line of samples) expect(line).toMatch(/^[a-zA-Z_:][\w:]*(\{[^}]*\})? (-?[\d.e+-]+|NaN|[+-]Inf)( \d+)?$/);
    expect(text).toMatch(/replication\.push|replication_push|push/);
    // The ledger's count and the procedure timings (a histogram), and prom-client's process metrics.
    expect(Number(/^stockroom_movements_total\{status="accepted"\} (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^stockroom_trpc_call_duration_seconds_bucket\{le="0\.005",procedure="replication\.push"\} \d+$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('the pair CLI prints a code that pairs while the server is running', async () => {
    // SQLite: through the running server's admin socket; PostgreSQL: straight into the database.
    const where = tenant.databaseUrl ? ['--database', tenant.databaseUrl] : ['--data', tenant.server.dataDir];
    const out = await runCli(['pair', ...where, '--role', 'staff', '--store', tenant.defaultStoreId]);
    expect(out.code, out.stderr).toBe(0);
    const code = /pairing code: (\S+)/.exec(out.stdout)?.[1];
    expect(code).toBeTruthy();
    const device = await pairDevice(tenant.server.url, code!, 'cli-paired-till');
    expect(device.role).toBe('staff');
    expect(device.storeIds).toEqual([tenant.defaultStoreId]);
    expect((await device.api.auth.whoami.query()).deviceId).toBe(device.deviceId);
  });

  it.runIf(testBackend() === 'postgres')('backup on PostgreSQL is pg_dump: the CLI says so, and a pg_dump of the live database holds the movements', async () => {
    const p = await createProduct(tenant.owner);
    await stockUp(tenant.owner, tenant.defaultStoreId, [[p.id, 10]]);
    const [stored] = await pushMovements(tenant.owner.api, [sale(tenant.defaultStoreId, p.id, 4)]);
    const refused = await runCli(['backup', '--database', tenant.databaseUrl!, '--out', join(scratch, 'x')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pg_dump/);
    const file = join(scratch, 'backup.sql');
    await promisify(execFile)('pg_dump', ['--dbname', tenant.databaseUrl!, '--file', file]);
    const dump = readFileSync(file, 'utf8');
    expect(dump).toContain('COPY public.movements');
    expect(dump).toContain(stored!.id);
  });

  it.runIf(testBackend() === 'sqlite')('the backup CLI writes a SQLite file that opens and holds the movements', async () => {
    const p = await createProduct(tenant.owner);
    await stockUp(tenant.owner, tenant.defaultStoreId, [[p.id, 10]]);
    const stored = await pushMovements(tenant.owner.api, [sale(tenant.defaultStoreId, p.id, 4)]);
    const file = join(scratch, 'backup.sqlite');
    const out = await runCli(['backup', '--data', tenant.server.dataDir, '--out', file]);
    expect(out.code, out.stderr).toBe(0);

    const all = (await pullAll(tenant.owner.api, 'movements')).documents;
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = (db.prepare('SELECT id FROM movements').all() as Array<{ id: string }>).map((r) => r.id);
      expect(ids.sort()).toEqual(all.map((m) => m.id).sort());
      const row = db.prepare('SELECT on_hand FROM stock WHERE store_id = ? AND product_id = ?').get(tenant.defaultStoreId, p.id) as
        | { on_hand: number }
        | undefined;
      expect(row?.on_hand).toBe(6);
      expect(ids).toContain(stored[0]!.id);
    } finally {
      db.close();
    }
  });

  it('shuts down gracefully on SIGTERM and serves the same data after a restart', async () => {
    const before = await tenant.owner.api.replication.digest.query({ storeId: tenant.defaultStoreId });
    const exit = await tenant.server.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    await tenant.server.restart();
    const after = await tenant.owner.api.replication.digest.query({ storeId: tenant.defaultStoreId });
    expect(after).toEqual(before);
    expect(tenant.server.output()).not.toMatch(/owner pairing code: \S+[\s\S]*owner pairing code:/);
  });
});
