/**
 * Acceptance: pair a device through the pairing screen, scan a barcode,
 * complete the sale: the level drops on screen at once and on the server
 * once synced (checked through the real protocol: a pull and the digest).
 */
import { describe, expect, it } from 'vitest';
import { localDigest, pullAll } from '../support/replication.js';
import { createProduct, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import { useStack } from './support/stack.js';

describe.skipIf(!hasChromium)('counter sale', () => {
  const stack = useStack();

  it('pairs, scans a barcode, completes a sale: level drops on screen and on the server', async () => {
    const { tenant, storeId } = stack();
    const tea = await createProduct(tenant.owner, 'Green tea 100 g');
    await stockUp(tenant.owner, storeId, [[tea.id, 12]]);
    const barcode = tea.barcodes[0]!;

    const till = await stack().openDevice('Till 1', 'staff');
    await till.openProduct(tea.id);
    expect(await till.productLevel()).toBe(12);

    await till.openCounter();
    await till.scan(barcode);
    await expect.poll(() => till.page.getByTestId('ticket-line').count()).toBe(1);
    await till.scan(barcode); // a second scan of the same product bumps the line
    await expect.poll(() => till.page.getByTestId('line-qty').inputValue()).toBe('2');
    await till.completeSale();
    await till.page.getByText('Sale recorded: 1 line,', { exact: false }).waitFor();

    // The level on screen: at once (projected), then confirmed by the server.
    await till.openProduct(tea.id);
    await till.waitForProductLevel(10);
    await till.waitForPending(0);
    await expect.poll(() => stack().serverLevel(tea.id), { timeout: 15_000 }).toBe(10);
    expect(await till.productLevel()).toBe(10);
    await expect.poll(() => till.movementRows('accepted').filter({ hasText: 'Sale' }).count()).toBe(1);

    // The server's ledger has the sale as one accepted movement of −2 from this device …
    const movements = (await pullAll(tenant.owner.api, 'movements')).documents.filter((m) => m.kind === 'sale');
    expect(movements).toHaveLength(1);
    expect(movements[0]).toMatchObject({ productId: tea.id, delta: -2, status: 'accepted', balanceAfter: 10 });
    // … and the server's digest equals the one computed from what the server serves.
    const digest = await tenant.owner.api.replication.digest.query({ storeId });
    const stock = (await pullAll(tenant.owner.api, 'stock')).documents;
    expect(localDigest(stock, storeId)).toBe(digest.digest);

    // The device proves convergence through its own UI (Device → Verify stock with server).
    await till.go('/settings');
    await till.page.getByRole('button', { name: 'Verify stock with server' }).click();
    await till.page.getByText(/Stock on this device matches the server/).waitFor();
  });
});
