/**
 * Issue 11 §7 and §13 in Chinese: with the app switched to 简体中文 (on This device, or on the
 * pairing screen before pairing), refusals are said in Chinese, in the person's words: the
 * product's name, limits in words, no ids, no validator text and no English left over (a
 * missing translation falls back to English, which this catches). The language stays over a
 * reload.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MovementDoc } from '../../shared/index.js';
import { movement, product, type NewProduct } from '../support/docs.js';
import { latestById, pullAll, pushMovements, pushProducts } from '../support/replication.js';
import { pairStaff, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import type { UiDevice } from './support/device.js';
import { expectPersonText, LIMIT_IN_WORDS } from './support/person-text.js';
import { useStack } from './support/stack.js';

/** Latin letters: none belong in these Chinese messages (product and device names are Chinese here). */
const LATIN = /[A-Za-z]/;
/** Sentences of the English messages that must not show through in Chinese. */
const ENGLISH = [/The quantity of/i, /at most/i, /at least/i, /Enter a quantity/i, /Give this device a name/i, /Not enough stock/i, /whole number/i];

function expectChinese(text: string, what: string): void {
  expect(text, `${what}: no Chinese in it`).toMatch(/[\u4e00-\u9fff]/);
  for (const re of ENGLISH) expect(text, `${what}: English text ${re}`).not.toMatch(re);
  expectPersonText(text);
}

describe.skipIf(!hasChromium)('refusals in Chinese', () => {
  const stack = useStack();
  let till: UiDevice;
  let salt: NewProduct;
  beforeAll(async () => {
    const { tenant, storeId } = stack();
    salt = product('岩盐 1 公斤');
    await pushProducts(tenant.owner.api, [salt]);
    await stockUp(tenant.owner, storeId, [[salt.id, 5]]);
    till = await stack().openDevice('前台收银', 'staff');
    await till.openProduct(salt.id);
    await till.waitForProductLevel(5);
  });

  const search = (page: Page) => page.getByTestId('product-search');
  const serverMovements = async (productId: string): Promise<MovementDoc[]> =>
    [...latestById((await pullAll(stack().tenant.owner.api, 'movements')).documents).values()].filter((m) => m.productId === productId);

  async function scan(code: string): Promise<void> {
    await search(till.page).focus();
    await till.page.keyboard.type(code);
    await till.page.keyboard.press('Enter');
  }

  /** Focus the line's quantity, select all, type (empty: delete). */
  async function typeQty(text: string): Promise<void> {
    await till.lineQty(salt.id).focus();
    await till.page.keyboard.press('Control+A');
    if (text === '') await till.page.keyboard.press('Backspace');
    else await till.page.keyboard.type(text);
    expect(await till.lineQty(salt.id).inputValue()).toBe(text);
  }

  it('This device → 简体中文: the app speaks Chinese, also after a reload', async () => {
    const { page } = till;
    await till.navTo('This device');
    await page.getByRole('heading', { name: 'This device' }).waitFor();
    const language = page.locator('.kv select');
    await language.focus();
    await language.selectOption({ label: '简体中文' });
    await page.getByRole('heading', { name: '此设备' }).waitFor();
    expect(await page.getByTestId('device-role').innerText()).toBe('店员');
    await page.reload();
    await till.waitForInitialSync();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /收银台/ }).first().click();
    await page.getByRole('heading', { name: '收银台' }).waitFor();
  });

  it('Counter: an empty quantity, 0 and 2000000000 are refused in Chinese, naming the product; nothing is recorded', async () => {
    const { page } = till;
    await scan(salt.barcodes[0]!);
    await till.line(salt.id).waitFor();
    const errorToast = () => page.locator('.toast--error').last();

    const cases: Array<{ typed: string; hint: string; toast: RegExp }> = [
      { typed: '2000000000', hint: '最多 ', toast: /^岩盐 1 公斤的数量最多为 (.+)$/ },
      { typed: '0', hint: '至少为 1', toast: /^岩盐 1 公斤的数量至少为 1$/ },
      { typed: '', hint: '请输入数量', toast: /^请输入岩盐 1 公斤的数量$/ },
    ];
    for (const c of cases) {
      await typeQty(c.typed);
      const lineText = () => till.line(salt.id).innerText();
      await expect.poll(lineText).toContain(c.hint);
      expectChinese(await lineText(), `line hint for "${c.typed}"`);
      const before = await page.locator('.toast--error').count();
      await page.keyboard.press('F9');
      await expect.poll(() => page.locator('.toast--error').count()).toBeGreaterThan(before);
      const text = (await errorToast().innerText()).trim();
      expect(text).toMatch(c.toast);
      if (c.typed === '2000000000') expect(text).toMatch(LIMIT_IN_WORDS);
      expectChinese(text, `toast for "${c.typed}"`);
      expect(text.replace('岩盐 1 公斤', ''), `toast for "${c.typed}"`).not.toMatch(LATIN);
      // The line keeps what was typed, to be corrected; the caret is back on it.
      expect(await till.lineQty(salt.id).inputValue()).toBe(c.typed);
    }
    const screen = await till.pageText();
    expectPersonText(screen);
    for (const re of ENGLISH) expect(screen).not.toMatch(re);
    expect(await till.pendingCount()).toBe(0);
    expect((await serverMovements(salt.id)).filter((m) => m.kind === 'sale')).toHaveLength(0);
    await page.getByTestId('clear-ticket').click();
    await till.line(salt.id).waitFor({ state: 'detached' });
  });

  it('Adjust: a change of 2000000000 is refused in Chinese with the limit in words; nothing is recorded', async () => {
    const { page } = till;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /调整/ }).click();
    await page.getByRole('heading', { name: '库存调整' }).waitFor();
    await scan(salt.barcodes[0]!);
    const delta = page.getByLabel('变动数量（减少请用 −）');
    await expect.poll(() => delta.evaluate((el) => el === document.activeElement)).toBe(true);
    // At a person's pace (ten digits within a few ms and Enter would be a scanner's burst).
    await page.keyboard.type('2000000000', { delay: 60 });
    await page.getByRole('button', { name: '找到' }).click();
    await delta.focus();
    await page.keyboard.press('Enter');
    const message = page.locator('.toast--error').last();
    await message.waitFor();
    const text = (await message.innerText()).trim();
    expect(text).toMatch(LIMIT_IN_WORDS);
    expectChinese(text, 'adjust toast');
    expect(text.replace('岩盐 1 公斤', ''), 'adjust toast').not.toMatch(LATIN);
    expect(await delta.inputValue()).toBe('2000000000'); // kept to be corrected
    expect(await till.pendingCount()).toBe(0);
    expect((await serverMovements(salt.id)).filter((m) => m.kind === 'adjustment')).toHaveLength(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /收银台/ }).first().click();
    await page.getByRole('heading', { name: '收银台' }).waitFor();
  });

  it('a sale the server refuses (sold elsewhere meanwhile) is said in Chinese on Exceptions, without ids', async () => {
    const { page } = till;
    const { tenant, storeId } = stack();
    const other = await pairStaff(tenant, storeId, 'Till B (API)');

    // Offline, the till sells the 5 it knows of; meanwhile another till sells 3.
    await till.context.setOffline(true);
    await till.waitForConnection('offline');
    for (let i = 0; i < 5; i++) await scan(salt.barcodes[0]!);
    await expect.poll(() => till.lineQty(salt.id).inputValue()).toBe('5');
    await page.keyboard.press('Control+Enter');
    await till.line(salt.id).waitFor({ state: 'detached' });
    await till.waitForPending(1);
    const [theirs] = await pushMovements(other.api, [movement({ storeId, productId: salt.id, kind: 'sale', delta: -3 })]);
    expect(theirs).toMatchObject({ status: 'accepted', balanceAfter: 2 });

    await till.context.setOffline(false);
    await till.waitForPending(0, 60_000);
    let refused: MovementDoc | undefined;
    await expect
      .poll(async () => (refused = (await serverMovements(salt.id)).find((m) => m.kind === 'sale' && m.delta === -5))?.status, { timeout: 30_000 })
      .toBe('rejected');
    expect(refused!.rejection).toMatchObject({ code: 'insufficient-stock', requested: 5, available: 2 });
    expect(await stack().serverLevel(salt.id)).toBe(2);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /异常/ }).click();
    await page.getByRole('heading', { name: '异常' }).waitFor();
    const row = page.locator(`[data-testid="exception"][data-movement="${refused!.id}"]`);
    await row.waitFor();
    const reason = (await row.locator('.exception__reason').innerText()).trim();
    expect(reason).toBe('库存不足（可用：2，请求：5）');
    const rowText = await row.innerText();
    expect(rowText).toContain('销售 · 岩盐 1 公斤 × 5');
    expect(rowText).toContain('前台收银');
    expectChinese(rowText, 'exception row');
    expect(rowText, 'the server’s English message or an id').not.toMatch(LATIN);
  });
});

describe.skipIf(!hasChromium)('pairing in Chinese', () => {
  const stack = useStack();

  it('an empty name, a malformed code and a wrong code are refused in Chinese; with a name and the right code it pairs, and stays Chinese', async () => {
    const context = await stack().browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    try {
      const page = await context.newPage();
      await page.goto(`${stack().webUrl}/`);
      await page.getByLabel('Language').selectOption({ label: '简体中文' });
      await page.getByRole('heading', { name: '配对此设备' }).waitFor();

      const server = page.getByLabel('服务器地址');
      const code = page.getByLabel('配对码');
      const name = page.getByLabel('设备名称');
      const submit = page.getByRole('button', { name: '配对设备' });
      const error = page.getByTestId('pair-error');
      const retype = async (field: typeof name, text: string) => {
        await field.focus();
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
        if (text) await page.keyboard.type(text);
        expect(await field.inputValue()).toBe(text);
      };
      await retype(server, stack().tenant.server.url);
      const { code: realCode } = await stack().tenant.owner.api.devices.createPairingCode.mutate({ role: 'staff', storeIds: [stack().storeId] });
      await retype(code, realCode);

      // No device name.
      await retype(name, '');
      await submit.click();
      await expect.poll(() => error.innerText()).toBe('请为此设备起一个 1 到 64 个字符的名称。');
      expectChinese(await error.innerText(), 'empty name');
      // Only blanks is no name either.
      await retype(name, '   ');
      await submit.click();
      await expect.poll(() => error.innerText()).toBe('请为此设备起一个 1 到 64 个字符的名称。');

      // A code too short to be one.
      await retype(name, '后台平板');
      await retype(code, '12');
      await submit.click();
      await expect.poll(() => error.innerText()).toBe('配对码的格式类似 ABCDE-12345。');

      // A well-formed code the server does not know.
      await retype(code, 'ZZZZZ-99999');
      await submit.click();
      await expect.poll(() => error.innerText(), { timeout: 30_000 }).toBe('配对码错误、已过期或已使用，请索取新的配对码。');
      const screen = await page.evaluate(() => document.body.innerText);
      expectPersonText(screen);
      for (const re of ENGLISH) expect(screen).not.toMatch(re);
      expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);

      // None of this used up the real code: it pairs, and the app is in Chinese.
      await retype(code, realCode);
      await submit.click();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await page.getByRole('heading', { name: '收银台' }).waitFor();
      const devices = await stack().tenant.owner.api.devices.list.query();
      expect(devices.find((d) => d.deviceName === '后台平板')?.role).toBe('staff');
    } finally {
      await context.close();
    }
  });
});
