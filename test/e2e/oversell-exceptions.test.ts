/**
 * Issue 11 §2–§4, DESIGN §5: a sale beyond the projected level is asked about before anything
 * is recorded; a refused sale stays on Exceptions until a recorded action (a count of the
 * shelf, the sale entered again) or a manager's dismissal with a reason resolves it, and every
 * resolution replicates to the server and stays in the history. "Re-enter" puts the refused
 * line on the ticket once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MovementDoc, ResolutionDoc } from '../../shared/index.js';
import type { NewProduct } from '../support/docs.js';
import { latestById, pullAll } from '../support/replication.js';
import { createProduct, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import type { UiDevice } from './support/device.js';
import { useStack } from './support/stack.js';

describe.skipIf(!hasChromium)('oversell warning and exceptions that stay until resolved', () => {
  const stack = useStack();
  /** A manager's till: it sells, sees its refused sales and may dismiss them. */
  let till: UiDevice;
  beforeAll(async () => {
    till = await stack().openDevice('Manager till', 'manager');
  });

  const serverMovements = async (productId: string): Promise<MovementDoc[]> =>
    [...latestById((await pullAll(stack().tenant.owner.api, 'movements')).documents).values()].filter((m) => m.productId === productId);
  const serverResolutions = async (): Promise<Map<string, ResolutionDoc>> =>
    latestById((await pullAll(stack().tenant.owner.api, 'resolutions')).documents);

  const stocked = async (name: string, qty: number): Promise<NewProduct> => {
    const p = await createProduct(stack().tenant.owner, name);
    await stockUp(stack().tenant.owner, stack().storeId, [[p.id, qty]]);
    await till.openProduct(p.id);
    await till.waitForProductLevel(qty);
    return p;
  };

  const usd = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
  /** The toast of this sale (an earlier sale's toast may still be showing). */
  const saleRecorded = (p: NewProduct, qty: number) => till.page.getByText(`Sale recorded: 1 line, ${usd(p.priceCents * qty)}`).last();

  const oversellDialog = () => till.page.getByRole('dialog', { name: 'More than is in stock' });

  /** Scan the product on the counter and type `qty` into its line (select-all, digits). */
  const ticketOf = async (p: NewProduct, qty: number) => {
    await till.openCounter();
    await till.scan(p.barcodes[0]!);
    const field = till.lineQty(p.id);
    await expect.poll(() => field.inputValue()).toBe('1');
    await field.focus();
    await till.page.keyboard.press('Control+A');
    await till.page.keyboard.type(String(qty));
    expect(await field.inputValue()).toBe(String(qty));
  };

  /** Sell more than is in stock, confirming the warning; returns the server's refused movement. */
  const refusedSale = async (p: NewProduct, qty: number): Promise<MovementDoc> => {
    await ticketOf(p, qty);
    await till.page.keyboard.press('F9');
    await oversellDialog().waitFor();
    await till.page.getByRole('button', { name: 'Record the sale anyway' }).click();
    await saleRecorded(p, qty).waitFor();
    await till.waitForPending(0);
    let refused: MovementDoc | undefined;
    await expect
      .poll(async () => (refused = (await serverMovements(p.id)).find((m) => m.kind === 'sale'))?.status, { timeout: 30_000 })
      .toBe('rejected');
    return refused!;
  };

  const exceptionRow = (movementId: string) => till.page.locator(`[data-testid="exception"][data-movement="${movementId}"]`);
  const openExceptions = async () => {
    await till.navTo(/Exceptions/);
    await till.page.getByRole('heading', { name: 'Exceptions' }).waitFor();
  };

  it('warns before recording, records only when confirmed; the refusal stays until dismissed with a reason', async () => {
    const beans = await stocked('Espresso beans 1 kg', 23);
    await ticketOf(beans, 30);
    expect(await till.line(beans.id).innerText()).toContain('Only 23 in stock');

    // F9: the question comes first; nothing is recorded while it is open.
    await till.page.keyboard.press('F9');
    await oversellDialog().waitFor();
    expect(await oversellDialog().innerText()).toContain('Espresso beans 1 kg: selling 30, 23 in stock');
    expect(await till.pendingCount()).toBe(0);
    await till.page.waitForTimeout(1000);
    expect(await till.pendingCount()).toBe(0);
    expect((await serverMovements(beans.id)).filter((m) => m.kind === 'sale')).toHaveLength(0);

    // "Change the quantities": back to the ticket as it was, still nothing recorded.
    await till.page.getByRole('button', { name: /Change the quantities/ }).click();
    await oversellDialog().waitFor({ state: 'detached' });
    expect(await till.lineQty(beans.id).inputValue()).toBe('30');
    await expect.poll(() => till.lineQty(beans.id).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await till.pendingCount()).toBe(0);

    // Completing again asks again; "Record the sale anyway" records it; the server refuses it.
    await till.page.keyboard.press('F9');
    await oversellDialog().waitFor();
    await till.page.getByRole('button', { name: 'Record the sale anyway' }).click();
    await saleRecorded(beans, 30).waitFor();
    await till.waitForPending(0);
    let refused: MovementDoc | undefined;
    await expect
      .poll(async () => (refused = (await serverMovements(beans.id)).find((m) => m.kind === 'sale'))?.status, { timeout: 30_000 })
      .toBe('rejected');
    expect(refused!.rejection).toMatchObject({ code: 'insufficient-stock', requested: 30, available: 23 });
    expect(await stack().serverLevel(beans.id)).toBe(23);

    // It shows on Exceptions, in words.
    await till.health.getByText('1 to review').waitFor();
    await openExceptions();
    const row = exceptionRow(refused!.id);
    await row.waitFor();
    expect(await row.innerText()).toContain('Espresso beans 1 kg × 30');
    expect(await row.innerText()).toContain('Not enough stock (available: 23, requested: 30)');

    // Navigating away and back keeps it.
    await till.openCounter();
    await openExceptions();
    await row.waitFor();

    // "Count the shelf", then leaving the count screen without counting keeps it.
    await row.getByRole('button', { name: 'Count the shelf' }).click();
    await till.page.getByRole('heading', { name: 'Stock count' }).waitFor();
    await till.page.getByTestId('count-resolves').waitFor();
    expect(await till.page.getByTestId('count-expected').innerText()).toBe('23');
    await openExceptions();
    await row.waitFor();
    expect(await till.health.getAttribute('data-exceptions')).toBe('1');
    expect((await serverResolutions()).has(refused!.id)).toBe(false);
    // A reload does not lose it either.
    await till.page.reload();
    await till.page.getByRole('navigation', { name: 'Main' }).waitFor();
    await row.waitFor();

    // Dismiss needs a reason: the confirm button stays disabled while it is empty (or blank).
    await row.getByRole('button', { name: 'Dismiss…' }).click();
    const dialog = till.page.getByRole('dialog', { name: 'Dismiss this exception' });
    await dialog.waitFor();
    const confirm = dialog.getByTestId('dismiss-confirm');
    expect(await confirm.isDisabled()).toBe(true);
    const reason = dialog.getByTestId('dismiss-reason');
    await reason.focus();
    await till.page.keyboard.type('   ');
    expect(await confirm.isDisabled()).toBe(true);
    await till.page.keyboard.press('Enter'); // a blank reason is not taken either
    expect(await dialog.isVisible()).toBe(true);
    await till.page.keyboard.press('Control+A');
    await till.page.keyboard.type('Sold from the back room stock');
    expect(await confirm.isEnabled()).toBe(true);
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });
    await till.page.getByText('Exception dismissed').waitFor();

    // It leaves the list and shows under "Resolved" with the reason and who.
    await row.waitFor({ state: 'detached' });
    const resolved = till.page.locator(`[data-testid="resolution"][data-movement="${refused!.id}"]`);
    await resolved.waitFor();
    expect(await resolved.getAttribute('data-resolution')).toBe('dismissed');
    expect(await resolved.innerText()).toContain('Espresso beans 1 kg');
    expect(await resolved.innerText()).toContain('Dismissed by Manager till: Sold from the back room stock');
    await expect.poll(() => till.health.getAttribute('data-exceptions')).toBe('0');

    // The server has the resolution of that movement.
    await expect.poll(async () => (await serverResolutions()).get(refused!.id), { timeout: 30_000 }).toMatchObject({
      resolution: 'dismissed',
      reason: 'Sold from the back room stock',
      productId: beans.id,
      storeId: stack().storeId,
      resolvedBy: 'Manager till',
      resolvingMovementId: null,
    });
    // Stays resolved over a reload.
    await till.page.reload();
    await till.page.getByRole('navigation', { name: 'Main' }).waitFor();
    await resolved.waitFor();
    expect(await exceptionRow(refused!.id).count()).toBe(0);
  });

  it('"Re-enter" puts the refused line on the ticket once; completing it records one sale and resolves it', async () => {
    const honey = await stocked('Forest honey 500 g', 2);
    const refused = await refusedSale(honey, 5);
    expect(refused.rejection).toMatchObject({ code: 'insufficient-stock', requested: 5, available: 2 });

    await openExceptions();
    const row = exceptionRow(refused.id);
    await row.waitFor();
    await till.watchToasts();
    await row.getByRole('button', { name: 'Re-enter' }).click();
    await till.page.getByRole('heading', { name: 'Counter' }).waitFor();
    await expect.poll(() => till.page.getByTestId('ticket-line').count()).toBe(1);
    expect(await till.lineQty(honey.id).inputValue()).toBe('5');
    await till.page.getByTestId('reenter-note').waitFor();
    await till.page.waitForTimeout(1000); // a second run of the effect would show by now
    expect(await till.page.getByTestId('ticket-line').count()).toBe(1);
    expect(await till.lineQty(honey.id).inputValue()).toBe('5');
    expect((await till.toastsSeen()).filter((t) => t === 'Line re-entered from exception')).toHaveLength(1);

    // A reload keeps one line with the refused quantity (not doubled).
    await till.page.reload();
    await till.page.getByRole('navigation', { name: 'Main' }).waitFor();
    await till.page.getByRole('heading', { name: 'Counter' }).waitFor();
    await expect.poll(() => till.page.getByTestId('ticket-line').count()).toBe(1);
    expect(await till.lineQty(honey.id).inputValue()).toBe('5');
    await till.page.getByTestId('reenter-note').waitFor();
    await till.page.waitForTimeout(500);
    expect(await till.lineQty(honey.id).inputValue()).toBe('5');

    // The stock covers 2: typed, completed without a warning.
    await till.lineQty(honey.id).focus();
    await till.page.keyboard.press('Control+A');
    await till.page.keyboard.type('2');
    await till.page.keyboard.press('F9');
    await saleRecorded(honey, 2).waitFor();
    expect(await oversellDialog().count()).toBe(0);
    await till.waitForPending(0);

    await expect.poll(() => stack().serverLevel(honey.id), { timeout: 30_000 }).toBe(0);
    const sales = (await serverMovements(honey.id)).filter((m) => m.kind === 'sale');
    const accepted = sales.filter((m) => m.status === 'accepted');
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ delta: -2, unitPriceCents: honey.priceCents });
    expect(sales.filter((m) => m.status === 'rejected').map((m) => m.id)).toEqual([refused.id]);
    await expect.poll(async () => (await serverResolutions()).get(refused.id), { timeout: 30_000 }).toMatchObject({
      resolution: 're-entered',
      resolvingMovementId: accepted[0]!.id,
      productId: honey.id,
    });

    // Off the list, in the history.
    await openExceptions();
    await till.page.locator(`[data-testid="resolution"][data-movement="${refused.id}"][data-resolution="re-entered"]`).waitFor();
    expect(await exceptionRow(refused.id).count()).toBe(0);
  });

  it('"Count the shelf" and recording the count resolves it (counted, on the server too)', async () => {
    const jam = await stocked('Quince jam 200 g', 1);
    const refused = await refusedSale(jam, 4);

    await openExceptions();
    const row = exceptionRow(refused.id);
    await row.getByRole('button', { name: 'Count the shelf' }).click();
    await till.page.getByRole('heading', { name: 'Stock count' }).waitFor();
    await till.page.getByTestId('count-resolves').waitFor();
    expect(await till.page.getByTestId('count-expected').innerText()).toBe('1');
    const counted = till.page.getByLabel('Counted');
    await counted.focus();
    await till.page.keyboard.type('1');
    await till.page.keyboard.press('Enter');
    await till.page.getByText(/Count recorded/).waitFor();
    await till.waitForPending(0);

    let count: MovementDoc | undefined;
    await expect
      .poll(async () => (count = (await serverMovements(jam.id)).find((m) => m.kind === 'count'))?.status, { timeout: 30_000 })
      .toBe('accepted');
    expect(count).toMatchObject({ countedQty: 1, expectedQty: 1, delta: 0 });
    await expect.poll(async () => (await serverResolutions()).get(refused.id), { timeout: 30_000 }).toMatchObject({
      resolution: 'counted',
      resolvingMovementId: count!.id,
      productId: jam.id,
    });

    await openExceptions();
    await till.page.locator(`[data-testid="resolution"][data-movement="${refused.id}"][data-resolution="counted"]`).waitFor();
    expect(await exceptionRow(refused.id).count()).toBe(0);
    expect(await till.health.getAttribute('data-exceptions')).toBe('0');
  });
  it('offline too: the warning comes before recording; a staff till sees its refusal but may not dismiss it', async () => {
    const oil = await createProduct(stack().tenant.owner, 'Walnut oil 250 ml');
    await stockUp(stack().tenant.owner, stack().storeId, [[oil.id, 2]]);
    const staff = await stack().openDevice('Staff till', 'staff');
    await staff.openProduct(oil.id);
    await staff.waitForProductLevel(2);

    await staff.context.setOffline(true);
    await staff.waitForConnection('offline');
    await staff.openCounter();
    await staff.scan(oil.barcodes[0]!);
    await staff.lineQty(oil.id).focus();
    await staff.page.keyboard.press('Control+A');
    await staff.page.keyboard.type('3');
    await staff.page.keyboard.press('F9');
    const dialog = staff.page.getByRole('dialog', { name: 'More than is in stock' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Walnut oil 250 ml: selling 3, 2 in stock');
    expect(await staff.pendingCount()).toBe(0);
    // Esc is "Change the quantities": nothing recorded.
    await staff.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await staff.pendingCount()).toBe(0);
    expect(await staff.lineQty(oil.id).inputValue()).toBe('3');

    await staff.page.keyboard.press('F9');
    await dialog.waitFor();
    await staff.page.getByRole('button', { name: 'Record the sale anyway' }).click();
    await staff.waitForPending(1);
    expect((await serverMovements(oil.id)).filter((m) => m.kind === 'sale')).toHaveLength(0);

    await staff.context.setOffline(false);
    await staff.waitForPending(0, 60_000);
    let refused: MovementDoc | undefined;
    await expect
      .poll(async () => (refused = (await serverMovements(oil.id)).find((m) => m.kind === 'sale'))?.status, { timeout: 30_000 })
      .toBe('rejected');
    await staff.go('/exceptions');
    const row = staff.page.locator(`[data-testid="exception"][data-movement="${refused!.id}"]`);
    await row.waitFor();
    await row.getByRole('button', { name: 'Count the shelf' }).waitFor();
    expect(await row.getByRole('button', { name: 'Dismiss…' }).count()).toBe(0);
  });
});
