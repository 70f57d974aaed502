import { LIMITS } from '../shared/index.js';
import { pullAll } from '../test/support/replication.js';
import { serverNodeArgs } from './support.js';
import { createProducts, pairStaff, startTenant, stockUp } from '../test/support/tenant.js';

const PRODUCTS = Number(process.env.BENCH_PULL_PRODUCTS ?? 50_000);

/**
 * A new device's first sync: pull 50 000 products and their 50 000 stock rows
 * to the end over HTTP (pages of the largest allowed limit). Seeding goes
 * through the real push path in batches of 1000 and is not timed.
 */
export async function serverPull(): Promise<Record<string, number>> {
  const tenant = await startTenant({ args: ['--rate-limit', '1000000'], nodeArgs: serverNodeArgs() });
  try {
    const storeId = tenant.defaultStoreId;
    const products = await createProducts(tenant.owner, PRODUCTS, LIMITS.pushRows);
    // A stock row exists once a movement touched it: one receipt per product.
    await stockUp(tenant.owner, storeId, products.map((p) => [p.id, 10] as [string, number]));

    const device = await pairStaff(tenant, storeId, 'bench-new-till');
    const started = performance.now();
    const pulledProducts = await pullAll(device.api, 'products', null, LIMITS.pullLimit);
    const pulledStock = await pullAll(device.api, 'stock', null, LIMITS.pullLimit);
    const seconds = (performance.now() - started) / 1000;
    const docs = pulledProducts.documents.length + pulledStock.documents.length;
    if (pulledProducts.documents.length !== PRODUCTS || pulledStock.documents.length !== PRODUCTS) {
      throw new Error(`pulled ${pulledProducts.documents.length} products and ${pulledStock.documents.length} stock rows`);
    }
    return {
      'server.pull.docs_per_s': Math.round(docs / seconds),
      'server.pull.docs_per_s.target': 20_000,
      'server.pull.seconds': Math.round(seconds * 1000) / 1000,
    };
  } finally {
    await tenant.dispose();
  }
}
