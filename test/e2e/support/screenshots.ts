/**
 * Screenshots of every screen of the app in English and in Chinese at 1366×768, each checked for
 * overflow in the page (support/screenshots-page.ts says what counts). Used by
 * `npm run screenshots` (scripts/screenshots.ts) and by the e2e test screenshots.test.ts.
 *
 * On an e2e stack (support/stack.ts) it seeds a shop over the API as other tills would have
 * made it (three stores, one with a long name; products with long English and Chinese names;
 * levels ok / low / critical / out; tickets on several days, a void, refused sales, devices),
 * pairs an owner device through the pairing screen, sets up through the UI what a person sets
 * up there (till users, business, alert timing, a sale, an oversold sale the server refuses,
 * an open ticket and delivery), then visits every screen and the dialogs worth seeing, first in
 * English, then switched to Chinese with the language select in the nav.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { uuidv7 } from '../../../shared/index.js';
import type { StoreDoc } from '../../../shared/index.js';
import { en, type MessageKey } from '../../../renderer/i18n/en.js';
import { zhCN } from '../../../renderer/i18n/zh-CN.js';
import { movement, product, type NewMovement, type NewProduct } from '../../support/docs.js';
import { pullAll, pushMovements, pushProducts } from '../../support/replication.js';
import { createStore, pairWithRole } from '../../support/tenant.js';
import { bundleForPage } from './bundle.js';
import type { CjkCheck, LayoutFinding, LayoutNote, LayoutReport } from './screenshots-page.js';
import type { E2eStack } from './stack.js';
import { purchasingShots, seedPurchasing, type SeededPurchasing } from './screenshots-purchasing.js';
import { reportShots } from './screenshots-reports.js';
import { seedTransfers, transferShots, type SeededTransfers } from './screenshots-transfers.js';

export type Locale = 'en' | 'zh-CN';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
export const VIEWPORT = { width: 1366, height: 768 } as const;

/** Generous for 2 cores, far below the test timeout. */
const UI_TIMEOUT_MS = 30_000;
const DAY = 86_400_000;

export interface ShotResult {
  /** `03-counter-oversell`. */
  id: string;
  locale: Locale;
  /** PNG files written (the screen; a second one scrolled to the end when the page is longer). */
  files: string[];
  findings: LayoutFinding[];
  notes: LayoutNote[];
  /** Chinese screens: text that is an English UI message. */
  english: Array<{ selector: string; text: string; fragment: string }>;
  /** The sync bar's state when it was taken (`online`, `offline`, `not-paired`; null: no bar). */
  connection: string | null;
  /** The screen could not be opened or checked. */
  error?: string;
}

export interface FontReport {
  /** `fc-list :lang=zh` on this machine (empty: no font with Chinese glyphs installed). */
  fcList: string[];
  /** Drawn in the page (Chinese screens). */
  glyphs: CjkCheck | null;
  /** What Chromium reports drawing a Chinese heading with (CSS.getPlatformFontsForNode). */
  platformFonts: Array<{ familyName: string; glyphCount: number }>;
}

export interface ScreenshotReport {
  outDir: string;
  shots: ShotResult[];
  fonts: FontReport;
  /** Every overflow finding and failed screen, and the missing CJK font: what makes the run fail. */
  failures: string[];
  durationMs: number;
}

export interface ScreenshotOptions {
  outDir: string;
  log?: (line: string) => void;
}

// ── messages of the app, to find buttons by their names in either language ──

const CATALOG: Record<Locale, Record<string, string>> = { en, 'zh-CN': zhCN };
function msg(locale: Locale, key: MessageKey): string {
  return CATALOG[locale][key] ?? en[key];
}

/**
 * Fragments of English messages whose Chinese differs, for spotting English on Chinese screens:
 * placeholders and plural blocks removed, pieces of at least two words.
 */
function englishFragments(): string[] {
  const out = new Set<string>();
  for (const key of Object.keys(en) as MessageKey[]) {
    const e = en[key];
    if (e === zhCN[key]) continue;
    const pieces = e.replace(/\{\w+, plural,(?:[^{}]|\{[^{}]*\})*\}/g, '\u0000').replace(/\{\w+\}/g, '\u0000').split('\u0000');
    for (const p of pieces) {
      const piece = p.trim().replace(/^[^A-Za-z]+|[^A-Za-z.!?]+$/g, '');
      if (piece.split(/\s+/).filter((w) => /[A-Za-z]{2}/.test(w)).length >= 2 && piece.length >= 8) out.add(piece.toLowerCase());
    }
  }
  return [...out];
}

// ── the shop ──

const LONG_STORE = 'Altona Feinkost Müller & Söhne – Filiale Große Bergstraße 12';
const CAFE_STORE = 'Café Lindenhof';
const SHANGHAI_STORE = '上海静安寺店';
const BUSINESS = 'Lindenhof Kaffee & Tee GmbH';
const PEOPLE = { li: 'Li Wei', anna: 'Anna-Katharina Schmidt-Oberländer', wang: '王秀英' } as const;
const OWNER_DEVICE = 'Büro – Inhaberin (Chromium)';

interface Item {
  key: string;
  name: string;
  sku: string;
  barcode: string;
  price: number;
  cost: number;
  category: string;
  unit?: string;
  active?: boolean;
  /** Received in the long-named store eight days ago. */
  stock?: number;
  reorder?: number;
  critical?: number;
}

const ITEMS: Item[] = [
  { key: 'yunnan', name: '云南小粒咖啡豆 1 kg', sku: 'CN-YUN-1000', barcode: '6901234500017', price: 8990, cost: 5200, category: '咖啡豆', stock: 28, reorder: 10, critical: 4 },
  { key: 'ethiopia', name: 'Organic Fair-Trade Ethiopian Yirgacheffe Whole Bean Coffee, Medium Roast, 1 kg', sku: 'ETH-YIRG-ORG-1000-MR', barcode: '4006381333931', price: 3450, cost: 2110, category: 'Coffee beans', stock: 7, reorder: 10, critical: 3 },
  { key: 'espresso', name: 'Espresso beans 500 g', sku: 'ESP-500', barcode: '4006381333948', price: 1290, cost: 740, category: 'Coffee beans', stock: 48, reorder: 12, critical: 5 },
  { key: 'longjing', name: '西湖龙井茶 明前特级 250 g 礼盒装', sku: 'CN-LJ-250', barcode: '6901234500024', price: 12800, cost: 7900, category: '茶叶', stock: 3, reorder: 6, critical: 2 },
  { key: 'jasmine', name: '茉莉花茶 100 g', sku: 'CN-MLH-100', barcode: '6901234500031', price: 1590, cost: 820, category: '茶叶', stock: 4, reorder: 5, critical: 2 },
  { key: 'osmanthus', name: '桂花乌龙 Osmanthus Oolong 100 g', sku: 'CN-GH-100', barcode: '6901234500048', price: 1890, cost: 990, category: '茶叶', stock: 11, reorder: 10, critical: 3 },
  { key: 'oat', name: 'Oat milk Barista edition 1 l', sku: 'OAT-BAR-1L', barcode: '7394376616037', price: 299, cost: 165, category: 'Milk', unit: 'l', stock: 40, reorder: 12, critical: 6 },
  { key: 'chocolate', name: 'Dark chocolate 85 % cocoa, 100 g', sku: 'CHOC-85-100', barcode: '7610400010535', price: 349, cost: 190, category: 'Sweets', stock: 3, reorder: 8, critical: 3 },
  { key: 'cups', name: 'Paper cups 12 oz (pack of 50)', sku: 'CUP-12-50', barcode: '4250000000123', price: 799, cost: 410, category: 'Supplies', unit: 'pack', stock: 120, reorder: 20 },
  { key: 'croissant', name: 'Butter croissant', sku: 'BAK-CRO', barcode: '2000000000015', price: 240, cost: 90, category: 'Bakery', stock: 15 },
  { key: 'water', name: 'Sparkling water 0.5 l', sku: 'WAT-SPK-05', barcode: '4008501011013', price: 150, cost: 40, category: 'Drinks', stock: 60, reorder: 24 },
  { key: 'syrup', name: 'Gingerbread syrup 250 ml (seasonal, discontinued)', sku: 'SYR-GING-250', barcode: '4250000000789', price: 690, cost: 300, category: 'Syrups', active: false },
];

export interface Shop {
  storeId: string;
  stores: StoreDoc[];
  products: Record<string, NewProduct>;
  /** The staff till's refused sale the owner dismisses (history of resolutions). */
  refusedForDismissal: string;
  /** Transfers between the stores (screenshots-transfers.ts). */
  transfers?: SeededTransfers;
  /** Suppliers and purchase orders (screenshots-purchasing.ts). */
  purchasing?: SeededPurchasing;
}

const STORE_ZONE = 'Europe/Berlin';

/** The store's wall clock: how far `zone` is ahead of UTC at the instant `t`, in ms. */
function zoneOffsetMs(t: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(t)
      .map((p) => [p.type, Number(p.value)]),
  );
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - Math.floor(t / 1000) * 1000;
}

/**
 * `hour:minute` on the store's day `daysAgo` days before today (in the store's zone, so the
 * journal's days are the same whatever time the tour runs), never later than 10 minutes ago.
 */
function at(daysAgo: number, hour: number, minute: number): number {
  const today = new Date(Date.now() + zoneOffsetMs(Date.now(), STORE_ZONE));
  const wall = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - daysAgo, hour, minute);
  return Math.min(wall - zoneOffsetMs(wall, STORE_ZONE), Date.now() - 10 * 60_000);
}

/** The shop other tills made: stores, catalog, levels and thresholds, tickets on several days. */
export async function seedShop(stack: E2eStack): Promise<Shop> {
  const { tenant } = stack;
  const api = tenant.owner.api;
  const storeId = stack.storeId;

  // The store the server made on first start gets the long name (it is the active one: names sort first).
  const first = (await pullAll(api, 'stores')).documents.find((s) => s.id === storeId)!;
  await api.replication.push.mutate({
    collection: 'stores',
    rows: [{ assumedMasterState: first, newDocumentState: { ...first, name: LONG_STORE, timezone: STORE_ZONE } }],
  });
  const cafe = await createStore(tenant.owner, CAFE_STORE, true);
  const shanghai = await createStore(tenant.owner, SHANGHAI_STORE);

  const products: Record<string, NewProduct> = {};
  for (const it of ITEMS) {
    products[it.key] = {
      ...product(it.name),
      sku: it.sku,
      barcodes: it.key === 'yunnan' ? [it.barcode, '6901234500994'] : [it.barcode],
      priceCents: it.price,
      costCents: it.cost,
      category: it.category,
      unit: it.unit ?? 'pcs',
      active: it.active ?? true,
    };
  }
  await pushProducts(api, Object.values(products));
  const id = (key: string) => products[key]!.id;

  const received = (store: string, key: string, qty: number, daysAgo = 8): NewMovement =>
    movement({ storeId: store, productId: id(key), kind: 'receipt', delta: qty, unitCostCents: products[key]!.costCents, reason: null, clientTime: at(daysAgo, 8, 5), actor: PEOPLE.anna });
  const receipts = ITEMS.filter((it) => it.stock).map((it) => received(storeId, it.key, it.stock!));
  receipts.push(received(cafe.id, 'espresso', 12), received(cafe.id, 'yunnan', 5), received(shanghai.id, 'longjing', 30), received(shanghai.id, 'jasmine', 25), received(shanghai.id, 'osmanthus', 18));
  await expectAccepted(pushMovements(api, receipts));

  // Reorder / critical points of the long-named store (and one in Shanghai).
  const stock = (await pullAll(api, 'stock')).documents;
  const thresholdRows = [];
  for (const it of ITEMS) {
    if (it.reorder === undefined && it.critical === undefined) continue;
    const row = stock.find((s) => s.storeId === storeId && s.productId === id(it.key));
    if (!row) continue;
    thresholdRows.push({ assumedMasterState: row, newDocumentState: { ...row, reorderPoint: it.reorder ?? null, criticalPoint: it.critical ?? null, updatedAt: Date.now() } });
  }
  const sh = stock.find((s) => s.storeId === shanghai.id && s.productId === id('jasmine'));
  if (sh) thresholdRows.push({ assumedMasterState: sh, newDocumentState: { ...sh, reorderPoint: 10, criticalPoint: 4, updatedAt: Date.now() } });
  await api.replication.push.mutate({ collection: 'stock', rows: thresholdRows });

  // Other tills: a staff tablet at the counter (tickets on several days), a manager in Shanghai, a revoked one.
  const till2 = await pairWithRole(tenant, 'staff', [storeId], 'Kasse 2 – Tablet an der Theke (Galaxy Tab A8)');
  await pairWithRole(tenant, 'manager', [shanghai.id], '上海店 iPad 收银台');
  const old = await pairWithRole(tenant, 'staff', [storeId, cafe.id], 'Alte Kasse (defekt)');
  await api.devices.revoke.mutate({ deviceId: old.deviceId });

  const ticket = (daysAgo: number, hour: number, minute: number, actor: string | null, lines: Array<[string, number]>): NewMovement[] => {
    const ticketId = uuidv7();
    const clientTime = at(daysAgo, hour, minute);
    return lines.map(([key, qty]) =>
      movement({ storeId, productId: id(key), kind: 'sale', delta: -qty, ticketId, unitPriceCents: products[key]!.priceCents, actor, clientTime }),
    );
  };
  const older = ticket(1, 15, 40, PEOPLE.li, [['yunnan', 1], ['ethiopia', 1], ['croissant', 3]]);
  const sales = [
    ...ticket(6, 17, 30, null, [['water', 6]]),
    ...ticket(3, 11, 5, PEOPLE.wang, [['longjing', 1], ['osmanthus', 2]]),
    ...ticket(1, 9, 12, PEOPLE.anna, [['espresso', 2], ['oat', 1]]),
    ...older,
    ...ticket(0, 8, 30, PEOPLE.li, [['jasmine', 4], ['cups', 1]]),
  ];
  await expectAccepted(pushMovements(till2.api, sales));
  // A croissant returned the same day; a damaged one written off; the cups counted.
  const croissantLine = older.find((m) => m.productId === id('croissant'))!;
  await expectAccepted(
    pushMovements(till2.api, [
      movement({ storeId, productId: id('croissant'), kind: 'void', delta: 1, ticketId: croissantLine.ticketId, reason: 'Kunde hat es zurückgebracht', unitPriceCents: croissantLine.unitPriceCents, actor: PEOPLE.li, clientTime: at(1, 16, 2) }),
      movement({ storeId, productId: id('croissant'), kind: 'adjustment', delta: -2, reason: 'Damaged', actor: PEOPLE.anna, clientTime: at(1, 18, 20) }),
      movement({ storeId, productId: id('cups'), kind: 'count', delta: -2, countedQty: 117, expectedQty: 119, actor: PEOPLE.wang, clientTime: at(0, 8, 45) }),
    ]),
  );
  // A sale the server refuses (12 bars of chocolate, 3 in stock): the owner dismisses it with a reason.
  const refused = movement({ storeId, productId: id('chocolate'), kind: 'sale', delta: -12, ticketId: uuidv7(), unitPriceCents: products.chocolate!.priceCents, actor: PEOPLE.li, clientTime: at(0, 9, 5) });
  const [verdict] = await pushMovements(till2.api, [refused]);
  if (verdict?.status !== 'rejected') throw new Error(`the seeded oversell was not refused: ${JSON.stringify(verdict)}`);

  const transfers = await seedTransfers(api, { long: storeId, cafe, shanghai }, products, PEOPLE.anna);
  const purchasing = await seedPurchasing(api, { long: storeId, shanghai: shanghai.id }, products, PEOPLE.anna);
  const stores = (await pullAll(api, 'stores')).documents.filter((s) => !s._deleted);
  return { storeId, stores, products, refusedForDismissal: refused.id, transfers, purchasing };
}

async function expectAccepted(pushed: Promise<Array<{ status: string; id: string }>>): Promise<void> {
  const rows = await pushed;
  const bad = rows.filter((r) => r.status !== 'accepted');
  if (bad.length > 0) throw new Error(`seed movements not accepted: ${JSON.stringify(bad[0])}`);
}

// ── driving the page ──

interface Tour {
  page: Page;
  locale: Locale;
  shop: Shop;
  webUrl: string;
  t(key: MessageKey): string;
}

async function go(page: Page, path: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(path)}`);
}

/** The scanner: digits typed into the focused search field, then Enter. */
async function scan(page: Page, code: string): Promise<void> {
  await page.getByTestId('product-search').focus();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

/** Type into a ticket line's quantity as a person does: focus (selects all), type. */
async function setLineQty(page: Page, productId: string, qty: number): Promise<void> {
  const field = page.locator(`[data-testid="ticket-line"][data-product="${productId}"] [data-testid="line-qty"]`);
  await field.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(String(qty));
  await until(page, `document.querySelector('[data-testid="ticket-line"][data-product="${productId}"] [data-testid="line-qty"]')?.value === '${qty}'`);
}

/**
 * Poll an expression in the page until it is true. (Not page.waitForFunction: its string
 * predicates are eval'd inside the page, which the app's CSP refuses; page.evaluate is not.)
 */
async function until(page: Page, expression: string, timeout = UI_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${expression}`);
    await page.waitForTimeout(100);
  }
}

/** No toast on screen, fonts loaded, two frames painted. */
async function settle(page: Page): Promise<void> {
  await until(page, `document.querySelectorAll('.toast').length === 0`, 8_000).catch(() => undefined);
  await page.evaluate(`document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))`);
}

/** Pair this browser as the owner's device through the pairing screen, screenshotting it in both languages. */
async function pairOwner(page: Page, stack: E2eStack, shoot: (id: string, locale: Locale) => Promise<void>): Promise<void> {
  const { code } = await stack.tenant.owner.api.devices.createPairingCode.mutate({ role: 'owner', storeIds: [] });
  await page.goto(`${stack.webUrl}/`);
  const form = page.getByTestId('pairing-form');
  await form.waitFor();
  await form.locator('input[name="server"]').fill(stack.tenant.server.url);
  await form.locator('input[name="code"]').fill(code);
  await form.locator('input[name="deviceName"]').fill(OWNER_DEVICE);
  for (const locale of LOCALES) {
    await form.locator('select').selectOption(locale);
    await page.getByRole('heading', { name: msg(locale, 'pair.title') }).waitFor();
    await shoot('01-pairing', locale);
  }
  await form.locator('select').selectOption('en');
  await form.locator('button[type="submit"]').click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.locator('[data-testid="sync-health"][data-initial-sync="done"][data-connection="online"]').waitFor({ timeout: 60_000 });
}

/** What a person sets up on the owner's device before the tour (English). */
async function setUpThroughUi(page: Page, shop: Shop): Promise<void> {
  const id = (key: string) => shop.products[key]!.id;
  const t = (key: MessageKey) => msg('en', key);

  // The long-named store is the active one.
  await page.getByTestId('store-switch').selectOption(shop.storeId);

  // Till users, one with a PIN; Li Wei takes the till.
  await go(page, '/till-users');
  const add = page.getByTestId('till-user-new');
  for (const [name, pin] of [[PEOPLE.li, '1234'], [PEOPLE.anna, ''], [PEOPLE.wang, '']] as const) {
    await add.getByTestId('till-user-name-input').fill(name);
    if (pin) await add.getByTestId('till-user-pin-input').fill(pin);
    await add.getByTestId('till-user-save').click();
    await page.getByTestId('till-user-row').filter({ has: page.locator(`input[value="${name}"]`) }).waitFor();
  }
  await page.getByTestId('till-user').click();
  await page.getByTestId('till-user-choice').filter({ hasText: PEOPLE.li }).click();
  await page.getByTestId('till-pin').fill('1234');
  await page.getByTestId('till-user-name').filter({ hasText: PEOPLE.li }).waitFor();

  // The business: its name and currency.
  await go(page, '/business');
  await page.getByTestId('business-name').fill(BUSINESS);
  await page.getByTestId('business-currency').selectOption('EUR');
  await page.getByTestId('business-save').click();
  await page.getByText(t('business.saved')).waitFor();

  // Alerts: checked every 5 s, told at once (so the alert centre has something to show).
  await go(page, '/alerts/settings');
  await page.getByTestId('alerts-intervalSeconds').fill('5');
  await page.getByTestId('alerts-sustainSeconds').fill('0');
  await page.getByTestId('alerts-settings-save').click();
  await page.getByText(t('alerts.settings.saved')).waitFor();

  // An oversold sale, confirmed: the server refuses it (an exception of this till).
  await go(page, '/counter');
  await page.getByRole('heading', { name: t('counter.title') }).waitFor();
  await scan(page, shop.products.chocolate!.barcodes[0]!);
  await setLineQty(page, id('chocolate'), 5);
  await page.keyboard.press('F9');
  await page.getByTestId('oversell-confirm').click();
  await page.getByTestId('ticket-line').first().waitFor({ state: 'detached' });
  await page.locator('[data-testid="sync-health"][data-exceptions="2"]').waitFor({ timeout: UI_TIMEOUT_MS });

  // A sale that goes through (the last ticket, for the void dialog).
  await scan(page, shop.products.espresso!.barcodes[0]!);
  await scan(page, shop.products.espresso!.barcodes[0]!);
  await scan(page, shop.products.oat!.barcodes[0]!);
  await page.getByTestId('complete-sale').click();
  await page.getByTestId('ticket-line').first().waitFor({ state: 'detached' });
  await page.locator('[data-testid="sync-health"][data-pending="0"]').waitFor({ timeout: UI_TIMEOUT_MS });

  // The owner dismisses the staff till's refused sale, with a reason.
  await go(page, '/exceptions');
  await page.locator(`[data-testid="exception"][data-movement="${shop.refusedForDismissal}"] [data-testid="exception-dismiss"]`).click();
  await page.getByTestId('dismiss-reason').fill('Counted: 3 on the shelf, sale was typed twice');
  await page.getByTestId('dismiss-confirm').click();
  await page.getByTestId('resolution').first().waitFor();

  // The open ticket of the tour: long names, a Chinese one over its level (the counter warns).
  await go(page, '/counter');
  for (const key of ['yunnan', 'ethiopia', 'espresso', 'longjing']) await scan(page, shop.products[key]!.barcodes[0]!);
  await setLineQty(page, id('yunnan'), 30);
  await setLineQty(page, id('espresso'), 12);

  // An open delivery.
  await go(page, '/receive');
  await page.getByRole('heading', { name: t('receive.title') }).waitFor();
  for (const key of ['ethiopia', 'longjing', 'oat']) await scan(page, shop.products[key]!.barcodes[0]!);
  await setLineQty(page, id('oat'), 24);
  await page.getByTestId('receive-reference').fill('Lieferschein 2024-118 / 送货单 A-7');

  // The alert timer has told the low levels.
  await go(page, '/alerts');
  await page.getByTestId('alerts-history-row').first().waitFor({ timeout: UI_TIMEOUT_MS });
}

/** A catalog CSV with good lines and bad ones (for the import screen's plan). */
function importCsv(): string {
  return [
    'sku,name,barcodes,unit,price,cost,category,active,reorder_point,critical_point',
    'TEA-PUER-357,"云南普洱茶饼 357 g 2019 年份",6901234500055,pcs,39.00,21.50,茶叶,yes,4,2',
    'COF-COL-250,"Colombia Huila Excelso, washed, 250 g",4006381334006,pcs,11.90,6.20,Coffee beans,yes,8,3',
    'ESP-500,Espresso beans 500 g,4006381333948,pcs,13.50,7.40,Coffee beans,yes,12,5',
    'MUG-CER-350,"Ceramic mug with the Lindenhof logo, 350 ml, dishwasher safe",,pcs,abc,4.00,Merch,yes,,',
    'SYR-VAN-250,,4250000000796,pcs,6.90,-1.00,Syrups,yes,,',
    '',
  ].join('\r\n');
}

interface ShotSpec {
  id: string;
  open(tour: Tour): Promise<void>;
  close?(tour: Tour): Promise<void>;
}

const main = (page: Page) => page.locator('main.app__main');

/** Every screen (renderer/app/screens.ts) and the dialogs worth seeing, in tour order. */
function shots(): ShotSpec[] {
  const id = (tour: Tour, key: string) => tour.shop.products[key]!.id;
  const heading = async (tour: Tour, key: MessageKey) => {
    await tour.page.getByRole('heading', { level: 1 }).filter({ hasText: tour.t(key).replace(/\{.*$/, '').trim() }).first().waitFor();
  };
  const escape = async (tour: Tour) => {
    await tour.page.keyboard.press('Escape');
    await tour.page.locator('.backdrop').waitFor({ state: 'detached' });
  };
  return [
    {
      id: '02-counter',
      async open(tour) {
        await go(tour.page, '/counter');
        await heading(tour, 'counter.title');
        await tour.page.getByTestId('ticket-line').nth(3).waitFor();
      },
    },
    {
      id: '03-counter-oversell-dialog',
      async open(tour) {
        await tour.page.getByTestId('product-search').focus();
        await tour.page.keyboard.press('F9');
        await tour.page.getByTestId('oversell-dialog').waitFor();
      },
      close: async (tour) => {
        await tour.page.getByTestId('oversell-back').click();
        await tour.page.locator('.backdrop').waitFor({ state: 'detached' });
      },
    },
    {
      id: '04-counter-void-dialog',
      async open(tour) {
        await tour.page.getByTestId('product-search').focus();
        await tour.page.keyboard.press('F8');
        await tour.page.getByTestId('void-lines').waitFor();
      },
      close: escape,
    },
    {
      id: '05-till-user-switch',
      async open(tour) {
        await tour.page.getByTestId('till-user').click();
        await tour.page.getByTestId('till-user-choice').nth(2).waitFor();
      },
    },
    {
      id: '06-till-user-pin',
      async open(tour) {
        await tour.page.getByTestId('till-user-choice').filter({ hasText: PEOPLE.li }).click();
        await tour.page.getByTestId('till-pin').waitFor();
      },
      close: escape,
    },
    {
      id: '07-receive',
      async open(tour) {
        await go(tour.page, '/receive');
        await heading(tour, 'receive.title');
        await tour.page.getByTestId('ticket-line').nth(2).waitFor();
      },
    },
    {
      id: '08-adjust',
      async open(tour) {
        await go(tour.page, `/adjust?product=${encodeURIComponent(id(tour, 'ethiopia'))}`);
        await tour.page.getByTestId('adjust-delta').fill('-2');
        await tour.page.locator('.chip').first().click();
      },
    },
    {
      id: '09-count',
      async open(tour) {
        await go(tour.page, `/count?product=${encodeURIComponent(id(tour, 'longjing'))}`);
        await tour.page.getByTestId('count-counted').fill('1250');
      },
    },
    {
      id: '10-exceptions',
      async open(tour) {
        await go(tour.page, '/exceptions');
        await tour.page.getByTestId('exception').first().waitFor();
        await tour.page.getByTestId('resolution').first().waitFor();
      },
    },
    {
      id: '11-exceptions-dismiss-dialog',
      async open(tour) {
        await tour.page.getByTestId('exception-dismiss').first().click();
        await tour.page.getByTestId('dismiss-reason').waitFor();
      },
      close: escape,
    },
    {
      id: '12-journal',
      async open(tour) {
        await go(tour.page, '/journal');
        await tour.page.getByTestId('journal-ticket').first().waitFor();
      },
    },
    {
      id: '13-journal-earlier-day',
      async open(tour) {
        const day = tour.page.getByTestId('journal-day');
        const values = await day.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
        await day.selectOption(values[1] ?? values[0]!);
        await tour.page.getByTestId('journal-void').first().waitFor();
      },
    },
    {
      id: '14-journal-void-dialog',
      async open(tour) {
        await tour.page.getByTestId('void-line').first().click();
        await tour.page.getByTestId('void-line-reason').waitFor();
      },
      close: escape,
    },
    {
      id: '15-this-device',
      async open(tour) {
        await go(tour.page, '/settings');
        await tour.page.getByTestId('device-role').waitFor();
      },
    },
    {
      id: '16-stock',
      async open(tour) {
        await go(tour.page, '/stock');
        await tour.page.locator('.mg-vtable__body [role="row"]').nth(5).waitFor();
      },
    },
    {
      id: '17-products',
      async open(tour) {
        await go(tour.page, '/products');
        await tour.page.locator('.mg-vtable__body [role="row"]').nth(5).waitFor();
      },
    },
    {
      id: '18-product',
      async open(tour) {
        await go(tour.page, `/products/${encodeURIComponent(id(tour, 'yunnan'))}`);
        await tour.page.getByTestId('product-level').waitFor();
        await tour.page.locator('tr.mg-movement').first().waitFor();
      },
    },
    {
      id: '19-product-editor',
      async open(tour) {
        await go(tour.page, `/products/${encodeURIComponent(id(tour, 'ethiopia'))}/edit`);
        await tour.page.locator('form.mg-form').waitFor();
      },
    },
    {
      id: '20-product-new',
      async open(tour) {
        await go(tour.page, '/products/new');
        await tour.page.locator('form.mg-form').waitFor();
      },
    },
    {
      id: '21-csv-import',
      async open(tour) {
        await go(tour.page, '/products/import');
        const [chooser] = await Promise.all([tour.page.waitForEvent('filechooser'), tour.page.locator('.mg-drop .btn--primary').click()]);
        await chooser.setFiles({ name: 'lindenhof-katalog-2024.csv', mimeType: 'text/csv', buffer: Buffer.from(importCsv(), 'utf8') });
        await tour.page.getByTestId('import-errors').waitFor();
      },
    },
    {
      id: '22-stores',
      async open(tour) {
        await go(tour.page, '/admin/stores');
        await tour.page.locator('.mg-store').nth(2).waitFor();
      },
    },
    {
      id: '23-devices',
      async open(tour) {
        await go(tour.page, '/admin/devices');
        await tour.page.getByTestId('devices').waitFor();
        await tour.page.locator('.mg-pair .mg-form-actions .btn--primary').click();
        await tour.page.getByTestId('pairing-code').waitFor();
      },
    },
    {
      id: '24-business',
      async open(tour) {
        await go(tour.page, '/business');
        await tour.page.getByTestId('business-form').waitFor();
      },
    },
    {
      id: '25-till-users',
      async open(tour) {
        await go(tour.page, '/till-users');
        await tour.page.getByTestId('till-user-row').nth(2).waitFor();
      },
    },
    {
      id: '26-alerts',
      async open(tour) {
        await go(tour.page, '/alerts');
        await tour.page.getByTestId('alerts-now-row').first().waitFor();
        await tour.page.getByTestId('alerts-history-row').first().waitFor();
      },
    },
    {
      id: '27-alert-settings',
      async open(tour) {
        await go(tour.page, '/alerts/settings');
        await tour.page.getByTestId('alerts-settings-save').waitFor();
      },
    },
    ...transferShots(go, scan),
    ...purchasingShots(go, scan),
    ...reportShots(go),
  ];
}

const LAYOUT_GLOBAL = '__stockroomLayout';

async function layoutScript(): Promise<string> {
  return bundleForPage(fileURLToPath(new URL('./screenshots-page.ts', import.meta.url)), LAYOUT_GLOBAL);
}

async function checkLayout(page: Page): Promise<LayoutReport> {
  return (await page.evaluate(`globalThis.${LAYOUT_GLOBAL}.layoutApi.checkLayout()`)) as LayoutReport;
}

/** Fonts Chromium draws a node's text with (DevTools protocol), best effort. */
async function platformFonts(page: Page, selector: string): Promise<Array<{ familyName: string; glyphCount: number }>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) return [];
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((f) => ({ familyName: f.familyName, glyphCount: f.glyphCount }));
  } catch {
    return [];
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

function fcListZh(): string[] {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 10_000 })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
  } catch {
    return [];
  }
}

/**
 * Seed the shop, pair an owner device through the UI and take a screenshot of every screen in
 * both languages into `outDir`, checking each for overflow. Never throws for a screen that
 * fails to open: that screen is reported (and counts as a failure).
 */
export async function takeScreenshots(stack: E2eStack, opts: ScreenshotOptions): Promise<ScreenshotReport> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  mkdirSync(opts.outDir, { recursive: true });
  const results: ShotResult[] = [];
  const fonts: FontReport = { fcList: fcListZh(), glyphs: null, platformFonts: [] };
  const fragments = englishFragments();

  log('seeding the shop over the API…');
  const shop = await seedShop(stack);

  const context: BrowserContext = await stack.browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US', timezoneId: STORE_ZONE });
  try {
    await context.grantPermissions(['notifications'], { origin: stack.webUrl });
    await context.addInitScript({ content: await layoutScript() });
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    page.on('pageerror', (err) => log(`page error: ${err.message}`));

    const shoot = async (id: string, locale: Locale): Promise<void> => {
      const result: ShotResult = { id, locale, files: [], findings: [], notes: [], english: [], connection: null };
      results.push(result);
      await settle(page);
      result.connection = (await page.evaluate(`document.querySelector('[data-testid="sync-health"]')?.getAttribute('data-connection') ?? null`)) as string | null;
      const layout = await checkLayout(page);
      result.findings = layout.findings;
      result.notes = layout.notes;
      if (locale !== 'en') {
        result.english = (await page.evaluate(`globalThis.${LAYOUT_GLOBAL}.layoutApi.findEnglish(${JSON.stringify(fragments)})`)) as ShotResult['english'];
      }
      const file = join(opts.outDir, `${id}.${locale}.png`);
      await page.screenshot({ path: file });
      result.files.push(file);
      // A page longer than the window: the end of it too (dialogs are over the page, not in it).
      const scroller = main(page);
      if (!(await page.locator('.backdrop').count()) && (await scroller.count())) {
        const longer = (await scroller.evaluate((m) => m.scrollHeight - m.clientHeight)) as number;
        if (longer > 40) {
          await scroller.evaluate((m) => m.scrollTo(0, m.scrollHeight));
          await settle(page);
          const end = join(opts.outDir, `${id}.${locale}.end.png`);
          await page.screenshot({ path: end });
          result.files.push(end);
          await scroller.evaluate((m) => m.scrollTo(0, 0));
        }
      }
      log(`  ${id}.${locale}.png${result.findings.length ? `  — ${result.findings.length} overflow finding(s)` : ''}`);
    };

    log('pairing the owner device through the pairing screen…');
    await pairOwner(page, stack, shoot);
    log('setting up through the UI (till users, business, alerts, sales)…');
    await setUpThroughUi(page, shop);

    for (const locale of LOCALES) {
      log(`screens in ${locale}:`);
      await page.locator('nav select.lang-switch').selectOption(locale);
      await until(page, `document.documentElement.lang === ${JSON.stringify(locale)} || document.querySelector('nav select.lang-switch')?.value === ${JSON.stringify(locale)}`);
      const tour: Tour = { page, locale, shop, webUrl: stack.webUrl, t: (key) => msg(locale, key) };
      for (const spec of shots()) {
        try {
          await spec.open(tour);
          await shoot(spec.id, locale);
          await spec.close?.(tour);
        } catch (err) {
          const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
          const failed = results.find((r) => r.id === spec.id && r.locale === locale) ?? { id: spec.id, locale, files: [], findings: [], notes: [], english: [], connection: null };
          failed.error = message;
          if (!results.includes(failed)) results.push(failed);
          log(`  ${spec.id}.${locale}: could not open: ${message}`);
          const file = join(opts.outDir, `${spec.id}.${locale}.failed.png`);
          await page.screenshot({ path: file }).then(() => failed.files.push(file), () => undefined);
          await page.keyboard.press('Escape').catch(() => undefined);
        }
      }
      if (locale !== 'en') {
        fonts.glyphs = (await page.evaluate(`globalThis.${LAYOUT_GLOBAL}.layoutApi.checkCjkGlyphs()`)) as CjkCheck;
        fonts.platformFonts = await platformFonts(page, 'nav [data-testid="nav-counter"]');
      }
    }
  } finally {
    await context.close().catch(() => undefined);
  }

  const failures: string[] = [];
  for (const r of results) if (r.error) failures.push(`${r.id} · ${r.locale}: the screen could not be opened (${r.error})`);
  for (const g of groupFindings(results)) failures.push(`${whereText(g.where, results)}: ${describeFinding(g.finding)}`);
  if (fonts.glyphs && !fonts.glyphs.ok) {
    failures.push(
      `Chinese text renders without a CJK font: ${fonts.glyphs.detail}` +
        (fonts.fcList.length === 0 ? ' (`fc-list :lang=zh` lists no font on this machine; install fonts-noto-cjk)' : ` (fonts for zh here: ${fonts.fcList.join(', ')})`),
    );
  }
  return { outDir: opts.outDir, shots: results, fonts, failures, durationMs: Date.now() - started };
}

export interface FindingGroup {
  finding: LayoutFinding;
  where: Array<{ id: string; locale: Locale }>;
}

/** The same element with the same text overflowing on several screens (the nav, say) is one finding. */
export function groupFindings(shots: readonly ShotResult[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const s of shots) {
    for (const f of s.findings) {
      const key = `${f.rule}|${f.selector}|${f.text}|${f.cause?.selector ?? ''}`;
      const g = groups.get(key) ?? { finding: f, where: [] };
      if (f.overBy > g.finding.overBy) g.finding = f;
      g.where.push({ id: s.id, locale: s.locale });
      groups.set(key, g);
    }
  }
  return [...groups.values()];
}

/** "every screen in en" or "16-stock (en, zh-CN), 17-products (en)". */
function whereText(where: FindingGroup['where'], shots: readonly ShotResult[]): string {
  const locales = [...new Set(where.map((w) => w.locale))];
  const everyScreen = locales.every((l) => {
    const all = shots.filter((s) => s.locale === l && s.id !== '01-pairing').map((s) => s.id);
    const here = new Set(where.filter((w) => w.locale === l).map((w) => w.id));
    return all.length > 1 && all.every((id) => here.has(id));
  });
  if (everyScreen) return `every screen of the app (${locales.join(', ')})`;
  const byId = new Map<string, Locale[]>();
  for (const w of where) byId.set(w.id, [...(byId.get(w.id) ?? []), w.locale]);
  return [...byId].map(([id, ls]) => `${id} (${ls.join(', ')})`).join(', ');
}

const RULE_WORDS: Record<LayoutFinding['rule'], string> = {
  'page-scrolls-sideways': 'the window scrolls sideways',
  'page-scrolls-vertically': 'the window scrolls (the app frame is taller than the window)',
  'sticks-out': 'wider than its container',
  clipped: 'cut off by its container',
  'off-screen': 'past the edge of the window',
  'text-spills': 'text spills out of its box',
  'text-cut': 'text cut off (no ellipsis)',
  'scrolls-sideways': 'needs a sideways scroll',
  'select-cut': "a select's chosen value is cut",
  'placeholder-cut': 'placeholder cut',
};

export function describeFinding(f: LayoutFinding): string {
  const what = f.text ? ` "${f.text}"` : '';
  const causeLabel = f.rule === 'page-scrolls-vertically' ? 'below the window' : 'innermost';
  const cause = f.cause ? `; ${causeLabel}: ${f.cause.selector}${f.cause.text ? ` "${f.cause.text}"` : ''}` : '';
  const where = f.container !== f.selector ? ` in ${f.container}` : '';
  return `${RULE_WORDS[f.rule]} by ${f.overBy}px (${f.width}px in ${f.room}px): ${f.selector}${what}${where}${cause}`;
}

/** The report as a person reads it: where the files are, fonts, each finding. */
export function formatReport(report: ScreenshotReport): string {
  const lines: string[] = [];
  const files = report.shots.reduce((n, s) => n + s.files.length, 0);
  lines.push(`Screenshots: ${report.outDir} (${files} PNG files, ${report.shots.length} screens × languages, ${(report.durationMs / 1000).toFixed(0)} s)`);
  const g = report.fonts.glyphs;
  const used = report.fonts.platformFonts.map((f) => `${f.familyName} (${f.glyphCount} glyphs)`).join(', ');
  lines.push(`Chinese font: ${g ? (g.ok ? 'ok' : 'MISSING') : 'not checked'}${g ? ` — ${g.detail}` : ''}; fc-list :lang=zh: ${report.fonts.fcList.length ? report.fonts.fcList.join(', ') : 'none'}${used ? `; the nav is drawn with ${used}` : ''}`);
  const groups = groupFindings(report.shots);
  lines.push(groups.length === 0 ? 'Overflow: none' : `Overflow: ${groups.length} finding(s)`);
  for (const g of groups) lines.push(`  ${whereText(g.where, report.shots)}: ${describeFinding(g.finding)}`);
  for (const s of report.shots.filter((x) => x.error)) lines.push(`  ${s.id} · ${s.locale}: could not be opened: ${s.error}`);
  const english = report.shots.flatMap((s) => s.english.map((e) => ({ s, e })));
  if (english.length > 0) {
    lines.push(`English on Chinese screens (not a failure): ${english.length}`);
    for (const { s, e } of english) lines.push(`  ${s.id}: "${e.text}" (${e.selector})`);
  }
  // The same note on several screens (the store switch in the nav) is one line.
  const notes = new Map<string, { note: LayoutNote; where: FindingGroup['where'] }>();
  for (const s of report.shots) {
    for (const n of s.notes) {
      const key = `${n.rule}|${n.selector}|${n.text}`;
      const g = notes.get(key) ?? { note: n, where: [] };
      g.where.push({ id: s.id, locale: s.locale });
      notes.set(key, g);
    }
  }
  if (notes.size > 0) {
    lines.push(`Truncated on purpose (ellipsis) or typed values longer than their field (not failures): ${notes.size}`);
    for (const { note: n, where } of notes.values()) lines.push(`  ${whereText(where, report.shots)}: ${n.rule} "${n.text}" (${n.width}px in ${n.room}px) ${n.selector}`);
  }
  const notOnline = report.shots.filter((s) => s.connection !== null && s.connection !== 'online');
  if (notOnline.length > 0) lines.push(`Not online while taken: ${notOnline.map((s) => `${s.id} · ${s.locale} (${s.connection})`).join(', ')}`);
  lines.push(report.failures.length === 0 ? 'Result: no overflow, Chinese renders with a CJK font.' : `Result: ${report.failures.length} failure(s).`);
  return lines.join('\n');
}
