/**
 * Issue 11 §1 and §9: quantities on Counter and Receive edit like any field — empty while
 * typing, read when the ticket is completed, never a value nobody typed — and an open
 * ticket or delivery survives a reload. Typed as a person does (focus, End, Backspace,
 * select-all, digits; F9), checked against what the server stored.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MovementDoc } from '../../shared/index.js';
import type { NewProduct } from '../support/docs.js';
import { latestById, pullAll } from '../support/replication.js';
import { createProduct, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import type { UiDevice } from './support/device.js';
import { useStack } from './support/stack.js';

describe.skipIf(!hasChromium)('quantities that edit like any field', () => {
  const stack = useStack();
  let till: UiDevice;
  beforeAll(async () => {
    till = await stack().openDevice('Front till', 'staff');
  });

  const serverMovements = async (productId: string): Promise<MovementDoc[]> =>
    [...latestById((await pullAll(stack().tenant.owner.api, 'movements')).documents).values()].filter((m) => m.productId === productId);

  const stocked = async (name: string, qty: number): Promise<NewProduct> => {
    const p = await createProduct(stack().tenant.owner, name);
    await stockUp(stack().tenant.owner, stack().storeId, [[p.id, qty]]);
    return p;
  };

  /** Wait until the till has the product in its catalog and its level (scans find it). */
  const tillKnows = async (p: NewProduct, level: number) => {
    await till.openProduct(p.id);
    await till.waitForProductLevel(level);
  };

  /**
   * The editing sequence of the issue on one line's field: Backspace leaves it empty, "5"
   * gives 5, select-all + "24" gives 24. Returns the field (left at "24").
   */
  const editLikeAnyField = async (productId: string) => {
    const qty = till.lineQty(productId);
    await expect.poll(() => qty.inputValue()).toBe('1');
    await qty.focus();
    await till.page.keyboard.press('End'); // the caret after the "1", as a click there leaves it
    await till.page.keyboard.press('Backspace');
    expect(await qty.inputValue()).toBe('');
    // Nothing snaps back while the field is empty, not even after a moment.
    await till.page.waitForTimeout(300);
    expect(await qty.inputValue()).toBe('');
    await till.line(productId).getByText('Enter a quantity').waitFor();
    await till.page.keyboard.type('5');
    expect(await qty.inputValue()).toBe('5');
    await till.page.keyboard.press('Control+A');
    await till.page.keyboard.type('24');
    expect(await qty.inputValue()).toBe('24');
    return qty;
  };

  it('Counter: Backspace empties, digits replace, 0 is refused in words, the fixed quantity is sold once at the price', async () => {
    const tea = await stocked('Jasmine tea 250 g', 50);
    await tillKnows(tea, 50);
    await till.openCounter();
    await till.scan(tea.barcodes[0]!);
    const qty = await editLikeAnyField(tea.id);

    // 0: the line says so at once; F9 records nothing and names the product in words.
    await till.page.keyboard.press('Control+A');
    await till.page.keyboard.type('0');
    expect(await qty.inputValue()).toBe('0');
    await till.line(tea.id).getByText('At least 1').waitFor();
    await till.page.keyboard.press('F9');
    await till.page.getByText('The quantity of Jasmine tea 250 g must be at least 1').waitFor();
    await expect.poll(() => qty.evaluate((el) => el === document.activeElement)).toBe(true); // the line to fix is focused
    expect(await qty.inputValue()).toBe('0'); // still what was typed, not 1
    expect(await till.page.getByTestId('ticket-line').count()).toBe(1);
    expect(await till.pendingCount()).toBe(0);

    // An empty field is refused the same way (not sold as 1).
    await till.page.keyboard.press('Backspace');
    expect(await qty.inputValue()).toBe('');
    await till.page.keyboard.press('F9');
    await till.page.getByText('Enter a quantity for Jasmine tea 250 g').waitFor();
    expect(await till.pendingCount()).toBe(0);
    // Give a (wrong) push every chance to happen: the server has no sale of it.
    await till.page.waitForTimeout(1000);
    expect((await serverMovements(tea.id)).filter((m) => m.kind === 'sale')).toHaveLength(0);

    // Fixed: 7, completed with F9 from the field.
    await till.page.keyboard.type('7');
    expect(await qty.inputValue()).toBe('7');
    await till.page.keyboard.press('F9');
    await till.page.getByText('Sale recorded: 1 line,', { exact: false }).waitFor();
    await till.page.getByTestId('ticket-line').first().waitFor({ state: 'detached' });
    await till.waitForPending(0);

    await expect
      .poll(async () => (await serverMovements(tea.id)).filter((m) => m.kind === 'sale').map((m) => m.status), { timeout: 30_000 })
      .toEqual(['accepted']);
    const sales = (await serverMovements(tea.id)).filter((m) => m.kind === 'sale');
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({ delta: -7, unitPriceCents: tea.priceCents, balanceAfter: 43 });
    expect(await stack().serverLevel(tea.id)).toBe(43);
  });

  it('Receive: the same editing; a delivery of 24 reaches the server as +24 at the product cost', async () => {
    const flour = await stocked('Rye flour 1 kg', 3);
    await tillKnows(flour, 3);
    await till.openReceive();
    await till.scan(flour.barcodes[0]!);
    const qty = await editLikeAnyField(flour.id);

    // 0 on Receive: refused in words, nothing recorded.
    await till.page.keyboard.press('Control+A');
    await till.page.keyboard.type('0');
    await till.line(flour.id).getByText('At least 1').waitFor();
    await till.page.keyboard.press('F9');
    await till.page.getByText('The quantity of Rye flour 1 kg must be at least 1').waitFor();
    expect(await till.pendingCount()).toBe(0);
    await till.page.waitForTimeout(1000);
    expect((await serverMovements(flour.id)).filter((m) => m.kind === 'receipt')).toHaveLength(1); // only the stock-up

    await qty.focus();
    await till.page.keyboard.press('Control+A');
    await till.page.keyboard.type('24');
    expect(await qty.inputValue()).toBe('24');
    await till.page.getByTestId('receive-reference').fill('DN-4711');
    await till.page.getByRole('button', { name: /Record delivery/ }).click();
    await till.page.getByText('Delivery recorded: 1 line').waitFor();
    await till.page.getByTestId('ticket-line').first().waitFor({ state: 'detached' });
    await till.waitForPending(0);

    await expect.poll(() => stack().serverLevel(flour.id), { timeout: 30_000 }).toBe(27);
    const receipts = (await serverMovements(flour.id)).filter((m) => m.kind === 'receipt' && m.deviceId !== stack().tenant.owner.deviceId);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ delta: 24, unitCostCents: flour.costCents, status: 'accepted', reason: 'DN-4711', balanceAfter: 27 });
  });

  it('an open ticket and an open delivery (lines, typed quantities, delivery note) survive a reload', async () => {
    const soap = await stocked('Lavender soap', 40);
    const candle = await stocked('Soy candle', 40);
    await tillKnows(soap, 40);
    await tillKnows(candle, 40);

    // The ticket: two lines, quantities typed.
    await till.openCounter();
    await till.scan(soap.barcodes[0]!);
    await till.scan(candle.barcodes[0]!);
    await till.lineQty(soap.id).focus();
    await till.page.keyboard.press('Control+A');
    await till.page.keyboard.type('3');
    await till.lineQty(candle.id).focus();
    await till.page.keyboard.press('Control+A');
    await till.page.keyboard.type('12');

    // The delivery: one line with a typed quantity and a delivery note.
    await till.openReceive();
    await till.scan(candle.barcodes[0]!);
    await till.lineQty(candle.id).focus();
    await till.page.keyboard.press('Control+A');
    await till.page.keyboard.type('36');
    await till.page.getByTestId('receive-reference').fill('Note 77');

    await till.page.reload();
    await till.page.getByRole('navigation', { name: 'Main' }).waitFor();
    await till.page.getByRole('heading', { name: 'Receive delivery' }).waitFor();
    await expect.poll(() => till.page.getByTestId('ticket-line').count()).toBe(1);
    expect(await till.lineQty(candle.id).inputValue()).toBe('36');
    expect(await till.page.getByTestId('receive-reference').inputValue()).toBe('Note 77');

    await till.openCounter();
    await expect.poll(() => till.page.getByTestId('ticket-line').count()).toBe(2);
    expect(await till.lineQty(soap.id).inputValue()).toBe('3');
    expect(await till.lineQty(candle.id).inputValue()).toBe('12');
    expect(await till.pendingCount()).toBe(0); // kept as a draft, nothing recorded

    // Both complete as they were typed before the reload.
    await till.completeSale();
    await till.openReceive();
    await expect.poll(() => till.page.getByTestId('ticket-line').count()).toBe(1);
    await till.page.getByRole('button', { name: /Record delivery/ }).click();
    await till.page.getByTestId('ticket-line').first().waitFor({ state: 'detached' });
    await till.waitForPending(0);
    await expect.poll(() => stack().serverLevel(soap.id), { timeout: 30_000 }).toBe(37);
    await expect.poll(() => stack().serverLevel(candle.id), { timeout: 30_000 }).toBe(40 - 12 + 36);
    const candleMoves = (await serverMovements(candle.id)).filter((m) => m.deviceId !== stack().tenant.owner.deviceId);
    expect(candleMoves.map((m) => [m.kind, m.delta, m.status]).sort()).toEqual([
      ['receipt', 36, 'accepted'],
      ['sale', -12, 'accepted'],
    ]);
    expect(candleMoves.find((m) => m.kind === 'receipt')?.reason).toBe('Note 77');

    // Completed, they are gone: a reload brings back nothing.
    await till.page.reload();
    await till.page.getByRole('navigation', { name: 'Main' }).waitFor();
    await till.openReceive();
    await till.page.getByText('Scan or search to add delivered products').waitFor();
    await till.openCounter();
    await till.page.getByText('Scan or search to add products').waitFor();
  });
});
