/**
 * Acceptance (issue 15): a ledger seeded over HTTP (receipts with a unit cost, sales with a
 * price and a till user; a product named in Chinese and one whose name starts with "="). The
 * owner opens valuation as of a week ago and today and finds the server's figures
 * (`reports.valuation` over HTTP); exports CSV and XLSX and reads them back in Node: the BOM is
 * there, the Chinese name is intact, the "=" name is escaped in the CSV and plain text in the
 * XLSX. Sales by day for the last 7 days match `reports.salesByDay` too.
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { uuidv7 } from '../../shared/index.js';
import { movement } from '../support/docs.js';
import { pushMovements } from '../support/replication.js';
import { createProduct } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import { useStack } from './support/stack.js';

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  expect(file.suggestedFilename()).toMatch(/^stockroom-valuation-\d{4}-\d{2}-\d{2}\.(csv|xlsx)$/);
  const path = await file.path();
  return readFile(path);
}

describe.skipIf(!hasChromium)('reports', () => {
  const stack = useStack();

  it('valuation as of a week ago and today equals the server; CSV and XLSX read back intact', async () => {
    const { tenant, storeId } = stack();
    const tea = await createProduct(tenant.owner, '龙井绿茶 250克');
    const evil = await createProduct(tenant.owner, '=HYPERLINK("http://x","y")');
    const stored = await pushMovements(tenant.owner.api, [
      movement({ storeId, productId: tea.id, kind: 'receipt', delta: 10, unitCostCents: 300 }),
      movement({ storeId, productId: tea.id, kind: 'receipt', delta: 10, unitCostCents: 500 }),
      movement({ storeId, productId: evil.id, kind: 'receipt', delta: 4, unitCostCents: 125 }),
      movement({ storeId, productId: tea.id, kind: 'sale', delta: -3, unitPriceCents: 900, actor: 'Mia', ticketId: uuidv7() }),
      movement({ storeId, productId: evil.id, kind: 'sale', delta: -1, unitPriceCents: 250, actor: '李娜', ticketId: uuidv7() }),
    ]);
    expect(stored.every((m) => m.status === 'accepted')).toBe(true);

    const office = await stack().openDevice('Back office', 'owner');
    const o = office.page;
    await office.navTo('Reports');

    // ── sales by day, last 7 days: on the device, the server's figures ──
    await o.getByTestId('sales-table').waitFor();
    const now = Date.now();
    const { days } = await tenant.owner.api.reports.salesByDay.query({ from: now - 7 * 86_400_000, to: now + 60_000 });
    const serverUnits = days.reduce((a, d) => a + d.units, 0);
    expect(serverUnits).toBe(4);
    expect(await o.getByTestId('sales-total-units').innerText()).toBe('4');
    expect(await o.getByTestId('sales-total-revenue').innerText()).toBe('$29.50');
    expect(await o.getByTestId('sales-table').innerText()).toContain('李娜');
    await o.getByTestId('sales-chart').locator('canvas').first().waitFor();

    // ── valuation as of a week ago: the ledger is younger, so nothing on hand, like the server says ──
    await o.getByRole('link', { name: 'Valuation' }).click();
    await o.getByTestId('valuation-table').waitFor();
    await o.getByTestId('valuation-week-ago').click();
    await o.getByText('No stock on hand at this date.').waitFor();
    const weekAgo = Number(await o.getByTestId('report-source').getAttribute('data-as-of'));
    expect(weekAgo).toBeLessThan(Date.now() - 6 * 86_400_000);
    expect((await tenant.owner.api.reports.valuation.query({ asOf: weekAgo })).rows.filter((r) => r.qty !== 0)).toEqual([]);

    // ── today: every row equals the server's ──
    await o.getByRole('button', { name: 'Today' }).click();
    const table = o.getByTestId('valuation-table');
    await table.waitFor();
    const asOf = Number(await table.getAttribute('data-as-of'));
    expect(await table.getAttribute('data-source')).toBe('server');
    const { rows } = await tenant.owner.api.reports.valuation.query({ asOf });
    const serverRows = rows.filter((r) => r.qty !== 0);
    expect(serverRows).toHaveLength(2);
    for (const r of serverRows) {
      const row = table.locator(`[data-product="${r.productId}"]`);
      expect(await row.locator('[data-col="qty"]').innerText()).toBe(String(r.qty));
      expect(await row.locator('[data-col="value"]').innerText()).toBe(`$${(r.valueCents / 100).toFixed(2)}`);
    }
    // 10 at $3 and 10 at $5: $4 average; 17 left = $68; 3 × $1.25 = $3.75.
    expect(await o.getByTestId('valuation-total').innerText()).toBe('$71.75');

    // ── exports ──
    const csv = (await download(o, 'export-csv')).toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(['Store', 'Product', 'Qty', 'Unit cost', 'Value', '≤ 30 days', '31–60 days', '61–90 days', '> 90 days']);
    const csvTea = parsed.find((r) => r[1] === '龙井绿茶 250克');
    expect(csvTea?.slice(2, 5)).toEqual(['17', '4', '68']);
    expect(parsed.some((r) => r[1] === `'=HYPERLINK("http://x","y")`)).toBe(true);
    expect(parsed.some((r) => r[1]?.startsWith('='))).toBe(false);

    const sheet = await readSheet(await download(o, 'export-xlsx'));
    expect(sheet[0]?.[1]).toBe('Product');
    const xlsxTea = sheet.find((r) => r[1] === '龙井绿茶 250克');
    expect(xlsxTea?.slice(2, 5)).toEqual([17, 4, 68]);
    // A string cell in XLSX is never evaluated: the name is kept as it is, as text.
    expect(sheet.some((r) => r[1] === '=HYPERLINK("http://x","y")')).toBe(true);

    // ── drill-down: a day of the sales table opens that day's tickets in the journal ──
    await o.getByRole('link', { name: 'Sales by day' }).click();
    const dayLink = o.getByTestId('sales-day-link').first();
    await dayLink.click();
    await o.waitForURL(/#\/journal\?day=/);
    const day = new URL(o.url()).hash.split('day=')[1]!;
    expect(await o.getByTestId('journal-day').inputValue()).toBe(day);

    // ── offline: valuation from the device (it holds the whole young ledger), old sales need the server ──
    await office.waitForPending(0);
    await office.context.setOffline(true);
    await office.waitForConnection('offline');
    await office.go('/reports/valuation');
    await o.locator('[data-testid="valuation-table"][data-source="device"]').waitFor();
    expect(await o.getByTestId('report-source').innerText()).toMatch(/^Offline: computed on this device from the last 60 days/);
    expect(await o.getByTestId('valuation-total').innerText()).toBe('$71.75');
    await office.go('/reports/sales');
    await o.getByRole('radio', { name: 'Custom' }).click();
    const old = new Date(Date.now() - 90 * 86_400_000);
    await o.getByTestId('range-from').fill(`${old.getFullYear()}-${String(old.getMonth() + 1).padStart(2, '0')}-${String(old.getDate()).padStart(2, '0')}`);
    await o.getByTestId('needs-connection').waitFor();
    await office.context.setOffline(false);
    await office.waitForConnection('online');
    await o.getByTestId('sales-table').waitFor();
    expect(await o.getByTestId('report-source').innerText()).toContain('Computed on the server');
    expect(await o.getByTestId('sales-total-units').innerText()).toBe('4');
  });
});
