/**
 * Issue 11 §14: a cashier finds Chinese product names by typing pinyin, not only characters:
 * full pinyin with or without spaces (`kafei`, `ka fei`), initials (`kf`), a prefix while
 * typing, ü typed as v (`lvcha`), typed fast and Enter at once. The product found is put on the ticket by Enter or a click,
 * and the completed sale reaches the server.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MovementDoc } from '../../shared/index.js';
import { product, type NewProduct } from '../support/docs.js';
import { latestById, pullAll, pushProducts } from '../support/replication.js';
import { stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import type { UiDevice } from './support/device.js';
import { useStack } from './support/stack.js';

describe.skipIf(!hasChromium)('pinyin search at the counter', () => {
  const stack = useStack();
  let till: UiDevice;
  let beans: NewProduct;
  let greenTea: NewProduct;
  let board: NewProduct;
  let filter: NewProduct;
  beforeAll(async () => {
    const { tenant, storeId } = stack();
    beans = { ...product('咖啡豆 500克'), priceCents: 6800 };
    greenTea = { ...product('绿茶'), priceCents: 3500 };
    board = product('开发板'); // kaifaban: also "kf", but not "kafei"
    filter = product('Kaffeefilter 102'); // Latin letters: "kaf" finds it, "kafei" does not
    await pushProducts(tenant.owner.api, [beans, greenTea, board, filter]);
    await stockUp(tenant.owner, storeId, [
      [beans.id, 10],
      [greenTea.id, 10],
      [board.id, 5],
      [filter.id, 5],
    ]);
    till = await stack().openDevice('Front till', 'staff');
    await till.openProduct(beans.id);
    await till.waitForProductLevel(10);
    await till.openCounter();
  });

  const options = () => till.page.getByRole('listbox').getByRole('option');
  /** The names of the results listed, in order. */
  const resultNames = () => till.page.locator('#product-results .result__name').allInnerTexts();

  /** Clear the search and type `text` at a person's pace. */
  async function typeSearch(text: string): Promise<void> {
    await till.search.focus();
    await till.page.keyboard.press('Control+A');
    await till.page.keyboard.press('Backspace');
    expect(await till.search.inputValue()).toBe('');
    await till.page.keyboard.type(text, { delay: 70 });
  }

  it('kf, kafei, ka fei and lvcha find the Chinese names; Enter and a click put them on the ticket; the sale reaches the server', async () => {
    const { page } = till;

    // Initials: both names whose syllables start k-f, nothing else.
    await typeSearch('kf');
    await expect.poll(async () => (await resultNames()).sort()).toEqual(['咖啡豆 500克', '开发板'].sort());

    // A prefix while typing, then the full pinyin: only the coffee beans.
    await typeSearch('kaf');
    await expect.poll(async () => (await resultNames()).sort()).toEqual(['Kaffeefilter 102', '咖啡豆 500克'].sort());
    await page.keyboard.type('ei', { delay: 70 });
    await expect.poll(() => resultNames()).toEqual(['咖啡豆 500克']);
    expect(await options().first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await till.line(beans.id).waitFor();
    expect(await till.search.inputValue()).toBe(''); // ready for the next product
    expect(await till.lineQty(beans.id).inputValue()).toBe('1');

    // With a space between the syllables; picked with the mouse: a second one of the same line.
    await typeSearch('ka fei');
    await expect.poll(() => resultNames()).toEqual(['咖啡豆 500克']);
    await options().filter({ hasText: '咖啡豆 500克' }).click();
    await expect.poll(() => till.lineQty(beans.id).inputValue()).toBe('2');
    expect(await page.getByTestId('ticket-line').count()).toBe(1);

    // A fast typist (a burst, then Enter at once): the Enter takes what was typed, not an older list.
    await till.search.focus();
    await page.keyboard.type('kafei');
    await page.keyboard.press('Enter');
    await expect.poll(() => till.lineQty(beans.id).inputValue()).toBe('3');
    expect(await page.getByTestId('ticket-line').count()).toBe(1);

    // ü typed as v, and initials; ↓ and Enter choose among several.
    await typeSearch('lvcha');
    await expect.poll(() => resultNames()).toEqual(['绿茶']);
    await typeSearch('lc');
    await expect.poll(() => resultNames()).toContain('绿茶');
    const names = await resultNames();
    for (let i = 0; i < names.indexOf('绿茶'); i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => options().filter({ hasText: '绿茶' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await till.line(greenTea.id).waitFor();
    expect(await till.lineQty(greenTea.id).inputValue()).toBe('1');

    // Pinyin that matches nothing says so in words.
    await typeSearch('zzzz');
    await page.getByText('No product matches “zzzz”').waitFor();
    expect(await options().count()).toBe(0);
    await page.keyboard.press('Escape');

    const total = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format((3 * 6800 + 3500) / 100);
    expect(await page.getByTestId('ticket-total').innerText()).toBe(total);
    await till.completeSale();
    await till.waitForPending(0);

    const sales = async (): Promise<MovementDoc[]> =>
      [...latestById((await pullAll(stack().tenant.owner.api, 'movements')).documents).values()].filter((m) => m.kind === 'sale');
    await expect
      .poll(async () => (await sales()).map((m) => [m.productId, m.delta, m.status, m.unitPriceCents]).sort(), { timeout: 30_000 })
      .toEqual(
        [
          [beans.id, -3, 'accepted', 6800],
          [greenTea.id, -1, 'accepted', 3500],
        ].sort(),
      );
    const [a, b] = await sales();
    expect(a!.ticketId).toBe(b!.ticketId);
    expect(await stack().serverLevel(beans.id)).toBe(7);
    expect(await stack().serverLevel(greenTea.id)).toBe(9);
    expect(await stack().serverLevel(board.id)).toBe(5);
  });
});
