/**
 * Acceptance (issue 4): a sale on one device takes a product below its
 * reorder point; the owner's device, with notifications allowed, shows one
 * notification within one check interval, and only once (two more
 * intervals pass without another). The interval is set through the alert
 * settings screen.
 */
import { describe, expect, it } from 'vitest';
import type { StockDoc } from '../../shared/index.js';
import { createProduct, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import type { UiDevice } from './support/device.js';
import { useStack } from './support/stack.js';

const INTERVAL_S = 5;

/** Alerts → Alert settings: check every INTERVAL_S, no hold time. */
async function configureAlerts(owner: UiDevice): Promise<void> {
  const { page } = owner;
  await page.getByRole('button', { name: /Alerts/ }).first().click();
  await page.getByRole('link', { name: 'Alert settings' }).click();
  await page.getByLabel('Check every (seconds)').fill(String(INTERVAL_S));
  await page.getByLabel('Wait before telling (seconds)').fill('0');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Alert settings saved').waitFor();
}

describe.skipIf(!hasChromium)('low-stock notification on the owner device', () => {
  const stack = useStack();

  it('notifies once within one check interval when a sale elsewhere crosses the reorder point', async () => {
    const { tenant, storeId } = stack();
    const flour = await createProduct(tenant.owner, 'Spelt flour 1 kg');
    const calm = await createProduct(tenant.owner, 'Rice 1 kg');
    await stockUp(tenant.owner, storeId, [
      [flour.id, 6],
      [calm.id, 50],
    ]);
    // Reorder point 5 for the flour, through the catalog push of the owner (merged field by field).
    const current = (await stack().serverStock()).get(flour.id)!;
    const withThreshold: StockDoc = { ...current, reorderPoint: 5, criticalPoint: 2, updatedAt: Date.now() };
    await tenant.owner.api.replication.push.mutate({ collection: 'stock', rows: [{ assumedMasterState: current, newDocumentState: withThreshold }] });
    expect((await stack().serverStock()).get(flour.id)?.reorderPoint).toBe(5);

    const owner = await stack().openDevice('Owner phone', 'owner', { notifications: true });
    await configureAlerts(owner);
    const till = await stack().openDevice('Till 1', 'staff');
    // Two quiet intervals first: 6 > 5 is not low, nothing to tell.
    await owner.page.waitForTimeout(2 * INTERVAL_S * 1000);
    expect(await owner.notifications()).toEqual([]);

    await till.openCounter();
    await till.sell(flour.barcodes[0]!);
    await expect.poll(() => stack().serverLevel(flour.id), { timeout: 15_000 }).toBe(5);
    const synced = Date.now();
    // The owner's device gets the new level through sync, then the next tick tells.
    await expect
      .poll(async () => (await owner.notifications()).length, { timeout: (INTERVAL_S + 5) * 1000, interval: 200 })
      .toBe(1);
    const [first] = await owner.notifications();
    console.log(`alert: notified ${first!.at - synced} ms after the server accepted the sale`);
    expect(first!.at - synced).toBeLessThanOrEqual((INTERVAL_S + 3) * 1000);
    expect(`${first!.title} ${first!.body ?? ''}`).toContain('Spelt flour 1 kg');
    expect(first!.tag).toBe(`${storeId}:${flour.id}`);

    // Only once: two more intervals, still one notification; the alert centre lists the product.
    await owner.page.waitForTimeout(2 * INTERVAL_S * 1000 + 500);
    expect(await owner.notifications()).toHaveLength(1);
    await owner.page.getByRole('button', { name: /Alerts/ }).first().click();
    await owner.page.getByRole('link', { name: 'Spelt flour 1 kg' }).first().waitFor();
    expect(await owner.page.getByRole('link', { name: 'Rice 1 kg' }).count()).toBe(0);
  });
});
