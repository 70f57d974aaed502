import Database from 'better-sqlite3';
import pg from 'pg';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, expectProblem, pairDevice, type Device } from '../support/client.js';
import { product, receipt, sale, store } from '../support/docs.js';
import { latestById, pullAll, pushMovements } from '../support/replication.js';
import { createProduct, createStore, pairStaff, startTenant, stockUp, type TestTenant } from '../support/tenant.js';

describe('roles, store scope, revocation and pairing codes', () => {
  let tenant: TestTenant;
  let storeA: string;
  let storeB: string;
  let productId: string;
  let staffA: Device;

  beforeAll(async () => {
    tenant = await startTenant({ args: ['--rate-limit', '100000'] });
    storeA = tenant.defaultStoreId;
    storeB = (await createStore(tenant.owner, 'Branch B')).id;
    productId = (await createProduct(tenant.owner, 'Shared product')).id;
    await stockUp(tenant.owner, storeA, [[productId, 10]]);
    await stockUp(tenant.owner, storeB, [[productId, 20]]);
    staffA = await pairStaff(tenant, storeA, 'till-a');
  });
  afterAll(async () => {
    await tenant?.dispose();
  });

  it('staff of store A pulls no rows of store B', async () => {
    const movements = (await pullAll(staffA.api, 'movements')).documents;
    const stock = (await pullAll(staffA.api, 'stock')).documents;
    expect(movements.some((m) => m.storeId === storeA)).toBe(true);
    expect(stock.some((s) => s.storeId === storeA)).toBe(true);
    expect(movements.filter((m) => m.storeId === storeB)).toEqual([]);
    expect(stock.filter((s) => s.storeId === storeB)).toEqual([]);
    // The catalog is shared: staff read it.
    expect((await pullAll(staffA.api, 'products')).documents.some((p) => p.id === productId)).toBe(true);
  });

  it('staff of store A gets forbidden-store for store B digest and movements, and nothing changes', async () => {
    const before = await tenant.owner.api.replication.digest.query({ storeId: storeB });
    expect((await expectProblem(staffA.api.replication.digest.query({ storeId: storeB }))).type).toBe('forbidden-store');
    const problem = await expectProblem(pushMovements(staffA.api, [sale(storeB, productId, 1)]));
    expect(problem.type).toBe('forbidden-store');
    expect(problem.status).toBe(403);
    // A mixed batch (A and B) is refused as a whole: nothing of it is applied.
    const mixedA = sale(storeA, productId, 1);
    expect((await expectProblem(pushMovements(staffA.api, [mixedA, receipt(storeB, productId, 5)]))).type).toBe('forbidden-store');
    const after = await tenant.owner.api.replication.digest.query({ storeId: storeB });
    expect(after.digest).toBe(before.digest);
    const all = (await pullAll(tenant.owner.api, 'movements')).documents;
    expect(all.some((m) => m.id === mixedA.id)).toBe(false);
  });

  it('staff cannot edit the catalog, create stores or manage devices', async () => {
    const productsBefore = (await pullAll(tenant.owner.api, 'products')).documents.length;
    const p = product('Sneaky');
    const problem = await expectProblem(
      staffA.api.replication.push.mutate({ collection: 'products', rows: [{ assumedMasterState: null, newDocumentState: p }] }),
    );
    expect(problem.type).toBe('forbidden');
    expect((await expectProblem(
      staffA.api.replication.push.mutate({ collection: 'stores', rows: [{ assumedMasterState: null, newDocumentState: store('Fake') }] }),
    )).type).toBe('forbidden');
    expect((await expectProblem(staffA.api.devices.createPairingCode.mutate({ role: 'owner', storeIds: [] }))).type).toBe('forbidden');
    expect((await expectProblem(staffA.api.devices.list.query())).type).toBe('forbidden');
    expect((await pullAll(tenant.owner.api, 'products')).documents.length).toBe(productsBefore);
  });

  it('a revoked device is unauthenticated on every call', async () => {
    const doomed = await pairStaff(tenant, storeA, 'stolen-tablet');
    expect((await doomed.api.auth.whoami.query()).deviceId).toBe(doomed.deviceId);
    await tenant.owner.api.devices.revoke.mutate({ deviceId: doomed.deviceId });
    expect((await expectProblem(doomed.api.auth.whoami.query())).type).toBe('unauthenticated');
    expect((await expectProblem(pullAll(doomed.api, 'stock'))).type).toBe('unauthenticated');
    const p = await expectProblem(pushMovements(doomed.api, [sale(storeA, productId, 1)]));
    expect(p.type).toBe('unauthenticated');
    expect(p.status).toBe(401);
    const listed = await tenant.owner.api.devices.list.query();
    expect(JSON.stringify(listed)).toContain(doomed.deviceId);
  });

  it('a missing or made-up token is unauthenticated', async () => {
    expect((await expectProblem(createApi(tenant.server.url, null).replication.digest.query({ storeId: storeA }))).type).toBe('unauthenticated');
    expect((await expectProblem(createApi(tenant.server.url, 'not-a-real-token').auth.whoami.query())).type).toBe('unauthenticated');
  });

  it('refuses a wrong, a used and an expired pairing code', async () => {
    const url = tenant.server.url;
    const wrong = await expectProblem(pairDevice(url, 'WRONG-CODE-123', 'intruder'));
    expect(wrong.type).toBe('unauthenticated');

    const { code } = await tenant.owner.api.devices.createPairingCode.mutate({ role: 'staff', storeIds: [storeA] });
    const first = await pairDevice(url, code, 'first');
    expect(first.role).toBe('staff');
    expect(first.storeIds).toEqual([storeA]);
    expect((await expectProblem(pairDevice(url, code, 'second'))).type).toBe('unauthenticated');

    // Expire a fresh code by moving its expiry into the past in the database file, with the
    // server stopped (it holds the file exclusively while it runs).
    const fresh = await tenant.owner.api.devices.createPairingCode.mutate({ role: 'staff', storeIds: [storeA] });
    expect(fresh.expiresAt).toBeGreaterThan(Date.now());
    if (tenant.databaseUrl) {
      // PostgreSQL is shared: edit it while the instances run.
      const client = new pg.Client({ connectionString: tenant.databaseUrl });
      await client.connect();
      try {
        const changed = (await client.query('UPDATE pairing_codes SET expires_at = $1 WHERE used_at IS NULL', [Date.now() - 1000])).rowCount;
        expect(changed).toBeGreaterThanOrEqual(1);
      } finally {
        await client.end();
      }
    } else {
      await tenant.server.stop();
      const db = new Database(join(tenant.server.dataDir, 'stockroom.sqlite'));
      try {
        const changed = db.prepare('UPDATE pairing_codes SET expires_at = ? WHERE used_at IS NULL').run(Date.now() - 1000).changes;
        expect(changed).toBeGreaterThanOrEqual(1);
      } finally {
        db.close();
      }
      await tenant.server.restart();
    }
    expect((await expectProblem(pairDevice(url, fresh.code, 'late'))).type).toBe('unauthenticated');
  });

  it('the owner still sees both stores unchanged', async () => {
    const stock = latestById((await pullAll(tenant.owner.api, 'stock')).documents);
    expect(stock.get(`${storeB}:${productId}`)?.onHand).toBe(20);
  });
});
