/**
 * A new device's first sync in the bench's Chromium, and the write-time
 * ratio of the issue: the same documents written with plain Dexie `bulkPut`
 * in the same page, divided by the wall time the sync's storage writes took
 * (renderer/data/local/write-timing.ts records them when the page asks for it).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { LIMITS } from '../../shared/index.js';
import type { WriteTimingEntry as WriteEntry } from '../../renderer/data/local/write-timing.js';
import type { BenchBrowser } from './bench-browser.js';
import { bundleForPage } from '../../test/e2e/support/bundle.js';
import type { RawDexieResult } from './raw-dexie-entry.js';

export interface FirstSync {
  /** Pair pressed → progress bar gone, catalog usable. */
  initialSyncS: number;
  /** … until the movement history (pulled after the progress bar) is written too. */
  completeS: number;
  /** Every storage write of the sync, the background part included. */
  writes: WriteEntry[];
}

export interface WriteRatio {
  syncWriteMs: number;
  rawMs: number;
  rawIndexedMs: number;
  docs: number;
  writes: number;
  ratio: number;
  ratioIndexed: number;
  /** Per collection: the sync's bulkWrite time, and the bare and indexed baselines (ms). */
  byCollection: Record<string, { sync: number; bare: number; indexed: number }>;
}

type Log = (msg: string) => void;

/** A new device (its own IndexedDB) with one page, set up for timing writes. */
export async function openBenchPage(browser: BenchBrowser, log: Log): Promise<Page> {
  const context = await browser.newContext();
  // tsx wraps functions in __name(); page.evaluate ships their source, so the page needs it too.
  await context.addInitScript('globalThis.__name ??= (f) => f;');
  // Turns on renderer/data/local/write-timing.ts for this page.
  await context.addInitScript(() => {
    const entries: WriteEntry[] = [];
    (globalThis as unknown as { __stockroomWriteTiming: unknown }).__stockroomWriteTiming = {
      entries,
      record: (e: WriteEntry) => entries.push(e),
    };
  });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (err) => log(`page error: ${err.message}`));
  return page;
}

export interface FirstSyncOptions {
  webUrl: string;
  serverUrl: string;
  pairingCode: string;
  /** Movements the server holds for the store: the background part is done when all are written. */
  movements: number;
  /** Wraps the part up to the progress bar going (CPU profiling). */
  around?: <T>(run: () => Promise<T>) => Promise<T>;
}

/** Pair through the pairing screen, then wait until the whole first sync is written. */
export async function firstSync(page: Page, o: FirstSyncOptions): Promise<FirstSync> {
  const around = o.around ?? (<T>(run: () => Promise<T>) => run());
  const initialSyncS = await around(() => pairAndSync(page, o.webUrl, o.serverUrl, o.pairingCode));
  const quietAfterS = await waitForBackgroundSync(page, o.movements);
  return { initialSyncS, completeS: initialSyncS + quietAfterS, writes: await writesSoFar(page) };
}

async function pairAndSync(page: Page, webUrl: string, serverUrl: string, code: string): Promise<number> {
  await page.goto(`${webUrl}/`);
  await page.getByLabel('Server address').fill(serverUrl);
  await page.getByLabel('Pairing code').fill(code);
  await page.getByLabel('Device name').fill('Bench till');
  const started = performance.now();
  await page.getByRole('button', { name: 'Pair device' }).click();
  await page.locator('[data-testid="sync-health"][data-initial-sync="done"]').waitFor({ timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  // Fully usable: the progress bar is gone and the catalog answers.
  if ((await page.getByTestId('initial-sync').count()) !== 0) throw new Error('progress bar still shown after the initial sync');
  return seconds;
}

/** Every local write so far (renderer/data/local/write-timing.ts). */
export function writesSoFar(page: Page): Promise<WriteEntry[]> {
  return page.evaluate(
    () => (globalThis as unknown as { __stockroomWriteTiming: { entries: WriteEntry[] } }).__stockroomWriteTiming.entries.slice(),
  );
}

export function logWrites(log: Log, phase: string, entries: readonly WriteEntry[]): void {
  const byCollection = new Map<string, { writes: number; docs: number; ms: number }>();
  for (const e of entries) {
    const c = byCollection.get(e.collection) ?? { writes: 0, docs: 0, ms: 0 };
    byCollection.set(e.collection, { writes: c.writes + 1, docs: c.docs + e.docs, ms: c.ms + (e.end - e.start) });
  }
  for (const [c, v] of byCollection) log(`  ${phase}: ${c} ${v.writes} bulkWrites, ${v.docs} docs, ${v.ms.toFixed(0)} ms`);
}

/**
 * Seconds until the background part of the first sync is done: every seeded
 * movement has been written locally and then nothing was written for 10 s
 * (movements arrive after the progress bar; their replication bookkeeping
 * follows in small batches that can be seconds apart).
 */
async function waitForBackgroundSync(page: Page, movements: number, quietMs = 10_000, maxMs = 600_000): Promise<number> {
  const started = performance.now();
  let count = -1;
  let since = performance.now();
  while (performance.now() - started < maxMs) {
    const { n, moved } = await page.evaluate(() => {
      const entries = (globalThis as unknown as { __stockroomWriteTiming: { entries: WriteEntry[] } }).__stockroomWriteTiming.entries;
      let docs = 0;
      for (const e of entries) if (e.collection === 'movements') docs += e.docs;
      return { n: entries.length, moved: docs };
    });
    if (n !== count) {
      count = n;
      since = performance.now();
    } else if (moved >= movements && performance.now() - since >= quietMs) return (since - started) / 1000;
    await page.waitForTimeout(250);
  }
  throw new Error(`the movement history did not arrive within ${maxMs / 1000} s`);
}

/** Total time covered by at least one interval (parallel writes are not counted twice). */
function unionMs(entries: readonly WriteEntry[]): number {
  const sorted = [...entries].sort((a, b) => a.start - b.start);
  let total = 0;
  let curStart = -1;
  let curEnd = -1;
  for (const e of sorted) {
    if (e.start > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = e.start;
      curEnd = e.end;
    } else curEnd = Math.max(curEnd, e.end);
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

/** The baseline for the sync's writes, measured in the same page (it writes a scratch database, then deletes it). */
export async function writeRatio(page: Page, entries: readonly WriteEntry[]): Promise<WriteRatio> {
  const syncWriteMs = unionMs(entries);
  const entry = fileURLToPath(new URL('./raw-dexie-entry.ts', import.meta.url));
  await page.evaluate(await bundleForPage(entry, 'benchRawDexie'));
  const raw = await page.evaluate(
    ([collections, batch]) =>
      (globalThis as unknown as { benchRawDexie: typeof import('./raw-dexie-entry.js') }).benchRawDexie.rawDexieBulkPut(collections, batch),
    [['stores', 'products', 'stock', 'movements'], LIMITS.pullLimit] as [string[], number],
  );
  const byCollection = Object.fromEntries(
    Object.entries((raw as RawDexieResult).byCollection).map(([c, [bare, indexed]]) => {
      const sync = entries.filter((e) => e.collection === c).reduce((ms, e) => ms + e.end - e.start, 0);
      return [c, { sync, bare, indexed }];
    }),
  );
  const parts = Object.values(byCollection);
  const rawMs = parts.reduce((ms, p) => ms + p.bare, 0);
  const rawIndexedMs = parts.reduce((ms, p) => ms + p.indexed, 0);
  return {
    syncWriteMs,
    rawMs,
    rawIndexedMs,
    docs: (raw as RawDexieResult).docs,
    writes: entries.length,
    ratio: rawMs / syncWriteMs,
    ratioIndexed: rawIndexedMs / syncWriteMs,
    byCollection,
  };
}
