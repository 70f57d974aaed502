/**
 * Acceptance: two devices sell the last unit while both are offline. After
 * they reconnect the server accepts exactly one sale; the other device lists
 * its sale under Exceptions with "available: 0", and both show the same level.
 */
import { describe, expect, it } from 'vitest';
import { pullAll } from '../support/replication.js';
import { createProduct, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import type { UiDevice } from './support/device.js';
import { useStack } from './support/stack.js';

describe.skipIf(!hasChromium)('two devices sell the last unit offline', () => {
  const stack = useStack();

  it('accepts exactly one sale and lists the other as an exception with available: 0', async () => {
    const { tenant, storeId } = stack();
    const vase = await createProduct(tenant.owner, 'Blue vase');
    await stockUp(tenant.owner, storeId, [[vase.id, 1]]);
    const [a, b] = await Promise.all([stack().openDevice('Till A', 'staff'), stack().openDevice('Till B', 'staff')]);

    for (const d of [a, b]) {
      await d.context.setOffline(true);
      await d.waitForConnection('offline');
      await d.openCounter();
      await d.sell(vase.barcodes[0]!);
      await d.waitForPending(1);
      await d.openProduct(vase.id);
      expect(await d.productLevel()).toBe(0); // each device only knows its own sale
    }

    await Promise.all([a.context.setOffline(false), b.context.setOffline(false)]);
    await Promise.all([a.waitForPending(0, 60_000), b.waitForPending(0, 60_000)]);

    // The server's ledger: one accepted, one rejected for insufficient stock with nothing left.
    const sales = (await pullAll(tenant.owner.api, 'movements')).documents.filter((m) => m.kind === 'sale' && m.productId === vase.id);
    expect(sales).toHaveLength(2);
    const accepted = sales.filter((m) => m.status === 'accepted');
    const rejected = sales.filter((m) => m.status === 'rejected');
    expect(accepted).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.rejection).toMatchObject({ code: 'insufficient-stock', requested: 1, available: 0 });
    expect(await stack().serverLevel(vase.id)).toBe(0);

    const deviceIdOf = async (d: UiDevice) =>
      d.page.evaluate(() => (JSON.parse(localStorage.getItem('stockroom.session') ?? '{}') as { deviceId?: string }).deviceId);
    const loserId = rejected[0]!.deviceId;
    const [loser, winner] = (await deviceIdOf(a)) === loserId ? [a, b] : [b, a];
    expect(await deviceIdOf(loser)).toBe(loserId);

    // The losing device is told: the exceptions list shows the refused sale with what was available.
    await loser.health.getByText('1 to review').waitFor();
    await loser.health.getByText('1 to review').click();
    const exception = loser.page.getByTestId('exception');
    await exception.waitFor();
    expect(await exception.count()).toBe(1);
    const text = await exception.innerText();
    expect(text).toContain('Blue vase');
    expect(text).toContain('available: 0');
    expect(text).toContain('requested: 1');

    // The winner has nothing to review.
    await winner.go('/exceptions');
    await winner.page.getByText('Nothing to review. Every movement was accepted.').waitFor();
    expect(await winner.health.getByText(/to review/).count()).toBe(0);

    // Both show the server's level.
    for (const d of [a, b]) {
      await d.openProduct(vase.id);
      await d.waitForProductLevel(0);
    }
  });
});
