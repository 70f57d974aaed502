import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Role } from '../../../shared/index.js';
import { captureNotifications, notificationsOf, type CapturedNotification } from './notifications.js';

/** How long UI waits may take: generous for 2 cores, far below the test timeout. */
export const UI_TIMEOUT_MS = 30_000;

export interface OpenDeviceOptions {
  name: string;
  /** A one-time pairing code the owner created for this device. */
  code: string;
  /** The sync server's base URL, typed into the pairing screen. */
  serverUrl: string;
  /** The built renderer's origin. */
  webUrl: string;
  /** Grant notifications and record `new Notification()` calls. */
  notifications?: boolean;
  /** Wait for the first full sync before returning (default true). */
  awaitInitialSync?: boolean;
}

/**
 * One paired browser device: its own context (own IndexedDB and
 * localStorage, like a separate machine) driving the real UI. Pairing goes
 * through the real pairing screen.
 */
export class UiDevice {
  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly webUrl: string,
  ) {}

  static async open(browser: Browser, o: OpenDeviceOptions): Promise<UiDevice> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US', timezoneId: 'Europe/Berlin' });
    if (o.notifications) {
      await context.grantPermissions(['notifications'], { origin: o.webUrl });
      await captureNotifications(context);
    }
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    page.on('pageerror', (err) => console.error(`[${o.name}] page error: ${err.message}`));
    const device = new UiDevice(o.name, context, page, o.webUrl);
    await device.pair(o.serverUrl, o.code);
    if (o.awaitInitialSync !== false) await device.waitForInitialSync();
    return device;
  }

  /** A device paired by other means (a link with the address and code, a QR code) in its own context. */
  static attach(name: string, context: BrowserContext, page: Page, webUrl: string): UiDevice {
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    return new UiDevice(name, context, page, webUrl);
  }

  /** The real pairing screen: server address, one-time code, device name. */
  async pair(serverUrl: string, code: string): Promise<void> {
    await this.page.goto(`${this.webUrl}/`);
    await this.page.getByLabel('Server address').fill(serverUrl);
    await this.page.getByLabel('Pairing code').fill(code);
    await this.page.getByLabel('Device name').fill(this.name);
    await this.page.getByRole('button', { name: 'Pair device' }).click();
    await this.page.getByRole('navigation', { name: 'Main' }).waitFor();
  }

  /** The device id of this device's session (as the server knows it). */
  async deviceId(): Promise<string> {
    return this.page.evaluate(() => (JSON.parse(localStorage.getItem('stockroom.session') ?? '{}') as { deviceId: string }).deviceId);
  }

  get health(): Locator {
    return this.page.getByTestId('sync-health');
  }

  /** Until the first full pull of every collection is done (progress bar gone) and the device is online. */
  async waitForInitialSync(timeout = 60_000): Promise<void> {
    await this.page.locator('[data-testid="sync-health"][data-initial-sync="done"][data-connection="online"]').waitFor({ timeout });
  }

  async waitForConnection(state: 'online' | 'offline', timeout = UI_TIMEOUT_MS): Promise<void> {
    await this.page.locator(`[data-testid="sync-health"][data-connection="${state}"]`).waitFor({ timeout });
  }

  async pendingCount(): Promise<number> {
    return Number(await this.health.getAttribute('data-pending'));
  }

  async waitForPending(n: number, timeout = UI_TIMEOUT_MS): Promise<void> {
    await this.page.locator(`[data-testid="sync-health"][data-pending="${n}"]`).waitFor({ timeout });
  }

  /** Hash navigation through the app's router (no reload). */
  async go(path: string): Promise<void> {
    await this.page.evaluate((p) => {
      location.hash = p;
    }, path);
  }

  async openCounter(): Promise<void> {
    await this.page.getByRole('button', { name: /Counter/ }).first().click();
    await this.page.getByRole('heading', { name: 'Counter' }).waitFor();
  }

  /** The counter / receive search field (a scanner types into it). */
  get search(): Locator {
    return this.page.getByRole('combobox', { name: 'Find a product' });
  }

  /** A scanner: the digits typed fast into the focused search field, then Enter. */
  async scan(code: string): Promise<void> {
    await this.search.focus();
    await this.page.keyboard.type(code);
    await this.page.keyboard.press('Enter');
  }

  /** Ctrl+Enter on the counter completes the sale (same as F9). */
  async completeSale(): Promise<void> {
    const lines = this.page.getByTestId('ticket-line');
    await lines.first().waitFor();
    await this.search.focus();
    await this.page.keyboard.press('Control+Enter');
    await lines.first().waitFor({ state: 'detached' });
  }

  /** On the counter: scan each code once, then complete the sale. */
  async sell(...barcodes: string[]): Promise<void> {
    for (const code of barcodes) await this.scan(code);
    await this.completeSale();
  }

  /** On the receive screen: scan each code `qty` times, then record the delivery. */
  async receive(barcode: string, qty: number): Promise<void> {
    await this.page.getByRole('button', { name: /Receive/ }).first().click();
    await this.page.getByRole('heading', { name: 'Receive delivery' }).waitFor();
    for (let i = 0; i < qty; i++) await this.scan(barcode);
    await this.page.getByTestId('line-qty').first().waitFor();
    await this.page.getByRole('button', { name: /Record delivery/ }).click();
    await this.page.getByTestId('ticket-line').first().waitFor({ state: 'detached' });
  }

  /** The product's page (level, thresholds, movements). */
  async openProduct(productId: string): Promise<void> {
    await this.go(`/products/${encodeURIComponent(productId)}`);
    await this.page.getByTestId('product-level').waitFor();
  }

  /** The projected level on the product page, as painted. */
  async productLevel(): Promise<number> {
    const text = (await this.page.getByTestId('product-level').innerText()).trim();
    const n = Number(text.split(/\s/)[0]!.replace(/[^\d-]/g, ''));
    if (!Number.isFinite(n)) throw new Error(`unreadable level: ${text}`);
    return n;
  }

  async waitForProductLevel(expected: number, timeout = UI_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeout;
    let last = NaN;
    while (Date.now() < deadline) {
      last = await this.productLevel().catch(() => NaN);
      if (last === expected) return;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`${this.name}: product level is ${last}, expected ${expected}`);
  }

  /** Movement rows of the open product page with their status. */
  movementRows(status?: 'pending' | 'accepted' | 'rejected'): Locator {
    const rows = this.page.locator('tr.mg-movement');
    return status ? rows.and(this.page.locator(`[data-status="${status}"]`)) : rows;
  }

  /** The ticket / delivery line of one product (counter and receive). */
  line(productId: string): Locator {
    return this.page.locator(`[data-testid="ticket-line"][data-product="${productId}"]`);
  }

  /** The quantity field of one product's line. */
  lineQty(productId: string): Locator {
    return this.line(productId).getByTestId('line-qty');
  }

  /** The receive screen through the navigation. */
  async openReceive(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /Receive/ }).click();
    await this.page.getByRole('heading', { name: 'Receive delivery' }).waitFor();
  }

  /** A screen through its entry in the main navigation (as a person clicks it). */
  async navTo(name: string | RegExp): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).first().click();
  }

  /**
   * Record every toast the page shows from now on (a MutationObserver in the page), so a
   * test can count them after they have faded. Install again after a reload.
   */
  async watchToasts(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __toastsSeen?: string[]; __toastObserver?: MutationObserver };
      w.__toastObserver?.disconnect();
      w.__toastsSeen = [];
      const seen = new WeakSet<Element>();
      const collect = (root: ParentNode) => {
        for (const el of Array.from(root.querySelectorAll('.toast'))) {
          if (seen.has(el)) continue;
          seen.add(el);
          w.__toastsSeen!.push((el.textContent ?? '').trim());
        }
      };
      collect(document);
      w.__toastObserver = new MutationObserver(() => collect(document));
      w.__toastObserver.observe(document.body, { childList: true, subtree: true });
    });
  }

  /** The texts of the toasts shown since `watchToasts()`, in order. */
  async toastsSeen(): Promise<string[]> {
    return this.page.evaluate(() => [...((window as unknown as { __toastsSeen?: string[] }).__toastsSeen ?? [])]);
  }

  /** Everything the page shows as text (for checks that no id or validator text reaches the screen). */
  async pageText(): Promise<string> {
    return this.page.evaluate(() => document.body.innerText);
  }

  async notifications(): Promise<CapturedNotification[]> {
    return notificationsOf(this.page);
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}

export type { Role };
