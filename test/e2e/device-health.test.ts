/**
 * DESIGN §5: owners see sync health per device. A till whose pushes fail
 * (the requests aborted in its browser context; everything else still gets
 * through) reports its pending sales, and the owner's Devices screen shows
 * them; once the till syncs, the count goes back to none.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createProduct, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import type { UiDevice } from './support/device.js';
import { useStack } from './support/stack.js';

describe.skipIf(!hasChromium)('sync health per device on the owner’s Devices screen', () => {
  const stack = useStack();
  let owner: UiDevice;
  let till: UiDevice;
  beforeAll(async () => {
    [owner, till] = await Promise.all([stack().openDevice('Owner office', 'owner'), stack().openDevice('Till 7', 'staff')]);
  });

  /** The Pending cell of the till's row, read afresh (the list loads when the screen opens). */
  const tillPending = async (): Promise<string> => {
    await owner.go('/settings');
    await owner.go('/admin/devices');
    const row = owner.page.getByRole('row').filter({ hasText: 'Till 7' });
    return (await row.getByTestId('device-pending').innerText()).trim();
  };

  it('shows the pending sales a till reported, then none once it synced', async () => {
    const soap = await createProduct(stack().tenant.owner, 'Olive soap');
    await stockUp(stack().tenant.owner, stack().storeId, [[soap.id, 20]]);
    await expect.poll(tillPending, { timeout: 30_000 }).toMatch(/^None/);

    await till.context.route(/replication\.push/, (route) => route.abort('internetdisconnected'));
    await till.openCounter();
    await till.sell(soap.barcodes[0]!);
    await till.sell(soap.barcodes[0]!);
    await till.waitForPending(2);
    await expect.poll(tillPending, { timeout: 30_000 }).toMatch(/^2 · oldest/);

    await till.context.unroute(/replication\.push/);
    await till.go('/settings');
    await till.page.getByRole('button', { name: 'Sync now' }).last().click();
    await till.waitForPending(0);
    await expect.poll(tillPending, { timeout: 30_000 }).toMatch(/^None/);
  });
});
