/**
 * Issue 11 §12, DESIGN §7: no alert noise. A product that was never stocked at a store (no
 * accepted movement there) does not alert "out of stock" there, even with a reorder point, until
 * it has been stocked; then it alerts like any other. The alert settings speak the person's
 * language, and "Send a test notification" shows one notification the way an alert comes.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StockDoc } from '../../shared/index.js';
import { latestById, pullAll } from '../support/replication.js';
import { hasChromium } from './support/chromium.js';
import type { UiDevice } from './support/device.js';
import { useStack } from './support/stack.js';

const INTERVAL_S = 5;

describe.skipIf(!hasChromium)('alert noise', () => {
  const stack = useStack();
  let owner: UiDevice;
  beforeAll(async () => {
    owner = await stack().openDevice('Owner laptop', 'owner', { notifications: true });
    // Timing typed as a person does: check every 5 s, tell at once.
    const { page } = owner;
    await owner.go('/alerts/settings');
    await retype(page.getByLabel('Check every (seconds)'), String(INTERVAL_S));
    await retype(page.getByLabel('Wait before telling (seconds)'), '0');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Alert settings saved').waitFor();
    await owner.go('/counter');
  });

  const serverStockRow = async (productId: string): Promise<StockDoc | undefined> =>
    latestById((await pullAll(stack().tenant.owner.api, 'stock')).documents).get(`${stack().storeId}:${productId}`);

  /** Focus, select all, type: as a person replaces a field's text. */
  async function retype(selector: ReturnType<UiDevice['page']['getByLabel']>, text: string): Promise<void> {
    await selector.focus();
    await owner.page.keyboard.press('Control+A');
    await owner.page.keyboard.type(text, { delay: 20 });
  }

  it('the alert settings say it in words; a test notification comes like an alert', async () => {
    const { page } = owner;
    await owner.navTo(/Alerts/);
    await page.getByRole('link', { name: 'Alert settings' }).click();
    await page.getByRole('heading', { name: 'Alert settings' }).waitFor();

    const text = await owner.pageText();
    for (const label of [
      'Check every (seconds)',
      'Wait before telling (seconds)',
      'A product must stay low this long before you are told, so a sale corrected right away does not alert.',
      'Notifications per minute',
      'Tell again only after restocking by (units)',
      'Report everything low again',
      'Send a test notification',
    ]) {
      expect(text, label).toContain(label);
    }
    for (const engineers of [/Level must hold for/i, /Forget told alerts/i, /hysteresis/i, /sustain/i]) expect(text).not.toMatch(engineers);

    expect(await owner.notifications()).toEqual([]);
    await owner.watchToasts();
    await page.getByRole('button', { name: 'Send a test notification' }).click();
    await expect.poll(async () => (await owner.notifications()).length).toBe(1);
    const [test] = await owner.notifications();
    expect(test).toMatchObject({ title: 'Stockroom test notification', body: 'Low-stock alerts will show like this.' });
    await expect.poll(() => owner.toastsSeen()).toContain('Test notification sent');
    // A test, not an alert: nothing is listed as short, nothing in the history.
    await owner.go('/alerts');
    await page.getByText('Nothing is below its reorder point.').waitFor();
    expect(await page.getByTestId('alerts-history-row').count()).toBe(0);
  });

  it('a new product with a reorder point, never stocked, does not alert; stocked and then low, it does', async () => {
    const { page } = owner;
    const storeName = latestById((await pullAll(stack().tenant.owner.api, 'stores')).documents).get(stack().storeId)!.name;
    const before = (await owner.notifications()).length; // the test notification, when the other test ran first

    // The owner adds a product in the catalog with a reorder point of 5 and a critical point of 2.
    const barcode = `40${Date.now().toString().slice(-10)}`;
    const sku = `OAT-${randomUUID().slice(0, 6)}`;
    await owner.navTo('Catalog');
    await page.getByRole('link', { name: /New product/ }).click();
    await page.getByRole('heading', { name: 'New product' }).waitFor();
    await retype(page.getByLabel('SKU', { exact: true }), sku);
    await retype(page.getByLabel('Name', { exact: true }), 'Oat drink 1 l');
    await page.getByLabel('Barcodes').focus();
    await page.keyboard.type(barcode);
    await page.keyboard.press('Enter');
    await retype(page.getByLabel('Price', { exact: true }), '2.49');
    await retype(page.getByLabel(`Reorder point · ${storeName}`), '5');
    await retype(page.getByLabel(`Critical point · ${storeName}`), '2');
    await page.getByRole('button', { name: 'Save product' }).click();
    await owner.page.getByTestId('product-level').waitFor();
    const productId = decodeURIComponent(/#\/products\/([^/?]+)$/.exec(page.url())![1]!);
    expect(await owner.productLevel()).toBe(0);

    // The server has the thresholds, and no stock was ever applied (level 0, appliedSeq 0).
    await expect.poll(async () => (await serverStockRow(productId))?.reorderPoint, { timeout: 30_000 }).toBe(5);
    expect(await serverStockRow(productId)).toMatchObject({ onHand: 0, appliedSeq: 0, criticalPoint: 2 });

    // Three check intervals (proving something does NOT happen needs the wait): no notification,
    // no badge, nothing short in the alert centre.
    await page.waitForTimeout(3 * INTERVAL_S * 1000);
    expect(await owner.notifications()).toHaveLength(before);
    expect(await page.getByTestId('alerts-badge').count()).toBe(0);
    await owner.go('/alerts');
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByText('Nothing is below its reorder point.').waitFor();
    expect(await page.getByTestId('alerts-now-row').count()).toBe(0);
    expect(await page.getByTestId('alerts-history-row').count()).toBe(0);

    // A first delivery of 3 (at most the reorder point): now stocked and low, told once.
    await owner.openReceive();
    await owner.scan(barcode);
    const qty = owner.lineQty(productId);
    await qty.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await page.getByRole('button', { name: /Record delivery/ }).click();
    await owner.line(productId).waitFor({ state: 'detached' });
    await owner.waitForPending(0);
    await expect.poll(async () => (await serverStockRow(productId))?.onHand, { timeout: 30_000 }).toBe(3);
    expect((await serverStockRow(productId))!.appliedSeq).toBeGreaterThan(0);

    await expect.poll(async () => (await owner.notifications()).length, { timeout: (INTERVAL_S + 10) * 1000, interval: 200 }).toBe(before + 1);
    const told = (await owner.notifications())[before]!;
    expect(told.title).toMatch(/^Oat drink 1 l — 3 left at .+$/);
    expect(told.tag).toBe(`${stack().storeId}:${productId}`);
    await page.getByTestId('alerts-badge').waitFor();
  });
});
