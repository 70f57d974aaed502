/**
 * Acceptance (issue 14): two stores, two devices — the owner's back office at the source and a
 * staff till at the destination. The owner creates a transfer; dispatches it with the back
 * office OFFLINE (then back online); the destination receives blind with one unit missing and
 * one damaged and reconciles. Then the levels and in transit on both devices' screens and the
 * server's truth agree: the transfer is closed, the line wrote off 2 (shrinkage entries with
 * their reasons), and Σ levels is what it was minus the write-offs.
 */
import { describe, expect, it } from 'vitest';
import { stockId } from '../../shared/index.js';
import type { Api } from '../support/client.js';
import { sale } from '../support/docs.js';
import { latestById, pullAll, pushMovements } from '../support/replication.js';
import { createProduct, createStore, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import type { UiDevice } from './support/device.js';
import { useStack } from './support/stack.js';

describe.skipIf(!hasChromium)('transfers between two stores', () => {
  const stack = useStack();

  it('create, dispatch offline, receive blind with one short and one damaged, reconcile; both devices and the server agree', async () => {
    const { tenant, storeId: from } = stack();
    const to = (await createStore(tenant.owner, 'Harbour')).id;
    const soap = await createProduct(tenant.owner, 'Olive soap');
    const candle = await createProduct(tenant.owner, 'Beeswax candle');
    await stockUp(tenant.owner, from, [[soap.id, 20], [candle.id, 10]]);

    const office = await stack().openDevice('Back office', 'owner');
    const harbour = await stack().openDevice('Harbour till', 'staff', { storeIds: [to] });
    const o = office.page;
    const h = harbour.page;
    await o.getByTestId('store-switch').selectOption(from);

    // ── the owner creates the transfer: destination, lines by scanning, quantities typed ──
    await office.navTo('Transfers');
    await o.getByTestId('new-transfer').click();
    await o.getByTestId('transfer-destination').selectOption(to);
    await office.scan(soap.barcodes[0]!);
    await office.scan(candle.barcodes[0]!);
    const qty = (productId: string) => o.locator(`[data-testid="transfer-line"][data-product="${productId}"]`).getByTestId('transfer-line-qty');
    await qty(soap.id).fill('10');
    await qty(candle.id).fill('4');
    await o.getByTestId('save-transfer').click();
    await o.getByTestId('transfer-detail-lines').waitFor();
    const transferId = decodeURIComponent(/#\/transfers\/([^/?]+)/.exec(o.url())![1]!);
    await o.locator('[data-testid="transfer-state"][data-state="draft"]').waitFor();

    // ── dispatch with the back office offline: one line packed short ──
    await office.waitForPending(0);
    await office.context.setOffline(true);
    await office.waitForConnection('offline');
    await o.getByTestId('dispatch-transfer').click();
    const packed = (productId: string) => o.locator(`[data-testid="dispatch-line"][data-product="${productId}"]`).getByTestId('dispatch-qty');
    expect(await packed(soap.id).inputValue()).toBe('10');
    await packed(candle.id).fill('3');
    await o.getByTestId('record-dispatch').click();
    await o.locator('[data-testid="transfer-state"][data-state="sent"]').waitFor();
    await office.waitForPending(2);
    // In transit out at the source, shown offline on the product page.
    await office.openProduct(soap.id);
    await office.waitForProductLevel(10);
    await o.locator('[data-testid="product-transit"][data-outgoing="10"]').waitFor();

    await office.context.setOffline(false);
    await office.waitForPending(0, 60_000);
    await office.waitForConnection('online');

    // ── the destination sees it coming: in transit on its stock list ──
    await harbour.navTo('Stock');
    await h.locator('[data-testid="in-transit"][data-incoming="10"]').waitFor({ timeout: 30_000 });
    await harbour.navTo('Transfers');
    await h.locator(`[data-testid="transfer-row"][data-transfer="${transferId}"]`).click();
    await h.getByTestId('receive-transfer').click();

    // ── blind: nothing of what was sent is shown while counting ──
    await harbour.scan(soap.barcodes[0]!);
    await harbour.scan(candle.barcodes[0]!);
    const counted = (productId: string) => h.locator(`[data-testid="receive-line"][data-product="${productId}"]`).getByTestId('receive-qty');
    await counted(soap.id).fill('8');
    await counted(candle.id).fill('3');
    // A reload in the middle of the count loses nothing of it.
    await h.reload();
    await h.locator(`[data-testid="receive-line"][data-product="${soap.id}"]`).waitFor();
    expect([await counted(soap.id).inputValue(), await counted(candle.id).inputValue()]).toEqual(['8', '3']);
    expect(await h.getByTestId('reconcile').count()).toBe(0);
    expect(await h.getByTestId('receive-counted').innerText()).not.toMatch(/\b10\b/);
    await h.getByTestId('receive-next').click();

    // ── reconcile: soap is 2 short (1 damaged, 1 missing), candle matches ──
    const row = (productId: string) => h.locator(`[data-testid="reconcile-row"][data-product="${productId}"]`);
    expect(await row(soap.id).getAttribute('data-diff')).toBe('-2');
    expect(await row(candle.id).getAttribute('data-diff')).toBe('0');
    await expect.poll(() => h.getByTestId('confirm-receipt').isDisabled()).toBe(true);
    await row(soap.id).getByTestId('reconcile-reason').selectOption('split');
    await row(soap.id).getByTestId('reconcile-damaged').fill('1');
    await row(soap.id).getByTestId('reconcile-missing').fill('1');
    await h.getByTestId('confirm-receipt').click();
    await h.locator('[data-testid="transfer-state"][data-state="closed"]').waitFor();
    const line = (page: typeof h, productId: string, col: string) =>
      page.locator(`[data-testid="transfer-detail-line"][data-product="${productId}"] [data-col="${col}"]`).innerText();
    expect(await line(h, soap.id, 'arrived')).toBe('8');
    expect(await line(h, soap.id, 'writtenOff')).toBe('2');
    expect(await line(h, soap.id, 'transit')).toBe('0');
    expect(await h.locator('[data-testid="transfer-movement"][data-kind="adjustment"]').count()).toBe(2);
    await harbour.waitForPending(0, 60_000);

    // ── both devices' screens ──
    await harbour.openProduct(soap.id);
    await harbour.waitForProductLevel(8);
    expect(await h.getByTestId('product-transit').count()).toBe(0);
    await harbour.openProduct(candle.id);
    await harbour.waitForProductLevel(3);
    await office.go(`/transfers/${encodeURIComponent(transferId)}`);
    await o.locator('[data-testid="transfer-state"][data-state="closed"]').waitFor({ timeout: 30_000 });
    expect(await line(o, soap.id, 'writtenOff')).toBe('2');
    expect(await line(o, candle.id, 'sent')).toBe('3');
    await office.openProduct(soap.id);
    await office.waitForProductLevel(10);
    expect(await o.getByTestId('product-transit').count()).toBe(0);
    await office.openProduct(candle.id);
    await office.waitForProductLevel(7);

    // ── the server's truth ──
    const transfer = latestById((await pullAll(tenant.owner.api, 'transfers')).documents).get(transferId)!;
    expect(transfer.state).toBe('closed');
    expect(transfer.lines.find((l) => l.productId === soap.id)).toMatchObject({ qty: 10, sent: 10, received: 10, returned: 0, writtenOff: 2 });
    expect(transfer.lines.find((l) => l.productId === candle.id)).toMatchObject({ qty: 4, sent: 3, received: 3, returned: 0, writtenOff: 0 });
    const movements = [...latestById((await pullAll(tenant.owner.api, 'movements')).documents).values()].filter((m) => m.transferId === transferId);
    expect(movements.every((m) => m.status === 'accepted')).toBe(true);
    expect(movements.filter((m) => m.kind === 'transfer_out').map((m) => [m.storeId, m.productId, m.delta, m.actor]).sort()).toEqual(
      [[from, soap.id, -10, 'Back office'], [from, candle.id, -3, 'Back office']].sort(),
    );
    const shrinkage = movements.filter((m) => m.kind === 'adjustment').map((m) => [m.storeId, m.productId, m.delta, m.reason]).sort();
    expect(shrinkage).toEqual([[to, soap.id, -1, 'damaged'], [to, soap.id, -1, 'missing']]);
    const stock = latestById((await pullAll(tenant.owner.api, 'stock')).documents);
    const level = (s: string, p: string) => stock.get(stockId(s, p))?.onHand ?? 0;
    expect([level(from, soap.id), level(to, soap.id), level(from, candle.id), level(to, candle.id)]).toEqual([10, 8, 7, 3]);
    // Σ levels conserved minus write-offs (nothing is left on the road).
    expect(level(from, soap.id) + level(to, soap.id)).toBe(20 - 2);
    expect(level(from, candle.id) + level(to, candle.id)).toBe(10);
    ctx = { office, to, candle: candle.id };
  });

  it('a dispatch recorded offline that the server rejects goes to the exceptions list; "Reduce to available" sends what is there', async () => {
    const { tenant, storeId: from } = stack();
    const { office, to, candle } = ctx!;
    const o = office.page;
    await office.navTo('Transfers');
    await o.getByTestId('new-transfer').click();
    await o.getByTestId('transfer-destination').selectOption(to);
    await o.getByTestId('product-search').fill(await productSku(tenant.owner.api, candle));
    await o.keyboard.press('Enter');
    await o.locator(`[data-testid="transfer-line"][data-product="${candle}"] [data-testid="transfer-line-qty"]`).fill('7');
    await o.getByTestId('save-transfer').click();
    await o.locator('[data-testid="transfer-state"][data-state="draft"]').waitFor();
    const transferId = decodeURIComponent(/#\/transfers\/([^/?]+)/.exec(o.url())![1]!);
    await office.waitForPending(0);

    // Offline, the back office packs all 7; meanwhile another till sells 3 of them.
    await office.context.setOffline(true);
    await office.waitForConnection('offline');
    await o.getByTestId('dispatch-transfer').click();
    await o.getByTestId('record-dispatch').click();
    await o.locator('[data-testid="transfer-state"][data-state="sent"]').waitFor();
    const [sold] = await pushMovements(tenant.owner.api, [sale(from, candle, 3)]);
    expect(sold?.status).toBe('accepted');
    await office.context.setOffline(false);
    await office.waitForPending(0, 60_000);

    await office.navTo('Exceptions');
    const exception = o.getByTestId('exception').filter({ has: o.getByTestId('exception-reduce') });
    await exception.waitFor();
    await exception.getByTestId('exception-reduce').click();
    await exception.waitFor({ state: 'detached' });
    await office.waitForPending(0, 60_000);
    const transfer = await eventuallyServer(async () => {
      const t = latestById((await pullAll(tenant.owner.api, 'transfers')).documents).get(transferId);
      return t?.lines[0]?.sent === 4 ? t : null;
    });
    expect(transfer.state).toBe('sent');
    const movements = [...latestById((await pullAll(tenant.owner.api, 'movements')).documents).values()].filter((m) => m.transferId === transferId);
    expect(movements.map((m) => [m.kind, m.delta, m.status, m.rejection?.code ?? null]).sort()).toEqual([
      ['transfer_out', -4, 'accepted', null],
      ['transfer_out', -7, 'rejected', 'insufficient-stock'],
    ]);
    await office.go(`/transfers/${encodeURIComponent(transferId)}`);
    await o.locator('[data-testid="transfer-movement"][data-status="rejected"]').waitFor();
  });
});

let ctx: { office: UiDevice; to: string; candle: string } | null = null;

async function productSku(api: Api, productId: string): Promise<string> {
  const p = latestById((await pullAll(api, 'products')).documents).get(productId);
  if (!p) throw new Error(`no product ${productId}`);
  return p.sku;
}

async function eventuallyServer<T>(fn: () => Promise<T | null>, timeout = 30_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting for the server');
    await new Promise((r) => setTimeout(r, 200));
  }
}
