/**
 * Acceptance: two devices edit the same product while offline.
 *  - Different fields: both edits survive, on the server and on both screens.
 *  - The same field: the server's value (the edit that reached it first)
 *    wins everywhere, and the losing device is told with a notice.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProductDoc } from '../../shared/index.js';
import { product, type NewProduct } from '../support/docs.js';
import { latestById, pullAll, pushProducts } from '../support/replication.js';
import { stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import type { UiDevice } from './support/device.js';
import { useStack } from './support/stack.js';

/** Change fields in the product editor (labels as shown) and save; lands on the product page. */
async function editProduct(device: UiDevice, productId: string, fields: Record<string, string>): Promise<void> {
  await device.go(`/products/${encodeURIComponent(productId)}/edit`);
  for (const [label, value] of Object.entries(fields)) await device.page.getByLabel(label, { exact: true }).fill(value);
  await device.page.getByRole('button', { name: 'Save product' }).click();
  await device.page.getByTestId('product-level').waitFor();
}

/** What the editor of this device shows for a field, opened afresh. */
async function fieldValue(device: UiDevice, productId: string, label: string): Promise<string> {
  await device.openProduct(productId);
  await device.go(`/products/${encodeURIComponent(productId)}/edit`);
  const input = device.page.getByLabel(label, { exact: true });
  await input.waitFor();
  return input.inputValue();
}

describe.skipIf(!hasChromium)('offline catalog edits on two devices', () => {
  const stack = useStack();
  let owner: UiDevice;
  let manager: UiDevice;
  let bread: NewProduct;

  const serverProduct = async (): Promise<ProductDoc> => {
    const all = latestById((await pullAll(stack().tenant.owner.api, 'products')).documents);
    return all.get(bread.id)!;
  };

  beforeAll(async () => {
    bread = { ...product('Rye bread'), category: 'Bakery', priceCents: 350 };
    await pushProducts(stack().tenant.owner.api, [bread]);
    await stockUp(stack().tenant.owner, stack().storeId, [[bread.id, 5]]);
    [owner, manager] = await Promise.all([
      stack().openDevice('Owner office', 'owner'),
      stack().openDevice('Manager till', 'manager'),
    ]);
  });

  it('keeps both edits when they touch different fields', async () => {
    await Promise.all([owner.context.setOffline(true), manager.context.setOffline(true)]);
    await editProduct(owner, bread.id, { Name: 'Rye bread 500 g' });
    await editProduct(manager, bread.id, { Price: '4.20' });

    await owner.context.setOffline(false);
    await expect.poll(async () => (await serverProduct()).name, { timeout: 30_000 }).toBe('Rye bread 500 g');
    await manager.context.setOffline(false);
    await expect.poll(async () => (await serverProduct()).priceCents, { timeout: 30_000 }).toBe(420);
    expect(await serverProduct()).toMatchObject({ name: 'Rye bread 500 g', priceCents: 420, category: 'Bakery' });

    for (const d of [owner, manager]) {
      await expect.poll(() => fieldValue(d, bread.id, 'Name'), { timeout: 30_000 }).toBe('Rye bread 500 g');
      await expect.poll(() => fieldValue(d, bread.id, 'Price'), { timeout: 30_000 }).toBe('4.20');
      expect(await d.page.getByTestId('override-notice').count()).toBe(0);
    }
  });

  it('keeps the server value when both change the same field, and tells the loser', async () => {
    await Promise.all([owner.context.setOffline(true), manager.context.setOffline(true)]);
    await editProduct(owner, bread.id, { Category: 'Bread' });
    await editProduct(manager, bread.id, { Category: 'Sourdough' });

    await owner.context.setOffline(false);
    await expect.poll(async () => (await serverProduct()).category, { timeout: 30_000 }).toBe('Bread');
    await manager.context.setOffline(false);

    const notice = manager.page.getByTestId('override-notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toMatch(/Your change to category of Rye bread 500 g was overridden/);
    expect((await serverProduct()).category).toBe('Bread');
    for (const d of [owner, manager]) {
      await expect.poll(() => fieldValue(d, bread.id, 'Category'), { timeout: 30_000 }).toBe('Bread');
    }
    // The winner is not bothered; the loser can dismiss the notice.
    expect(await owner.page.getByTestId('override-notice').count()).toBe(0);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
  });

  it('an open editor takes another device’s change to untouched fields and keeps what is being typed', async () => {
    await owner.go(`/products/${encodeURIComponent(bread.id)}/edit`);
    const name = owner.page.getByLabel('Name', { exact: true });
    await name.fill('Rye bread, sliced');
    // Meanwhile the back office changes the price (a real push to the server).
    const current = await serverProduct();
    await stack().tenant.owner.api.replication.push.mutate({
      collection: 'products',
      rows: [{ assumedMasterState: current, newDocumentState: { ...current, priceCents: 455 } }],
    });

    await expect.poll(() => owner.page.getByLabel('Price', { exact: true }).inputValue(), { timeout: 30_000 }).toBe('4.55');
    expect(await name.inputValue()).toBe('Rye bread, sliced');
    await owner.page.getByText('Changed on another device while you were editing: Price.').waitFor();
    await owner.page.getByRole('button', { name: 'Save product' }).click();
    await expect.poll(async () => (await serverProduct()).name, { timeout: 30_000 }).toBe('Rye bread, sliced');
    expect((await serverProduct()).priceCents).toBe(455);
  });
});
