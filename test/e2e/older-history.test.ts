/**
 * A device pulls only the last 60 days of movements (DESIGN §3); older ones
 * stay on the server and the product page loads them on request through
 * `reports.movementHistory`. The movements are made old for real: their
 * server_time is moved back 90 days in the server's SQLite file (with the server
 * stopped: it holds the file exclusively while it runs).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../sync-server/db/open-database.js';
import { createProduct, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import { useStack } from './support/stack.js';

const DAY_MS = 86_400_000;

describe.skipIf(!hasChromium)('history older than the pull window', () => {
  const stack = useStack();

  it('is not on the device, and the product page loads it from the server on request', async () => {
    const { tenant, storeId } = stack();
    const flour = await createProduct(tenant.owner, 'Rye flour 1 kg');
    await stockUp(tenant.owner, storeId, [[flour.id, 5]]);
    await stockUp(tenant.owner, storeId, [[flour.id, 7]]);
    await tenant.server.stop();
    const db = new Database(join(tenant.server.dataDir, DB_FILE_NAME));
    try {
      const aged = db
        .prepare('UPDATE movements SET server_time = server_time - ? WHERE product_id = ?')
        .run(90 * DAY_MS, flour.id).changes;
      expect(aged).toBe(2);
    } finally {
      db.close();
    }
    await tenant.server.restart();
    await stockUp(tenant.owner, storeId, [[flour.id, 3]]); // recent: on the device

    const till = await stack().openDevice('Till 1', 'staff');
    await till.openProduct(flour.id);
    expect(await till.productLevel()).toBe(15);
    const rows = till.page.locator('tr.mg-movement');
    await expect.poll(() => rows.count()).toBe(1);

    await till.page.getByRole('button', { name: 'Load older movements from the server' }).click();
    await expect.poll(() => rows.count()).toBe(3);
    await till.page.getByTestId('older-history-end').waitFor();
    expect(await till.page.getByRole('button', { name: 'Load older movements from the server' }).count()).toBe(0);
  });
});
