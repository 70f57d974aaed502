/**
 * Issue 11 §8: till users. The owner adds the people at the tills on the Till users screen
 * (names, an optional 4-digit PIN); at a till the person is switched through the chip in the
 * navigation, a PIN is asked for when the person has one (a wrong one is refused in words),
 * and every movement recorded afterwards names that person as its `actor` on the server; the
 * journal says "by <name>". The choice survives a reload.
 */
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MovementDoc, TillUserDoc } from '../../shared/index.js';
import type { NewProduct } from '../support/docs.js';
import { latestById, pullAll } from '../support/replication.js';
import { createProduct, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import type { UiDevice } from './support/device.js';
import { useStack } from './support/stack.js';

describe.skipIf(!hasChromium)('till users', () => {
  const stack = useStack();
  let owner: UiDevice;
  let till: UiDevice;
  let tea: NewProduct;
  beforeAll(async () => {
    const { tenant, storeId } = stack();
    tea = await createProduct(tenant.owner, 'Sencha 100 g');
    await stockUp(tenant.owner, storeId, [[tea.id, 20]]);
    owner = await stack().openDevice('Office PC', 'owner');
    till = await stack().openDevice('Front till', 'staff');
  });

  const serverTillUsers = async (): Promise<TillUserDoc[]> =>
    [...latestById((await pullAll(stack().tenant.owner.api, 'tillUsers')).documents).values()].filter((u) => !u._deleted);
  const serverSales = async (productId: string): Promise<MovementDoc[]> =>
    [...latestById((await pullAll(stack().tenant.owner.api, 'movements')).documents).values()].filter(
      (m) => m.productId === productId && m.kind === 'sale',
    );

  /** Type into a field as a person does: focus, select all, type. */
  async function typeInto(device: UiDevice, field: Locator, text: string): Promise<void> {
    await field.focus();
    await device.page.keyboard.press('Control+A');
    await device.page.keyboard.press('Backspace');
    await device.page.keyboard.type(text, { delay: 50 });
  }

  /** Sell one unit of tea on `device` and return the server's movement of that sale once accepted. */
  async function sellOneTea(device: UiDevice): Promise<MovementDoc> {
    const before = new Set((await serverSales(tea.id)).map((m) => m.id));
    await device.openCounter();
    await device.sell(tea.barcodes[0]!);
    await device.waitForPending(0);
    let sale: MovementDoc | undefined;
    await expect
      .poll(async () => (sale = (await serverSales(tea.id)).find((m) => !before.has(m.id)))?.status, { timeout: 30_000 })
      .toBe('accepted');
    return sale!;
  }

  it('the owner adds two people on Till users, one with a PIN; the server has them (the PIN only as a hash)', async () => {
    const { page } = owner;
    await owner.navTo(/Till users/);
    await page.getByRole('heading', { name: 'Till users' }).waitFor();
    expect(page.url()).toMatch(/#\/till-users$/);

    const form = page.getByTestId('till-user-new');
    await typeInto(owner, form.getByLabel('Name'), 'Mira');
    await typeInto(owner, form.getByLabel(/PIN \(4 digits, optional\)/), '4821');
    await form.getByRole('button', { name: 'Add person' }).click();
    await page.locator('.toast').getByText('Saved', { exact: true }).first().waitFor();
    await expect.poll(() => page.getByTestId('till-user-row').count()).toBe(1);
    expect(await form.getByLabel('Name').inputValue()).toBe(''); // ready for the next one

    // A PIN of 3 digits is refused in words, nothing saved.
    await typeInto(owner, form.getByLabel('Name'), 'Jonas');
    await typeInto(owner, form.getByLabel(/PIN \(4 digits, optional\)/), '123');
    await form.getByRole('button', { name: 'Add person' }).click();
    await form.getByText('A PIN has exactly 4 digits').waitFor();
    expect(await page.getByTestId('till-user-row').count()).toBe(1);
    // Without a PIN Jonas is fine.
    await typeInto(owner, form.getByLabel(/PIN \(4 digits, optional\)/), '');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('till-user-row').count()).toBe(2);

    const rows = page.getByTestId('till-user-row');
    expect(await rows.nth(0).getByTestId('till-user-name-input').inputValue()).toBe('Jonas'); // sorted by name
    expect(await rows.nth(0).innerText()).toContain('no PIN');
    expect(await rows.nth(1).getByTestId('till-user-name-input').inputValue()).toBe('Mira');
    expect(await rows.nth(1).innerText()).toContain('has a PIN');

    await expect.poll(async () => (await serverTillUsers()).map((u) => u.name).sort(), { timeout: 30_000 }).toEqual(['Jonas', 'Mira']);
    const users = await serverTillUsers();
    const mira = users.find((u) => u.name === 'Mira')!;
    const jonas = users.find((u) => u.name === 'Jonas')!;
    expect(mira).toMatchObject({ active: true });
    expect(mira.pinHash).toMatch(/^[a-f0-9]{16,128}$/);
    expect(jonas).toMatchObject({ active: true, pinHash: null });
  });

  it('at the till: a wrong PIN is refused in words, the right one switches; the sale names the person; the journal says by whom; a reload keeps the person', async () => {
    const { page } = till;
    const chip = page.getByTestId('till-user');
    const chipName = page.getByTestId('till-user-name');
    expect(await chipName.innerText()).toBe('Nobody chosen');

    // Before anyone is chosen the sale is the till's own (its device name).
    const anonymous = await sellOneTea(till);
    expect(anonymous.actor).toBe('Front till');

    await chip.click();
    const who = page.getByRole('dialog', { name: 'Who is at the till?' });
    await who.waitFor();
    await expect.poll(() => who.getByTestId('till-user-choice').count(), { timeout: 30_000 }).toBe(2);
    await who.getByTestId('till-user-choice').filter({ hasText: 'Mira' }).click();

    const pinDialog = page.getByRole('dialog', { name: 'PIN of Mira' });
    await pinDialog.waitFor();
    const pin = pinDialog.getByLabel('PIN of Mira');
    await pin.focus();
    await page.keyboard.type('1111', { delay: 60 }); // 4 digits are tried at once
    await pinDialog.getByRole('alert').waitFor();
    expect(await pinDialog.getByRole('alert').innerText()).toBe('That PIN is not right');
    expect(await pin.inputValue()).toBe(''); // ready for another try
    expect(await chipName.innerText()).toBe('Nobody chosen');

    await pin.focus();
    await page.keyboard.type('4821', { delay: 60 });
    await pinDialog.waitFor({ state: 'detached' });
    await expect.poll(() => chipName.innerText()).toBe('Mira');

    const bySale = await sellOneTea(till);
    expect(bySale.actor).toBe('Mira');

    await till.navTo(/Journal/);
    await page.getByRole('heading', { name: 'Journal' }).waitFor();
    const ticket = page.locator(`[data-testid="journal-ticket"][data-ticket="${bySale.ticketId}"]`);
    await ticket.waitFor();
    expect(await ticket.locator('.journal__ticket-head').innerText()).toContain('by Mira');
    const earlier = page.locator(`[data-testid="journal-ticket"][data-ticket="${anonymous.ticketId}"]`);
    expect(await earlier.locator('.journal__ticket-head').innerText()).toContain('by Front till');

    // A reload keeps the person at the till.
    await page.reload();
    await till.waitForInitialSync();
    await expect.poll(() => chipName.innerText()).toBe('Mira');
    const afterReload = await sellOneTea(till);
    expect(afterReload.actor).toBe('Mira');

    // Jonas has no PIN: choosing him switches at once.
    await chip.click();
    await who.waitFor();
    await who.getByTestId('till-user-choice').filter({ hasText: 'Jonas' }).click();
    await who.waitFor({ state: 'detached' });
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => chipName.innerText()).toBe('Jonas');
    const byJonas = await sellOneTea(till);
    expect(byJonas.actor).toBe('Jonas');

    // Server's truth: four sales of 1, each by the person chosen at the time.
    const sales = (await serverSales(tea.id)).sort((a, b) => a.clientTime - b.clientTime);
    expect(sales.map((m) => [m.delta, m.status, m.actor])).toEqual([
      [-1, 'accepted', 'Front till'],
      [-1, 'accepted', 'Mira'],
      [-1, 'accepted', 'Mira'],
      [-1, 'accepted', 'Jonas'],
    ]);
    expect(await stack().serverLevel(tea.id)).toBe(16);
  });

  it('a staff till cannot open Till users', async () => {
    const nav = till.page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('button', { name: /Till users/ }).count()).toBe(0);
    await till.go('/till-users');
    await till.page.getByRole('heading', { name: 'Counter' }).waitFor();
    expect(await till.page.getByRole('heading', { name: 'Till users' }).count()).toBe(0);
    expect(await till.page.getByTestId('till-user-new').count()).toBe(0);
  });
});
