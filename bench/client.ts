/**
 * Client benchmarks in Debian's Chromium against the real sync server, with a
 * catalog of 50 000 products (one stock row and one receipt each) seeded
 * through the server's push path. The device under test is paired through
 * the real pairing screen and pulls everything with the app's own sync.
 *
 *   client.initial_sync_s        Pair pressed → first full sync done (progress bar gone)
 *   client.initial_sync_ratio    plain Dexie bulkPut of the same documents ÷ the sync's write time,
 *                                the median of BENCH_CLIENT_SYNC_ROUNDS new devices (default 3)
 *                                (…_indexed: the same into tables with RxDB's index set, informational)
 *   client.heap_mb               JS heap after the initial sync, after a forced GC (CDP)
 *   client.sale_to_screen_p95_ms Ctrl+Enter completing a sale → frame painting the new level
 *   client.search_p95_ms         keystroke in the counter search → frame painting the results
 *   client.alert_tick_p95_ms     one evaluation of shared/alerts over 50 000 stock rows
 *   client.upgrade_migration_s   opening a store of 50 000 movements + 50 000 stock rows after an
 *                                app update that changed their schemas (the migration runs once)
 *
 * BENCH_CLIENT_PRODUCTS changes the catalog size (default 50 000); BENCH_CLIENT_SKIP_BUILD=1 reuses
 * dist/renderer; BENCH_CLIENT_CPU_PROFILE=DIR profiles each phase; BENCH_CLIENT_ON_DISK=1 keeps each
 * device's IndexedDB on disk as the app does (bench/client/bench-browser.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startTenant } from '../test/support/tenant.js';
import { hasChromium } from '../test/e2e/support/chromium.js';
import { bundleForPage } from '../test/e2e/support/bundle.js';
import { buildRenderer } from '../test/e2e/support/renderer-build.js';
import { startWebServer } from '../test/e2e/support/web-server.js';
import { launchBenchBrowser, type BenchBrowser } from './client/bench-browser.js';
import { armSaleProbe, armSearchProbe, probeResult, type Latency } from './client/page-latency.js';
import { firstSync, logWrites, openBenchPage, writeRatio, writesSoFar, type FirstSync, type FirstSyncOptions, type WriteRatio } from './client/initial-sync.js';
import type { WriteTimingEntry as WriteEntry } from '../renderer/data/local/write-timing.js';
import type { UpgradeMigrationResult } from './client/upgrade-migration-entry.js';
import { seedCatalog, type Seeded } from './client/seed.js';
import { percentile, round } from './client/stats.js';
import { serverNodeArgs } from './support.js';

const PRODUCTS = Number(process.env.BENCH_CLIENT_PRODUCTS ?? 50_000);
/** A name for the web origin that is not localhost (mapped to 127.0.0.1 inside Chromium only). */
const BENCH_HOST = 'stockroom-bench.test';
/**
 * New devices whose first sync is measured against the raw baseline. A run on
 * this shared 2-core machine moves the ratio by ±0.05, so one run is not a
 * verdict; the median of several, with the spread beside it, is.
 */
const SYNC_ROUNDS = Math.max(1, Number(process.env.BENCH_CLIENT_SYNC_ROUNDS ?? 3));
const SALE_WARMUP = 3;
const SALE_SAMPLES = 40;
/**
 * Typed in the counter search, one keystroke at a time. A fifth of the seeded names are Chinese
 * (bench/client/seed.ts): the last two find them by pinyin (海天 …酱油) and by initials (有机咖啡豆).
 */
const SEARCH_QUERIES = ['mira smoked honey', 'alpen organic tea', 'fjord dark chocolate', 'premium rice 1 kg', 'casa wild jam', 'nord crispy granola', 'haitian jiangyou', 'yjkfd'];

const log = (msg: string) => process.stderr.write(`  client: ${msg}\n`);

/** BENCH_CLIENT_CPU_PROFILE=DIR writes a CPU profile of each phase there (open them in Chrome DevTools). */
async function profiled<T>(page: Page, phase: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CLIENT_CPU_PROFILE;
  if (!dir) return run();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `client-${phase}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    await cdp.detach();
    log(`CPU profile of ${phase} written to ${file}`);
  }
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    return usage.usedSize / (1024 * 1024);
  } finally {
    await cdp.detach();
  }
}

/** Movement rows written to IndexedDB in `entries`. */
const movementRows = (entries: readonly WriteEntry[]) => entries.filter((e) => e.collection === 'movements').reduce((n, e) => n + e.docs, 0);

/** The writes since entry `from`, once pushes and their echoes have settled (no new write for 2 s). */
async function settledWrites(page: Page, from: number): Promise<WriteEntry[]> {
  let last = -1;
  for (let waited = 0; waited < 60_000; waited += 2000) {
    const count = (await writesSoFar(page)).length;
    if (count === last) break;
    last = count;
    await page.waitForTimeout(2000);
  }
  return (await writesSoFar(page)).slice(from);
}

const search = (page: Page) => page.getByPlaceholder('Scan a barcode or type a name / SKU');

async function saleLatencies(page: Page, seeded: Seeded): Promise<Latency[]> {
  const product = seeded.saleProduct;
  const barcode = product.barcodes[0]!;
  await page.getByRole('button', { name: /Counter/ }).first().click();
  await search(page).waitFor();
  const samples: Latency[] = [];
  for (let i = 0; i < SALE_WARMUP + SALE_SAMPLES; i++) {
    await search(page).focus();
    await page.keyboard.type(barcode);
    await page.keyboard.press('Enter');
    await page.getByTestId('ticket-line').first().waitFor();
    // The clerk looks the product up again: its level is on screen in the results.
    await page.keyboard.type(barcode);
    await page.locator(`#product-results [data-testid="qty-${product.id}"]`).waitFor();
    await armSaleProbe(page, product.id);
    await page.keyboard.press('Control+Enter');
    const r = await probeResult(page);
    if (!r) throw new Error(`sale ${i}: the level never changed on screen`);
    if (i >= SALE_WARMUP) samples.push(r);
    await page.getByTestId('ticket-line').first().waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
  }
  return samples;
}

async function searchLatencies(page: Page): Promise<Latency[]> {
  const samples: Latency[] = [];
  for (const query of SEARCH_QUERIES) {
    await search(page).focus();
    for (const ch of query) {
      await armSearchProbe(page, ch);
      await page.keyboard.type(ch);
      const r = await probeResult(page);
      if (!r) throw new Error(`search "${query}": keystroke "${ch}" was never painted`);
      samples.push(r);
      await page.waitForTimeout(80); // a fast typist
    }
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
  }
  return samples;
}

async function upgradeMigration(page: Page): Promise<UpgradeMigrationResult> {
  const entry = fileURLToPath(new URL('./client/upgrade-migration-entry.ts', import.meta.url));
  await page.evaluate(await bundleForPage(entry, 'benchUpgrade'));
  const r = await page.evaluate(
    (count) =>
      (globalThis as unknown as { benchUpgrade: typeof import('./client/upgrade-migration-entry.js') }).benchUpgrade.upgradeMigration(count),
    PRODUCTS,
  );
  if (r.pendingAfter !== r.pendingBefore) throw new Error(`migration lost pending movements: ${r.pendingBefore} → ${r.pendingAfter}`);
  return r;
}

async function alertTick(page: Page): Promise<{ p50: number; p95: number }> {
  const fixture = fileURLToPath(new URL('../shared/alerts/perf-fixture.ts', import.meta.url));
  await page.evaluate(await bundleForPage(fixture, 'benchAlerts'));
  return page.evaluate(() => {
    type Fixture = typeof import('../shared/alerts/perf-fixture.js');
    const f = (globalThis as unknown as { benchAlerts: Fixture }).benchAlerts;
    const rows = f.perfRows(50_000);
    f.timeEvaluations(rows, 5, () => performance.now());
    const times = f.timeEvaluations(rows, 60, () => performance.now());
    return { p50: f.percentile(times, 50), p95: f.percentile(times, 95) };
  });
}

interface RatioRound {
  sync: FirstSync;
  ratio: WriteRatio;
}

/**
 * `SYNC_ROUNDS` new devices, each in its own browser context (its own
 * IndexedDB): first sync, then the raw baseline in the same page right
 * after. Sorted by ratio. Before the device the rest is measured on, so the
 * baseline's scratch writes cannot slow its sales or searches.
 */
async function writeRatioRounds(browser: BenchBrowser, options: () => Promise<FirstSyncOptions>): Promise<RatioRound[]> {
  const rounds: RatioRound[] = [];
  for (let i = 1; i <= SYNC_ROUNDS; i++) {
    const page = await openBenchPage(browser, log);
    try {
      const sync = await firstSync(page, await options());
      const ratio = await writeRatio(page, sync.writes);
      log(
        `round ${i}/${SYNC_ROUNDS}: initial sync ${sync.initialSyncS.toFixed(2)} s, sync write ${ratio.syncWriteMs.toFixed(0)} ms in ${ratio.writes} bulkWrites; ` +
          `raw Dexie bulkPut ${ratio.rawMs.toFixed(0)} ms for ${ratio.docs} docs (${ratio.rawIndexedMs.toFixed(0)} ms with RxDB's indexes): ratio ${ratio.ratio.toFixed(3)}`,
      );
      const parts = Object.entries(ratio.byCollection).map(([c, v]) => `${c} ${v.sync.toFixed(0)}/${v.bare.toFixed(0)}/${v.indexed.toFixed(0)}`);
      log(`  sync/bare/indexed ms: ${parts.join(', ')}`);
      rounds.push({ sync, ratio });
    } finally {
      await page.context().close();
    }
  }
  return rounds.sort((a, b) => a.ratio.ratio - b.ratio.ratio);
}

export async function clientBench(): Promise<Record<string, number>> {
  if (!hasChromium) throw new Error('client benches need /usr/bin/chromium');
  let t = performance.now();
  if (process.env.BENCH_CLIENT_SKIP_BUILD !== '1') {
    await buildRenderer();
    log(`renderer built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  // The web origin first: the server must allow it (DESIGN §8, --allow-origin).
  const web = await startWebServer();
  // The app is opened as a shop tablet or the desktop app opens it: from an origin that is not
  // localhost. On http://localhost / 127.0.0.1 Dexie switches its debug mode on by itself
  // (async stack tagging on every database call), which no installed app runs with.
  // BENCH_CLIENT_LOCALHOST=1 measures on 127.0.0.1 anyway.
  const onLocalhost = process.env.BENCH_CLIENT_LOCALHOST === '1';
  const webUrl = onLocalhost ? web.url : web.url.replace('127.0.0.1', BENCH_HOST);
  const tenant = await startTenant({ nodeArgs: serverNodeArgs(), args: ['--allow-origin', webUrl] });
  const cleanups: Array<() => Promise<unknown>> = [() => web.close(), () => tenant.dispose()];
  try {
    const storeId = tenant.defaultStoreId;
    t = performance.now();
    const seeded = await seedCatalog(tenant, storeId, PRODUCTS);
    log(`seeded ${PRODUCTS} products with stock in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // On disk, as the app keeps its data (BENCH_CLIENT_ON_DISK=0: in memory, an incognito context).
    const onDisk = process.env.BENCH_CLIENT_ON_DISK !== '0';
    const browser = await launchBenchBrowser(onLocalhost ? [] : [`--host-resolver-rules=MAP ${BENCH_HOST} 127.0.0.1`], onDisk);
    cleanups.push(() => browser.close());
    const pairingCode = async () =>
      (await tenant.owner.api.devices.createPairingCode.mutate({ role: 'staff', storeIds: [storeId] })).code;
    const syncOptions = { webUrl, serverUrl: tenant.server.url, movements: PRODUCTS };

    const rounds = await writeRatioRounds(browser, async () => ({ ...syncOptions, pairingCode: await pairingCode() }));
    const median = rounds[Math.floor(rounds.length / 2)]!;

    // The device the rest is measured on: paired like the others, then used as a till.
    const page = await openBenchPage(browser, log);
    const sync = await firstSync(page, { ...syncOptions, pairingCode: await pairingCode(), around: (run) => profiled(page, 'initial-sync', run) });
    log(`initial sync ${sync.initialSyncS.toFixed(2)} s; movement history written ${sync.completeS.toFixed(1)} s after pairing`);
    logWrites(log, 'initial sync', sync.writes);
    const syncs = [...rounds.map((r) => r.sync), sync];
    const heap = await heapMb(page);
    log(`heap ${heap.toFixed(1)} MB`);

    const beforeSales = (await writesSoFar(page)).length;
    const sales = await profiled(page, 'sale', () => saleLatencies(page, seeded));
    const saleWrites = await settledWrites(page, beforeSales);
    logWrites(log, 'sale phase', saleWrites);
    // Each sale is one movement: its insert, the adopted push answer, and the stream's echo
    // (skipped when the device already holds that seq).
    const idbWritesPerMovement = movementRows(saleWrites) / (SALE_WARMUP + SALE_SAMPLES);
    log(`IndexedDB writes per pushed movement: ${idbWritesPerMovement.toFixed(2)}`);
    const paintSale = sales.map((s) => s.paint);
    log(`sale → screen p50 ${percentile(paintSale, 50).toFixed(2)} ms, p95 ${percentile(paintSale, 95).toFixed(2)} ms (${sales.length} samples)`);
    const searches = await profiled(page, 'search', () => searchLatencies(page));
    const paintSearch = searches.map((s) => s.paint);
    const changed = searches.filter((s) => s.changed);
    log(`search p50 ${percentile(paintSearch, 50).toFixed(2)} ms, p95 ${percentile(paintSearch, 95).toFixed(2)} ms (${searches.length} keystrokes, ${changed.length} changed the list${changed.length ? `: p95 ${percentile(changed.map((s) => s.paint), 95).toFixed(2)} ms` : ''})`);
    const slowest = (list: Latency[], label: (i: number) => string) =>
      list
        .map((l, i) => ({ l, i }))
        .sort((a, b) => b.l.paint - a.l.paint)
        .slice(0, 4)
        .map(({ l, i }) => `${label(i)} ${l.paint.toFixed(1)}/${l.dom.toFixed(1)} ms`)
        .join(', ');
    log(`slowest sales (paint/dom): ${slowest(sales, (i) => `#${i}`)}`);
    const keys = SEARCH_QUERIES.flatMap((q) => [...q].map((_, j) => q.slice(0, j + 1)));
    log(`slowest keystrokes (paint/dom): ${slowest(searches, (i) => `"${keys[i]}"`)}`);
    const alerts = await alertTick(page);
    log(`alert tick p50 ${alerts.p50.toFixed(2)} ms, p95 ${alerts.p95.toFixed(2)} ms`);
    const upgrade = await upgradeMigration(page);
    log(`upgrade migration of ${upgrade.docs} docs in ${(upgrade.ms / 1000).toFixed(1)} s (${upgrade.pendingAfter} pending kept)`);

    return {
      'client.products': PRODUCTS,
      'client.on_disk': onDisk ? 1 : 0,
      /** Medians over every device paired in this run. */
      'client.initial_sync_s': round(percentile(syncs.map((s) => s.initialSyncS), 50), 3),
      'client.initial_sync_s.target': 10,
      /** Until the background part (movement history) has been written too. */
      'client.initial_sync_complete_s': round(percentile(syncs.map((s) => s.completeS), 50), 3),
      'client.initial_sync_ratio': round(median.ratio.ratio, 3),
      'client.initial_sync_ratio.target': 0.5,
      'client.initial_sync_ratio_min': round(rounds[0]!.ratio.ratio, 3),
      'client.initial_sync_ratio_max': round(rounds[rounds.length - 1]!.ratio.ratio, 3),
      'client.initial_sync_rounds': rounds.length,
      /** The median round's parts. */
      'client.initial_sync_write_ms': round(median.ratio.syncWriteMs, 1),
      'client.initial_sync_raw_dexie_ms': round(median.ratio.rawMs, 1),
      /** Informational: the baseline with the index set RxDB's Dexie storage declares (see raw-dexie-entry.ts). */
      'client.initial_sync_raw_dexie_indexed_ms': round(median.ratio.rawIndexedMs, 1),
      'client.initial_sync_ratio_indexed': round(median.ratio.ratioIndexed, 3),
      /** Informational: the ratio a write into RxDB's index set with no other cost would score. */
      'client.initial_sync_ratio_ceiling': round(median.ratio.rawMs / median.ratio.rawIndexedMs, 3),
      'client.initial_sync_docs': median.ratio.docs,
      'client.heap_mb': round(heap, 1),
      'client.heap_mb.target': 300,
      'client.sale_to_screen_p95_ms': round(percentile(paintSale, 95)),
      'client.sale_to_screen_p50_ms': round(percentile(paintSale, 50)),
      'client.sale_to_screen_dom_p95_ms': round(percentile(sales.map((s) => s.dom), 95)),
      'client.sale_to_screen_samples': sales.length,
      'client.sale_to_screen_p95_ms.target': 16,
      'client.idb_writes_per_pushed_movement': round(idbWritesPerMovement, 2),
      'client.idb_writes_per_pushed_movement.target': 1.5,
      'client.search_p95_ms': round(percentile(paintSearch, 95)),
      'client.search_p50_ms': round(percentile(paintSearch, 50)),
      'client.search_dom_p95_ms': round(percentile(searches.map((s) => s.dom), 95)),
      'client.search_samples': searches.length,
      'client.search_p95_ms.target': 16,
      'client.alert_tick_p95_ms': round(alerts.p95),
      'client.alert_tick_p50_ms': round(alerts.p50),
      'client.alert_tick_p95_ms.target': 50,
      'client.upgrade_migration_s': round(upgrade.ms / 1000, 2),
    };
  } finally {
    for (const c of cleanups.reverse()) await c().catch((err: unknown) => log(`cleanup: ${String(err)}`));
  }
}
