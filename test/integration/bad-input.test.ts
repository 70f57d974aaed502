import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, uuidv7 } from '../../shared/index.js';
import { createApi, expectProblem, type Device } from '../support/client.js';
import { adjustment, movement, sale } from '../support/docs.js';
import { pullAll, pushMovements } from '../support/replication.js';
import { createProduct, pairStaff, startTenant, stockUp, type TestTenant } from '../support/tenant.js';

/**
 * DESIGN §6/§8: a bad input gets a problem error of the right type, never
 * reaches the database and never crashes the server.
 */
describe('bad input', () => {
  let tenant: TestTenant;
  let till: Device;
  let productId: string;

  beforeAll(async () => {
    tenant = await startTenant({ args: ['--rate-limit', '100000'] });
    till = await pairStaff(tenant, tenant.defaultStoreId, 'till');
    productId = (await createProduct(tenant.owner)).id;
    await stockUp(tenant.owner, tenant.defaultStoreId, [[productId, 100]]);
  });
  afterAll(async () => {
    await tenant?.dispose();
  });

  /** Everything a device could observe: the store digest and every pulled row. */
  async function snapshot(): Promise<string> {
    const { digest, seq } = await tenant.owner.api.replication.digest.query({ storeId: tenant.defaultStoreId });
    const collections = await Promise.all(
      (['stores', 'products', 'stock', 'movements'] as const).map((c) => pullAll(tenant.owner.api, c)),
    );
    return JSON.stringify({ digest, seq, collections });
  }

  async function expectUnchangedAndServing(before: string): Promise<void> {
    expect(await snapshot()).toBe(before);
    const res = await fetch(`${tenant.server.url}/healthz`);
    expect(res.status).toBe(200);
  }

  /** Cast helper: send what the types forbid, as a hostile or buggy client would. */
  const raw = <T>(value: unknown): T => value as T;

  it('wrong types → invalid-input', async () => {
    const before = await snapshot();
    const doc = { ...sale(tenant.defaultStoreId, productId, 1), delta: 'minus one' };
    const p = await expectProblem(pushMovements(till.api, [raw(doc)]));
    expect(p.type).toBe('invalid-input');
    expect(p.status).toBe(400);
    expect((await expectProblem(till.api.replication.pull.query(raw({ collection: 'stock', checkpoint: { seq: -5 }, limit: 'all' })))).type).toBe('invalid-input');
    expect((await expectProblem(till.api.replication.push.mutate(raw({ collection: 'movements', rows: 'everything' })))).type).toBe('invalid-input');
    // A sale with a positive delta breaks the kind rules (DESIGN §2).
    const positiveSale = { ...sale(tenant.defaultStoreId, productId, 1), delta: 5 };
    expect((await expectProblem(pushMovements(till.api, [positiveSale]))).type).toBe('invalid-input');
    await expectUnchangedAndServing(before);
  });

  it('unknown collection → invalid-input', async () => {
    const before = await snapshot();
    expect((await expectProblem(till.api.replication.pull.query(raw({ collection: 'devices', checkpoint: null, limit: 10 })))).type).toBe('invalid-input');
    expect((await expectProblem(till.api.replication.push.mutate(raw({ collection: 'tenants', rows: [{ assumedMasterState: null, newDocumentState: { id: 'x' } }] })))).type).toBe('invalid-input');
    await expectUnchangedAndServing(before);
  });

  it('a 100 kB reason → invalid-input, and the valid row in the same batch is not applied', async () => {
    const before = await snapshot();
    const good = sale(tenant.defaultStoreId, productId, 1);
    const huge = adjustment(tenant.defaultStoreId, productId, -1, 'x'.repeat(100_000));
    expect((await expectProblem(pushMovements(till.api, [good, huge]))).type).toBe('invalid-input');
    await expectUnchangedAndServing(before);
  });

  it('100 000 rows in one push → invalid-input', async () => {
    const before = await snapshot();
    const rows = Array.from({ length: 100_000 }, () => sale(tenant.defaultStoreId, productId, 1));
    const p = await expectProblem(pushMovements(till.api, rows));
    expect(p.type).toBe('invalid-input');
    // Under the body limit but over the row limit: refused by validation, not by size.
    const justOver = rows.slice(0, 1001);
    const q = await expectProblem(pushMovements(till.api, justOver));
    expect(q).toMatchObject({ type: 'invalid-input', status: 400 });
    await expectUnchangedAndServing(before);
  });

  it('unknown store and unknown product → rejected verdicts of those codes, not stored', async () => {
    const before = await snapshot();
    const ghostStore = movement({ storeId: uuidv7(), productId, kind: 'receipt', delta: 5 });
    const ghostProduct = movement({ storeId: tenant.defaultStoreId, productId: uuidv7(), kind: 'receipt', delta: 5 });
    const out = await pushMovements(tenant.owner.api, [ghostStore, ghostProduct]);
    expect(out.map((m) => [m.status, m.rejection?.code])).toEqual([['rejected', 'unknown-store'], ['rejected', 'unknown-product']]);
    await expectUnchangedAndServing(before);
  });

  it('malformed JSON over raw HTTP → 400 with an invalid-input problem', async () => {
    const before = await snapshot();
    const res = await fetch(`${tenant.server.url}/trpc/replication.push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${till.token}` },
      body: '{"collection":"movements","rows":[{"newDocumentState":{"id":',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error?: { data?: { problem?: unknown } } };
    const problem = body.error?.data?.problem;
    expect(isProblem(problem) && problem.type).toBe('invalid-input');
    await expectUnchangedAndServing(before);
  });

  it('a missing token → unauthenticated, over the client and over raw HTTP', async () => {
    const before = await snapshot();
    const anonymous = createApi(tenant.server.url, null);
    const p = await expectProblem(pushMovements(anonymous, [sale(tenant.defaultStoreId, productId, 1)]));
    expect(p.type).toBe('unauthenticated');
    expect(p.status).toBe(401);
    const res = await fetch(
      `${tenant.server.url}/trpc/replication.pull?input=${encodeURIComponent(JSON.stringify({ collection: 'stock', checkpoint: null, limit: 10 }))}`,
    );
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error?: { data?: { problem?: { type?: string } } } };
    expect(body.error?.data?.problem?.type).toBe('unauthenticated');
    await expectUnchangedAndServing(before);
  });
});
