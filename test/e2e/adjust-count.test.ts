/**
 * The adjustment and stock-count screens in Chromium against the real server:
 * reached from the product page, keyboard-submitted, checked on screen and
 * in what the server stored.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MovementDoc } from '../../shared/index.js';
import { latestById, pullAll } from '../support/replication.js';
import { createProduct, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import type { UiDevice } from './support/device.js';
import { useStack } from './support/stack.js';

describe.skipIf(!hasChromium)('adjustment and stock count', () => {
  const stack = useStack();
  let till: UiDevice;
  beforeAll(async () => {
    till = await stack().openDevice('Back room', 'staff');
  });

  const serverMovements = async (productId: string): Promise<MovementDoc[]> =>
    [...latestById((await pullAll(stack().tenant.owner.api, 'movements')).documents).values()].filter((m) => m.productId === productId);

  /** A new product with 10 in stock, opened on the till, then its Adjust or Count link followed. */
  const stockedProduct = async (name: string, action: 'Adjust' | 'Count') => {
    const product = await createProduct(stack().tenant.owner, name);
    await stockUp(stack().tenant.owner, stack().storeId, [[product.id, 10]]);
    await till.openProduct(product.id);
    await expect.poll(() => till.productLevel()).toBe(10);
    await till.page.getByRole('link', { name: action, exact: true }).click();
    return product;
  };

  it('records an adjustment with a preset reason; without a reason nothing is recorded', async () => {
    const jam = await stockedProduct('Apricot jam 300 g', 'Adjust');

    const delta = till.page.getByLabel('Change (use − to remove)');
    await delta.fill('-2');
    await delta.press('Enter');
    await till.page.getByText('Give a reason (1–64 characters)').waitFor();
    expect((await serverMovements(jam.id)).filter((m) => m.kind === 'adjustment')).toHaveLength(0);

    await till.page.getByRole('button', { name: 'Damaged' }).click();
    await delta.press('Enter');
    await till.page.getByText('Adjustment recorded').waitFor();
    await expect
      .poll(async () => (await serverMovements(jam.id)).find((m) => m.kind === 'adjustment'), { timeout: 30_000 })
      .toMatchObject({ delta: -2, reason: 'Damaged', status: 'accepted', balanceAfter: 8 });
    await till.openProduct(jam.id);
    await expect.poll(() => till.productLevel()).toBe(8);
  });

  it('shows the expected level, records counted and expected, and the level follows the count', async () => {
    const oil = await stockedProduct('Olive oil 500 ml', 'Count');

    expect(await till.page.getByTestId('count-expected').innerText()).toBe('10');
    const counted = till.page.getByLabel('Counted');
    await counted.fill('7');
    await till.page.getByText(/^[-−]3$/).waitFor(); // the difference, before submitting
    await counted.press('Enter');
    await till.page.getByText(/Count recorded \([-−]3\)/).waitFor();
    await expect
      .poll(async () => (await serverMovements(oil.id)).find((m) => m.kind === 'count'), { timeout: 30_000 })
      .toMatchObject({ countedQty: 7, expectedQty: 10, delta: -3, status: 'accepted', balanceAfter: 7 });
    await till.openProduct(oil.id);
    await expect.poll(() => till.productLevel()).toBe(7);
  });
});
