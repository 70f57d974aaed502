/**
 * Issue 11 §5, DESIGN §5: a revoked till keeps its unsynced movements; while refused, its bar
 * says "Not paired" (not "Offline"); paired again with a new code (the same local database),
 * it pushes them under its new identity, each exactly once. Unpairing is refused while
 * movements are pending.
 */
import { describe, expect, it } from 'vitest';
import { latestById, pullAll } from '../support/replication.js';
import { createProduct, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import { useStack } from './support/stack.js';

describe.skipIf(!hasChromium)('revoke → sale → pair again', () => {
  const stack = useStack();

  it('keeps the sale made while revoked and pushes it exactly once under the new device id', async () => {
    const { tenant, storeId } = stack();
    const bread = await createProduct(tenant.owner, 'Sourdough loaf');
    await stockUp(tenant.owner, storeId, [[bread.id, 9]]);
    const till = await stack().openDevice('Tablet 2', 'staff');
    const oldId = await till.deviceId();
    await till.openProduct(bread.id);
    await till.waitForProductLevel(9);

    // The owner revokes it: the bar says "Not paired", not "Offline".
    await tenant.owner.api.devices.revoke.mutate({ deviceId: oldId });
    await till.page.locator('[data-testid="sync-health"][data-connection="not-paired"]').waitFor({ timeout: 60_000 });
    expect(await till.health.getByTestId('connection-state').innerText()).toBe('Not paired');
    expect(await till.health.innerText()).not.toContain('Offline');

    // It still takes a sale, which waits on the till.
    await till.openCounter();
    await till.sell(bread.barcodes[0]!);
    await till.waitForPending(1);
    await till.page.waitForTimeout(1500); // pushes are refused meanwhile, the sale stays
    expect(await till.pendingCount()).toBe(1);
    expect(await till.health.getAttribute('data-connection')).toBe('not-paired');
    expect((await pullAll(tenant.owner.api, 'movements')).documents.filter((m) => m.kind === 'sale')).toHaveLength(0);

    // Unpairing now would lose it: the button is disabled and a sentence says why.
    await till.navTo(/This device/);
    await till.page.getByRole('heading', { name: 'This device' }).waitFor();
    const unpair = till.page.getByTestId('sign-out');
    expect(await unpair.isDisabled()).toBe(true);
    expect(await till.page.getByTestId('sign-out-blocked').innerText()).toBe(
      '1 movement has not reached the server yet. Unpairing now would lose what is not synced: connect and let it sync first.',
    );
    expect(await unpair.getAttribute('aria-describedby')).toBe('sign-out-blocked');

    // "Pair again" in the bar: the pairing screen says 1 movement waits.
    await till.health.getByRole('button', { name: 'Pair again' }).click();
    await till.page.getByRole('heading', { name: 'Pair this till again' }).waitFor();
    expect(await till.page.getByTestId('pair-intro').innerText()).toContain('1 movement waits to be sent once it is paired again');
    expect(await till.page.getByLabel('Server address').inputValue()).toBe(tenant.server.url);
    expect(await till.page.getByLabel('Device name').inputValue()).toBe('Tablet 2');

    // A new code, typed in.
    const { code } = await tenant.owner.api.devices.createPairingCode.mutate({ role: 'staff', storeIds: [storeId] });
    await till.page.getByLabel('Pairing code').fill(code);
    await till.page.getByRole('button', { name: 'Pair device' }).click();
    await till.page.getByRole('navigation', { name: 'Main' }).waitFor();

    // Back to synced, pending 0.
    await till.waitForPending(0, 60_000);
    await till.waitForConnection('online', 60_000);
    const newId = await till.deviceId();
    expect(newId).not.toBe(oldId);

    // The server has that sale exactly once, under the new device id.
    await expect.poll(() => stack().serverLevel(bread.id), { timeout: 30_000 }).toBe(8);
    const pulled = (await pullAll(tenant.owner.api, 'movements')).documents;
    const sales = [...latestById(pulled).values()].filter((m) => m.kind === 'sale');
    expect(sales).toHaveLength(1);
    expect(pulled.filter((m) => m.id === sales[0]!.id)).toHaveLength(1);
    expect(sales[0]).toMatchObject({ productId: bread.id, delta: -1, status: 'accepted', deviceId: newId, balanceAfter: 8 });

    // After a reload it stays paired and synced, and the sale is not sent again.
    await till.page.reload();
    await till.waitForInitialSync();
    await till.waitForPending(0);
    await till.openProduct(bread.id);
    await till.waitForProductLevel(8);
    await expect.poll(() => till.movementRows('accepted').filter({ hasText: 'Sale' }).count()).toBe(1);
    const again = [...latestById((await pullAll(tenant.owner.api, 'movements')).documents).values()].filter((m) => m.kind === 'sale');
    expect(again.map((m) => m.id)).toEqual([sales[0]!.id]);
    expect(await stack().serverLevel(bread.id)).toBe(8);

    // Synced now, unpairing is allowed again.
    await till.navTo(/This device/);
    expect(await till.page.getByTestId('sign-out').isEnabled()).toBe(true);
    expect(await till.page.getByTestId('sign-out-blocked').count()).toBe(0);
  });
});
