/**
 * Issue 11 §8, DESIGN §4–§5: the ticket journal lists every ticket of the store by day (in the
 * store's zone) with lines, prices, verdicts and who; any line of a past ticket can be voided
 * or returned with a reason. The server takes a line back at most as far as it was sold: a
 * second void of the same line is refused (`invalid-void`) and shown in words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { localDay, uuidv7, type MovementDoc } from '../../shared/index.js';
import type { Device } from '../support/client.js';
import { movement, type NewProduct } from '../support/docs.js';
import { latestById, pullAll, pushMovements } from '../support/replication.js';
import { createProduct, pairStaff, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import type { UiDevice } from './support/device.js';
import { useStack } from './support/stack.js';

/** The UTC offset (ms) of `timeZone` at instant `t`. */
function offsetAt(t: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(t);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - t;
}

/** The instant it is `hour`:00 on `day` (YYYY-MM-DD) on the clocks of `timeZone`. */
function wallClock(day: string, hour: number, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour);
  let t = wall;
  for (let i = 0; i < 3; i++) t = wall - offsetAt(t, timeZone);
  return t;
}

/** The day before `day` (YYYY-MM-DD). */
function dayBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

const usd = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

describe.skipIf(!hasChromium)('the ticket journal', () => {
  const stack = useStack();
  let till: UiDevice;
  let other: Device;
  let timeZone: string;
  beforeAll(async () => {
    const { tenant, storeId } = stack();
    other = await pairStaff(tenant, storeId, 'Till B (API)');
    const store = latestById((await pullAll(tenant.owner.api, 'stores')).documents).get(storeId)!;
    timeZone = store.timezone;
    till = await stack().openDevice('Journal till', 'staff');
  });

  const serverMovements = async (productId: string): Promise<MovementDoc[]> =>
    [...latestById((await pullAll(stack().tenant.owner.api, 'movements')).documents).values()].filter((m) => m.productId === productId);

  const openJournal = async () => {
    await till.navTo(/Journal/);
    await till.page.getByRole('heading', { name: 'Journal' }).waitFor();
    expect(till.page.url()).toMatch(/#\/journal$/);
  };

  const ticket = (ticketId: string) => till.page.locator(`[data-testid="journal-ticket"][data-ticket="${ticketId}"]`);

  it("another till's sale of yesterday: shown under yesterday; two voids of the same line, only one accepted", async () => {
    const { tenant, storeId } = stack();
    const kettle = await createProduct(tenant.owner, 'Enamel kettle');
    await stockUp(tenant.owner, storeId, [[kettle.id, 10]]);
    const today = localDay(Date.now(), timeZone);
    const yesterday = dayBefore(today);
    const soldAt = wallClock(yesterday, 10, timeZone);
    expect(localDay(soldAt, timeZone)).toBe(yesterday);
    const ticketId = uuidv7(soldAt);
    const [sale] = await pushMovements(other.api, [
      movement({ storeId, productId: kettle.id, kind: 'sale', delta: -3, ticketId, unitPriceCents: 2750, actor: 'Ana', clientTime: soldAt }),
    ]);
    expect(sale).toMatchObject({ status: 'accepted', balanceAfter: 7 });

    await till.openProduct(kettle.id);
    await till.waitForProductLevel(7);
    await openJournal();
    const day = till.page.getByTestId('journal-day');
    await expect.poll(() => day.locator(`option[value="${yesterday}"]`).count()).toBe(1);
    await day.selectOption(yesterday);
    const t = ticket(ticketId);
    await t.waitFor();
    const line = t.locator(`[data-testid="journal-line"][data-movement="${sale!.id}"]`);
    const lineText = await line.innerText();
    expect(lineText).toContain('Enamel kettle');
    expect(lineText).toContain('× 3');
    expect(lineText).toContain(usd(2750));
    expect(lineText).toContain(usd(3 * 2750));
    expect(await line.getByTestId('line-status').innerText()).toBe('accepted');
    const head = await t.locator('.journal__ticket-head').innerText();
    expect(head).toContain('by Ana');
    expect(head).toContain('another till');
    expect(head).toContain(new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit' }).format(soldAt));

    // This till voids the whole line while offline …
    await till.context.setOffline(true);
    await till.waitForConnection('offline');
    await line.getByRole('button', { name: 'Void / return' }).click();
    const dialog = till.page.getByRole('dialog', { name: 'Void or return: Enamel kettle' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`Sold 3 at ${usd(2750)} · 3 can still be voided`);
    const qty = dialog.getByTestId('void-line-qty');
    const confirm = dialog.getByTestId('void-line-confirm');
    await qty.focus();
    await till.page.keyboard.press('Control+A');
    await till.page.keyboard.type('3');
    expect(await confirm.isDisabled()).toBe(true); // no reason yet
    await dialog.getByTestId('void-line-reason').focus();
    await till.page.keyboard.type('Returned, lid dented');
    expect(await confirm.innerText()).toContain('Void 3');
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });
    await till.waitForPending(1);
    const mine = t.locator('[data-testid="journal-void"]');
    await mine.first().waitFor();
    expect(await mine.first().getAttribute('data-status')).toBe('pending');
    expect(await mine.first().innerText()).toContain('3 × Enamel kettle voided (Returned, lid dented)');

    // … meanwhile the other till takes 2 of the same line back over the API: accepted.
    const [theirs] = await pushMovements(other.api, [
      movement({ storeId, productId: kettle.id, kind: 'void', delta: 2, ticketId, unitPriceCents: 2750, reason: 'Customer return', actor: 'Ana' }),
    ]);
    expect(theirs).toMatchObject({ status: 'accepted', balanceAfter: 9 });

    // Back online: this till's void is refused (only 1 was left) and said in words.
    await till.context.setOffline(false);
    await till.waitForPending(0, 60_000);
    let refusedVoid: MovementDoc | undefined;
    await expect
      .poll(async () => (refusedVoid = (await serverMovements(kettle.id)).find((m) => m.kind === 'void' && m.deviceId !== other.deviceId))?.status, {
        timeout: 30_000,
      })
      .toBe('rejected');
    expect(refusedVoid!.rejection).toMatchObject({ code: 'invalid-void', requested: 3, available: 1 });
    const voids = (await serverMovements(kettle.id)).filter((m) => m.kind === 'void' && m.ticketId === ticketId);
    expect(voids.filter((m) => m.status === 'accepted').map((m) => m.id)).toEqual([theirs!.id]);
    expect(await stack().serverLevel(kettle.id)).toBe(9);

    await openJournal();
    await day.selectOption(yesterday);
    const rejection = t.locator(`[data-testid="journal-void"][data-status="rejected"]`).getByTestId('void-rejection');
    await rejection.waitFor();
    expect(await rejection.innerText()).toBe('Cannot void 3: only 1 of this sale line can still be voided');
    await t.locator('[data-testid="journal-void"][data-status="accepted"]').waitFor();
    expect(await t.locator('[data-testid="journal-void"]').count()).toBe(2);
    expect(await line.innerText()).toContain('2 voided');

    // And on Exceptions, in words, without ids.
    await till.health.getByText('1 to review').waitFor();
    await till.navTo(/Exceptions/);
    const row = till.page.locator(`[data-testid="exception"][data-movement="${refusedVoid!.id}"]`);
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain('Enamel kettle × 3');
    expect(rowText).toContain('Cannot void 3: only 1 of this sale line can still be voided');
    expect(rowText).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it("today's ticket from this till: void 1 of its 2 units; the line then allows at most 1 more", async () => {
    const { tenant, storeId } = stack();
    const mug: NewProduct = await createProduct(tenant.owner, 'Stoneware mug');
    await stockUp(tenant.owner, storeId, [[mug.id, 6]]);
    await till.openProduct(mug.id);
    await till.waitForProductLevel(6);
    await till.openCounter();
    await till.sell(mug.barcodes[0]!, mug.barcodes[0]!);
    await till.waitForPending(0);
    let sale: MovementDoc | undefined;
    await expect
      .poll(async () => (sale = (await serverMovements(mug.id)).find((m) => m.kind === 'sale'))?.status, { timeout: 30_000 })
      .toBe('accepted');
    expect(sale).toMatchObject({ delta: -2, unitPriceCents: mug.priceCents, actor: 'Journal till' });

    await openJournal();
    const day = till.page.getByTestId('journal-day');
    expect(await day.inputValue()).toBe(localDay(Date.now(), timeZone)); // today comes first
    const t = ticket(sale!.ticketId!);
    await t.waitFor();
    expect(await t.locator('.journal__ticket-head').innerText()).toContain('by Journal till');
    expect(await t.locator('.journal__ticket-head').innerText()).toContain('this till');
    const line = t.locator(`[data-testid="journal-line"][data-movement="${sale!.id}"]`);
    expect(await line.innerText()).toContain('× 2');
    expect(await t.getByTestId('ticket-net').innerText()).toBe(usd(2 * mug.priceCents));

    await line.getByRole('button', { name: 'Void / return' }).click();
    let dialog = till.page.getByRole('dialog', { name: 'Void or return: Stoneware mug' });
    await dialog.waitFor();
    const qty = dialog.getByTestId('void-line-qty');
    expect(await qty.inputValue()).toBe('2');
    await qty.focus();
    await till.page.keyboard.press('Control+A');
    await till.page.keyboard.type('1');
    await dialog.getByTestId('void-line-reason').focus();
    await till.page.keyboard.type('Returned');
    await till.watchToasts();
    await till.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => till.toastsSeen()).toContain('1 of Stoneware mug voided');
    await till.waitForPending(0);

    // The server accepts it once.
    await expect
      .poll(async () => (await serverMovements(mug.id)).filter((m) => m.kind === 'void').map((m) => [m.delta, m.status, m.ticketId]), { timeout: 30_000 })
      .toEqual([[1, 'accepted', sale!.ticketId]]);
    const theVoid = (await serverMovements(mug.id)).find((m) => m.kind === 'void')!;
    expect(theVoid).toMatchObject({ reason: 'Returned', unitPriceCents: mug.priceCents });
    expect(await stack().serverLevel(mug.id)).toBe(5);

    // The line says so, and takes back at most 1 more.
    await expect.poll(() => line.innerText()).toContain('1 voided');
    await t.locator('[data-testid="journal-void"][data-status="accepted"]').waitFor();
    expect(await t.getByTestId('ticket-net').innerText()).toBe(usd(mug.priceCents));
    await line.getByRole('button', { name: 'Void / return' }).click();
    dialog = till.page.getByRole('dialog', { name: 'Void or return: Stoneware mug' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('1 can still be voided');
    expect(await dialog.getByTestId('void-line-qty').inputValue()).toBe('1');
    await dialog.getByTestId('void-line-qty').focus();
    await till.page.keyboard.press('Control+A');
    await till.page.keyboard.type('2');
    await dialog.getByTestId('void-line-reason').fill('Returned');
    await dialog.getByText('Only 1 of Stoneware mug can still be voided').waitFor();
    expect(await dialog.getByTestId('void-line-confirm').isDisabled()).toBe(true);
    await till.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await till.pendingCount()).toBe(0);
    expect((await serverMovements(mug.id)).filter((m) => m.kind === 'void')).toHaveLength(1);
  });
});
