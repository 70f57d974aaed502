import { LIMITS, type Role, type StoreDoc } from '../../shared/index.js';
import { pairDevice, type Device } from './client.js';
import { product, receipt, store, type NewProduct } from './docs.js';
import { pullAll, pushMovements, pushProducts, pushStores } from './replication.js';
import { startPgCluster } from './pg-cluster.js';
import { startServer, type ServerHandle, type ServerOptions } from './server-process.js';

/**
 * A running server with its owner device paired and the store created on first start. With
 * STOCKROOM_TEST_BACKEND=postgres: two server instances on one fresh PostgreSQL database
 * (`server` is the first; devices paired with `pairWithRole` alternate between them).
 */
export interface TestTenant {
  server: ServerHandle;
  /** Every instance serving this tenant (one on SQLite). */
  instances: ServerHandle[];
  backend: 'sqlite' | 'postgres';
  /** The PostgreSQL database, when backend is postgres. */
  databaseUrl: string | null;
  owner: Device;
  /** The store the server created on first start. */
  defaultStoreId: string;
  dispose(): Promise<void>;
}

export function testBackend(): 'sqlite' | 'postgres' {
  return process.env.STOCKROOM_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';
}

export async function startTenant(options: ServerOptions = {}): Promise<TestTenant> {
  const backend = testBackend();
  if (backend === 'postgres' && !process.env.STOCKROOM_TEST_DATABASE_URL) {
    throw new Error('STOCKROOM_TEST_BACKEND=postgres runs through the integration project (its global setup starts the cluster)');
  }
  const databaseUrl = backend === 'postgres' ? await (await startPgCluster()).createDatabase() : null;
  const server = await startServer(databaseUrl ? { ...options, databaseUrl, expectOwnerCode: true } : options);
  const instances = [server];
  const dispose = async () => {
    for (const s of instances) await s.dispose();
  };
  try {
    if (databaseUrl) instances.push(await startServer({ ...options, databaseUrl, expectOwnerCode: false }));
    if (!server.ownerCode) throw new Error(`no owner pairing code printed:\n${server.output()}`);
    const owner = await pairDevice(server.url, server.ownerCode, 'owner-laptop');
    const stores = await pullAll(owner.api, 'stores');
    const first = stores.documents.find((s) => !s._deleted);
    if (!first) throw new Error('the server created no store on first start');
    return { server, instances, backend, databaseUrl, owner, defaultStoreId: first.id, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/** A tenant whose default store has `count` products, product i stocked with `qtyOf(i)`. */
export async function startStockedTenant(
  count: number,
  qtyOf: (i: number) => number,
): Promise<{ tenant: TestTenant; storeId: string; productIds: string[] }> {
  const tenant = await startTenant();
  const storeId = tenant.defaultStoreId;
  const productIds = (await createProducts(tenant.owner, count)).map((p) => p.id);
  await stockUp(tenant.owner, storeId, productIds.map((id, i) => [id, qtyOf(i)] as [string, number]));
  return { tenant, storeId, productIds };
}

/** Pair a new device through a code the owner creates (the real flow). */
let paired = 0;

export async function pairWithRole(
  tenant: TestTenant,
  role: Role,
  storeIds: string[],
  deviceName: string,
): Promise<Device> {
  const { code } = await tenant.owner.api.devices.createPairingCode.mutate({ role, storeIds });
  // Devices spread over the instances (round robin); on SQLite there is one.
  const instance = tenant.instances[paired++ % tenant.instances.length]!;
  return pairDevice(instance.url, code, deviceName);
}

export async function pairStaff(tenant: TestTenant, storeId: string, deviceName: string): Promise<Device> {
  return pairWithRole(tenant, 'staff', [storeId], deviceName);
}

export async function createStore(owner: Device, name: string, allowNegativeStock = false): Promise<StoreDoc> {
  const doc = store(name, allowNegativeStock);
  await pushStores(owner.api, [doc]);
  const stores = await pullAll(owner.api, 'stores');
  const stored = stores.documents.find((s) => s.id === doc.id);
  if (!stored) throw new Error(`store ${doc.id} not found after push`);
  return stored;
}

/** Create products through the catalog push, in batches the server allows. */
export async function createProducts(owner: Device, n: number, batch: number = LIMITS.pushRows): Promise<NewProduct[]> {
  const all: NewProduct[] = [];
  for (let i = 0; i < n; i += batch) {
    const docs = Array.from({ length: Math.min(batch, n - i) }, () => product());
    await pushProducts(owner.api, docs);
    all.push(...docs);
  }
  return all;
}

export async function createProduct(owner: Device, name?: string): Promise<NewProduct> {
  const doc = product(name);
  await pushProducts(owner.api, [doc]);
  return doc;
}

/** Stock up through `receipt` movements (the only way a level changes); asserts they were accepted. */
export async function stockUp(device: Device, storeId: string, levels: Array<[productId: string, qty: number]>): Promise<void> {
  for (let i = 0; i < levels.length; i += LIMITS.pushRows) {
    const rows = levels.slice(i, i + LIMITS.pushRows).map(([productId, qty]) => receipt(storeId, productId, qty));
    const stored = await pushMovements(device.api, rows);
    const notAccepted = stored.filter((m) => m.status !== 'accepted');
    if (notAccepted.length > 0) throw new Error(`receipts not accepted: ${JSON.stringify(notAccepted[0])}`);
  }
}
