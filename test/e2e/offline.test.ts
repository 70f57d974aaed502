/**
 * Acceptance: with the sync server down, a device records 5 sales and a
 * delivery; after a reload all six are still there, pending, with the
 * quantities' age shown ("as of …"). When the server comes back (same data
 * dir, same port) they sync by themselves: pending 0, levels equal the server's.
 */
import { describe, expect, it } from 'vitest';
import { createProduct, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import { useStack } from './support/stack.js';

describe.skipIf(!hasChromium)('offline sales survive a reload and sync later', () => {
  const stack = useStack();

  it('keeps 5 sales and a delivery pending across a reload, then syncs them', async () => {
    const { tenant, storeId } = stack();
    const soap = await createProduct(tenant.owner, 'Olive soap');
    const candle = await createProduct(tenant.owner, 'Beeswax candle');
    await stockUp(tenant.owner, storeId, [
      [soap.id, 20],
      [candle.id, 20],
    ]);
    const till = await stack().openDevice('Till offline', 'staff');

    await tenant.server.stop();
    await till.waitForConnection('offline');

    await till.openCounter();
    for (const code of [soap, soap, candle, soap, candle].map((p) => p.barcodes[0]!)) await till.sell(code);
    await till.receive(soap.barcodes[0]!, 4);
    await till.waitForPending(6);

    await till.page.reload();
    await till.page.getByRole('navigation', { name: 'Main' }).waitFor();
    await till.waitForPending(6);
    await till.health.getByText('6 pending').waitFor();
    await till.health.getByText(/oldest \d+ (s|min)/).waitFor();
    expect(await till.health.getAttribute('data-connection')).not.toBe('online');

    // Every movement is still on the device, pending, and the levels are projected with their age.
    await till.openProduct(soap.id);
    await expect.poll(() => till.movementRows('pending').count()).toBe(4);
    expect(await till.movementRows('pending').filter({ hasText: 'Sale' }).count()).toBe(3);
    expect(await till.productLevel()).toBe(20 - 3 + 4);
    await till.page.getByText(/^as of \d{1,2}:\d{2}/).first().waitFor();
    await till.openProduct(candle.id);
    await expect.poll(() => till.movementRows('pending').count()).toBe(2);
    expect(await till.productLevel()).toBe(18);
    expect(await stack().serverLevel(soap.id).catch(() => null)).toBeNull(); // the server really is down

    await tenant.server.restart();
    await till.waitForPending(0, 60_000);
    await till.waitForConnection('online');
    await expect.poll(() => till.movementRows('accepted').count()).toBe(3); // candle: receipt + 2 sales
    expect(await till.movementRows('pending').count()).toBe(0);
    expect(await till.page.getByText(/^as of /).count()).toBe(0);

    const server = await stack().serverStock();
    expect(server.get(soap.id)?.onHand).toBe(21);
    expect(server.get(candle.id)?.onHand).toBe(18);
    await till.waitForProductLevel(18);
    await till.openProduct(soap.id);
    await till.waitForProductLevel(21);
    expect(await till.movementRows('accepted').count()).toBe(5); // receipt (stock-up) + 3 sales + delivery
  });
});
