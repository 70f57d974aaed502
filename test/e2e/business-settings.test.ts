/**
 * Issue 11 §11, DESIGN §2: the business name, currency and default time zone are the owner's to
 * edit (no more fixed "My shop", USD), a store's time zone is picked from the zones the clock
 * knows (never free text), everything replicates (the server has it, a reload keeps it) and
 * every till formats money in the business's currency. A staff till cannot open the screen.
 */
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_ID, type SettingsDoc, type StoreDoc } from '../../shared/index.js';
import type { NewProduct } from '../support/docs.js';
import { latestById, pullAll } from '../support/replication.js';
import { createProduct, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import type { UiDevice } from './support/device.js';
import { useStack } from './support/stack.js';

const money = (cents: number, currency: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);

describe.skipIf(!hasChromium)('business settings and a store’s time zone', () => {
  const stack = useStack();
  let owner: UiDevice;
  let till: UiDevice;
  let brew: NewProduct;
  beforeAll(async () => {
    const { tenant, storeId } = stack();
    brew = await createProduct(tenant.owner, 'Cold brew bottle');
    await stockUp(tenant.owner, storeId, [[brew.id, 12]]);
    owner = await stack().openDevice('Office PC', 'owner');
    till = await stack().openDevice('Front till', 'staff');
  });

  const serverSettings = async (): Promise<SettingsDoc | undefined> =>
    latestById((await pullAll(stack().tenant.owner.api, 'settings')).documents).get(SETTINGS_ID);
  const serverStore = async (): Promise<StoreDoc> =>
    latestById((await pullAll(stack().tenant.owner.api, 'stores')).documents).get(stack().storeId)!;

  /** Focus, select all, delete, type: as a person replaces a field's text. */
  async function retype(device: UiDevice, field: Locator, text: string): Promise<void> {
    await field.focus();
    await device.page.keyboard.press('Control+A');
    await device.page.keyboard.press('Backspace');
    expect(await field.inputValue()).toBe('');
    if (text) await device.page.keyboard.type(text, { delay: 30 });
  }

  /** The price of a product as the counter shows it on its ticket (scanned, then cleared again). */
  async function ticketPrice(device: UiDevice, p: NewProduct): Promise<string> {
    await device.openCounter();
    await device.scan(p.barcodes[0]!);
    await device.line(p.id).waitFor();
    const total = await device.page.getByTestId('ticket-total').innerText();
    await device.page.getByTestId('clear-ticket').click();
    await device.line(p.id).waitFor({ state: 'detached' });
    return total.trim();
  }

  it('the owner renames the business, picks a currency and a time zone; the server has them; prices show in the new currency on every till', async () => {
    const { page } = owner;
    expect(await ticketPrice(owner, brew)).toBe(money(brew.priceCents, 'USD'));

    await owner.navTo('Business');
    await page.getByRole('heading', { name: 'Business' }).waitFor();
    expect(page.url()).toMatch(/#\/business$/);
    const name = page.getByLabel('Business name');
    const currency = page.getByLabel('Currency');
    expect(await currency.inputValue()).toBe('USD');

    // An empty name is refused in words and not saved.
    await retype(owner, name, '');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Give a name of 1 to 200 characters.').waitFor();
    await page.waitForTimeout(300);
    expect(await serverSettings().then((s) => s?.businessName)).not.toBe('');

    await retype(owner, name, 'Hafenkiosk Ahlbeck');
    await currency.focus();
    await currency.selectOption('EUR');
    expect(await currency.locator('option:checked').innerText()).toBe('EUR · Euro');

    // The time zone: search, the first match is taken, then picked from the list.
    const tzFilter = page.getByTestId('business-tz-filter');
    await retype(owner, tzFilter, 'tokyo');
    const tz = page.getByLabel('Time zone', { exact: true });
    await expect.poll(() => tz.inputValue()).toBe('Asia/Tokyo');
    await retype(owner, tzFilter, 'zzz');
    await page.getByText('No time zone matches').waitFor();
    expect(await tz.inputValue()).toBe('Asia/Tokyo'); // a search with no match changes nothing
    await retype(owner, tzFilter, 'pacific');
    await tz.selectOption('Pacific/Auckland');
    expect(await tz.inputValue()).toBe('Pacific/Auckland');

    await owner.watchToasts();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => owner.toastsSeen()).toContain('Business settings saved');

    await expect
      .poll(async () => {
        const s = await serverSettings();
        return s && { businessName: s.businessName, currency: s.currency, timezone: s.timezone };
      }, { timeout: 30_000 })
      .toEqual({ businessName: 'Hafenkiosk Ahlbeck', currency: 'EUR', timezone: 'Pacific/Auckland' });

    // Prices in euros, here and on the staff till (replicated), and the business's name in the nav.
    expect(await ticketPrice(owner, brew)).toBe(money(brew.priceCents, 'EUR'));
    await expect.poll(() => till.page.locator('.device-line').innerText(), { timeout: 30_000 }).toContain('Hafenkiosk Ahlbeck');
    expect(await ticketPrice(till, brew)).toBe(money(brew.priceCents, 'EUR'));
    await till.navTo('This device');
    await till.page.getByText('Hafenkiosk Ahlbeck · EUR').waitFor();

    // A reload keeps it all.
    await page.reload();
    await owner.waitForInitialSync();
    await owner.go('/business');
    await page.getByRole('heading', { name: 'Business' }).waitFor();
    expect(await page.getByLabel('Business name').inputValue()).toBe('Hafenkiosk Ahlbeck');
    expect(await page.getByLabel('Currency').inputValue()).toBe('EUR');
    expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Pacific/Auckland');
    expect(await ticketPrice(owner, brew)).toBe(money(brew.priceCents, 'EUR'));
  });

  it("the owner sets a store's time zone with the picker; the server has it; a reload shows it", async () => {
    const { page } = owner;
    const { storeId } = stack();
    const before = await serverStore();
    expect(before.timezone).not.toBe('America/New_York');

    await owner.navTo('Stores');
    await page.getByRole('heading', { name: 'Stores' }).waitFor();
    const card = page.locator('.mg-store').filter({ hasText: before.name });
    await card.getByRole('button', { name: 'Edit' }).click();
    const filter = card.getByTestId(`store-${storeId}-tz-filter`);
    const tz = card.getByLabel('Time zone', { exact: true });
    expect(await tz.inputValue()).toBe(before.timezone);

    await retype(owner, filter, 'new york');
    await expect.poll(() => tz.inputValue()).toBe('America/New_York');
    // Change the mind: clear, search again, pick from the list.
    await retype(owner, filter, 'america/');
    const shownZones = await tz.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(shownZones).toContain('America/Chicago');
    expect(shownZones.filter((z) => !z.startsWith('America/') && z !== 'America/New_York')).toEqual([]);
    await tz.selectOption('America/Chicago');
    await card.getByRole('button', { name: 'Save', exact: true }).click();
    await card.getByRole('button', { name: 'Edit' }).waitFor();
    await card.getByText(/^America\/Chicago · /).waitFor();

    await expect.poll(async () => (await serverStore()).timezone, { timeout: 30_000 }).toBe('America/Chicago');
    expect((await serverStore()).name).toBe(before.name);

    await page.reload();
    await owner.waitForInitialSync();
    await owner.go('/admin/stores');
    await page.locator('.mg-store').filter({ hasText: before.name }).getByText(/^America\/Chicago · /).waitFor();
    await page.locator('.mg-store').filter({ hasText: before.name }).getByRole('button', { name: 'Edit' }).click();
    expect(await page.getByTestId(`store-${storeId}-tz`).inputValue()).toBe('America/Chicago');
  });

  it('a staff till cannot open the business settings or the stores', async () => {
    const nav = till.page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('button', { name: 'Business' }).count()).toBe(0);
    expect(await nav.getByRole('button', { name: 'Stores' }).count()).toBe(0);
    await till.go('/business');
    await till.page.getByRole('heading', { name: 'Counter' }).waitFor();
    expect(await till.page.getByTestId('business-form').count()).toBe(0);
    await till.go('/admin/stores');
    await till.page.getByRole('heading', { name: 'Counter' }).waitFor();
    expect(await till.page.getByRole('heading', { name: 'Stores' }).count()).toBe(0);
  });
});
