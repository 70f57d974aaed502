/**
 * Acceptance: a catalog CSV of 5 000 product lines with 3 bad lines imports
 * the 4 997 good ones (on the device and, once synced, on the server) and
 * lists the 3 bad ones by their line number in the file.
 */
import { describe, expect, it } from 'vitest';
import { latestById, pullAll } from '../support/replication.js';
import { hasChromium } from './support/chromium.js';
import { useStack } from './support/stack.js';

const ROWS = 5_000;
/** 0-based data rows made bad, and why; the header is line 1, so data row i is line i + 2. */
const BAD: Record<number, (cells: string[]) => void> = {
  99: (c) => (c[4] = 'abc'), // price not a number
  2_499: (c) => (c[1] = ''), // name missing
  4_997: (c) => (c[5] = '-1.00'), // negative cost
};

function catalogCsv(): string {
  const lines = ['sku,name,barcodes,unit,price,cost,category,active'];
  for (let i = 0; i < ROWS; i++) {
    const cells = [`CSV-${String(i).padStart(5, '0')}`, `"Imported item ${i}, boxed"`, `${7_700_000_000_000 + i}`, 'pcs', `${(1 + (i % 50)).toFixed(2)}`, '0.80', 'Imported', 'yes'];
    BAD[i]?.(cells);
    lines.push(cells.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe.skipIf(!hasChromium)('catalog CSV import', () => {
  const stack = useStack();

  it('imports 4 997 good lines of 5 000 and lists the 3 bad ones by line', async () => {
    const owner = await stack().openDevice('Owner office', 'owner');
    const { page } = owner;
    await page.getByRole('button', { name: /Catalog|Products/ }).first().click();
    await page.getByRole('link', { name: 'Import CSV' }).click();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Choose a CSV file' }).click(),
    ]);
    await chooser.setFiles({ name: 'catalog.csv', mimeType: 'text/csv', buffer: Buffer.from(catalogCsv(), 'utf8') });

    await page.getByRole('button', { name: 'Import 4,997 products' }).click();
    await page.getByText('Imported 4,997 products (4,997 new, 0 updated).').waitFor({ timeout: 60_000 });

    const table = page.getByTestId('import-errors');
    await page.getByText('Lines not imported (3)').waitFor();
    const lines = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-line')));
    expect(lines).toEqual(['101', '2501', '4999']);
    const rowText = (line: number) => table.locator(`tbody tr[data-line="${line}"]`).innerText();
    expect(await rowText(101)).toContain('CSV-00099');
    expect(await rowText(2501)).toContain('CSV-02499');
    expect(await rowText(4999)).toContain('CSV-04997');

    // The device's catalog has the good lines; the server gets them through sync.
    await owner.go('/counter');
    await owner.scan(String(7_700_000_000_000 + 4_999));
    await page.getByTestId('ticket-line').filter({ hasText: 'Imported item 4999, boxed' }).waitFor();
    await expect
      .poll(async () => latestById((await pullAll(stack().tenant.owner.api, 'products')).documents).size, { timeout: 60_000, interval: 1_000 })
      .toBe(4_997);
    const skus = new Set([...latestById((await pullAll(stack().tenant.owner.api, 'products')).documents).values()].map((p) => p.sku));
    for (const bad of ['CSV-00099', 'CSV-02499', 'CSV-04997']) expect(skus.has(bad)).toBe(false);
    expect(skus.has('CSV-00000') && skus.has('CSV-04999')).toBe(true);
  });
});
