/**
 * After the app update to protocol 2, which changed the local schemas (movements v2 → v3,
 * products v0 → v1), a till that has sales waiting for the server opens on a loading
 * screen showing the migration's progress, then has every pending sale and its level as
 * before, and syncs them under protocol 2 when the server is back.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createProduct, stockUp } from '../support/tenant.js';
import { bundleForPage } from './support/bundle.js';
import { hasChromium } from './support/chromium.js';
import { useStack } from './support/stack.js';
import type { PreviousVersionStore } from './support/previous-version-entry.js';

/** Enough accepted history for the migration to take several of its 5 000-document batches. */
const FILLER_MOVEMENTS = 12_000;

describe.skipIf(!hasChromium)('an app update that changed the local schemas', () => {
  const stack = useStack();

  it('migrates the store on open with progress shown, keeping every pending sale', async () => {
    const { tenant, storeId, webUrl } = stack();
    const soap = await createProduct(tenant.owner, 'Lavender soap');
    await stockUp(tenant.owner, storeId, [[soap.id, 20]]);
    const till = await stack().openDevice('Till updated', 'staff');

    await tenant.server.stop();
    await till.waitForConnection('offline');
    await till.openCounter();
    await till.sell(soap.barcodes[0]!);
    await till.sell(soap.barcodes[0]!, soap.barcodes[0]!);
    await till.waitForPending(2);

    // The app closes (a blank page of its origin) and its store becomes the previous version's.
    const blank = `${webUrl}/previous-version`;
    await till.page.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>previous version</title>' }));
    await till.page.goto(blank);
    const entry = fileURLToPath(new URL('./support/previous-version-entry.ts', import.meta.url));
    await till.page.evaluate(await bundleForPage(entry, 'previousVersion'));
    const stored = await till.page.evaluate(
      (filler) =>
        (globalThis as unknown as { previousVersion: typeof import('./support/previous-version-entry.js') }).previousVersion.storeAsPreviousVersion(filler),
      FILLER_MOVEMENTS,
    );
    // The delivery that stocked the soap up (pulled, accepted) and the two sales (pending).
    expect(stored).toMatchObject<Partial<PreviousVersionStore>>({ pending: 2, movements: FILLER_MOVEMENTS + 3 });
    expect(stored.products).toBeGreaterThan(0);

    // Every text the loading screen shows while the updated app opens.
    await till.page.addInitScript(() => {
      const seen: string[] = [];
      (globalThis as unknown as { statusTexts: string[] }).statusTexts = seen;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[role="status"]')) {
          const text = el.textContent ?? '';
          if (!seen.includes(text)) seen.push(text);
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await till.page.goto(`${webUrl}/`);
    await till.page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 60_000 });

    const texts = await till.page.evaluate(() => (globalThis as unknown as { statusTexts: string[] }).statusTexts);
    const progress = texts.flatMap((t) => /^Updating the data on this device after the app update… (\d+)%$/.exec(t)?.[1] ?? []).map(Number);
    expect(progress.length, `loading screen texts: ${JSON.stringify(texts)}`).toBeGreaterThan(0);
    expect(progress.every((p) => p >= 0 && p <= 100)).toBe(true);

    await till.waitForPending(2);
    await till.openProduct(soap.id);
    await expect.poll(() => till.movementRows('pending').count()).toBe(2);
    expect(await till.productLevel()).toBe(17);

    const logFrom = tenant.server.output().length;
    await tenant.server.restart();
    await till.waitForPending(0, 60_000);
    expect(await stack().serverLevel(soap.id)).toBe(17);
    await till.waitForProductLevel(17);
    // The migrated sales went up under protocol 2 (the server logs each request's version).
    const deviceId = await till.deviceId();
    const pushes = tenant.server.output().slice(logFrom).split('\n')
      .filter((l) => l.includes('"path":"/trpc/replication.push') && l.includes(`"deviceId":"${deviceId}"`))
      .map((l) => (JSON.parse(l) as { protocol: string | null }).protocol);
    expect(pushes.length).toBeGreaterThan(0);
    expect(new Set(pushes)).toEqual(new Set(['2']));
  });
});
