/**
 * Low-stock alerts in the real UI (DESIGN §7), web mode: the owner's browser
 * device evaluates projected levels on its timer and shows a Web Notification
 * with readable text when a sale crosses a threshold; once, not on every tick.
 * The alert centre lists it now and in its history; settings are edited
 * through the settings screen.
 */
import { describe, expect, it } from 'vitest';
import { createProduct, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import { useStack } from './support/stack.js';

describe.skipIf(!hasChromium)('low-stock alerts', () => {
  const stack = useStack();

  it('notifies once when a sale drops a product to its critical point', async () => {
    const { tenant, storeId } = stack();
    const beans = await createProduct(tenant.owner, 'Espresso beans');
    await stockUp(tenant.owner, storeId, [[beans.id, 12]]);
    const row = (await stack().serverStock()).get(beans.id)!;
    await tenant.owner.api.replication.push.mutate({
      collection: 'stock',
      rows: [{ assumedMasterState: row, newDocumentState: { ...row, reorderPoint: 10, criticalPoint: 3, updatedAt: Date.now() } }],
    });

    const owner = await stack().openDevice('Owner laptop', 'owner', { notifications: true });
    const { page } = owner;

    // Settings through the settings screen: check every 5 s, no sustain.
    await owner.go('/alerts/settings');
    await page.getByTestId('alerts-intervalSeconds').fill('5');
    await page.getByTestId('alerts-sustainSeconds').fill('0');
    await page.getByTestId('alerts-settings-save').click();
    await page.getByText('Alert settings saved').waitFor();
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('stockroom.settings') ?? '{}') as { alerts?: { intervalSeconds: number } });
    expect(stored.alerts?.intervalSeconds).toBe(5);

    await owner.openProduct(beans.id);
    await owner.waitForProductLevel(12);
    expect(await owner.notifications()).toEqual([]);

    // Sell 10: 12 → 2, at or below the critical point of 3.
    await owner.openCounter();
    for (let i = 0; i < 10; i++) await owner.scan(beans.barcodes[0]!);
    await expect.poll(() => page.getByTestId('line-qty').inputValue()).toBe('10');
    await owner.completeSale();

    await expect.poll(async () => (await owner.notifications()).length, { timeout: 20_000 }).toBe(1);
    const [shown] = await owner.notifications();
    expect(shown!.title).toMatch(/^Espresso beans — 2 left at .+$/);
    expect(shown!.body).toBe('Reorder at 10 · critical at 3');
    await page.getByTestId('alerts-badge').waitFor();

    // Two more ticks: still one notification (notify once per crossing).
    await page.waitForTimeout(11_000);
    expect(await owner.notifications()).toHaveLength(1);

    await owner.go('/alerts');
    await expect.poll(() => page.getByTestId('alerts-now-row').count()).toBe(1);
    await expect.poll(() => page.getByTestId('alerts-history-row').count()).toBe(1);
    await expect(page.getByTestId('alerts-now-row').innerText()).resolves.toMatch(/Espresso beans[\s\S]*Critical[\s\S]*2/);
    await expect(page.getByTestId('alerts-history-row').innerText()).resolves.toContain('Notification');
  }, 180_000);
});
