/**
 * The Chromium the client bench's devices run in. Playwright's contexts are
 * off the record, so their IndexedDB lives in memory; the app (Electron, or a
 * browser profile in web mode) keeps it on disk, where every write costs
 * about twice as much and varies more from run to run. BENCH_CLIENT_ON_DISK=1
 * gives each device a profile directory of its own instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, launchChromium } from '../../test/e2e/support/chromium.js';

export interface BenchBrowser {
  /** A new device: a context with an IndexedDB of its own. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

const CONTEXT: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'en-US' };

export async function launchBenchBrowser(extraArgs: string[], onDisk: boolean): Promise<BenchBrowser> {
  if (!onDisk) {
    const browser = await launchChromium(extraArgs);
    return { newContext: () => browser.newContext(CONTEXT), close: () => browser.close() };
  }
  const open = new Set<BrowserContext>();
  return {
    async newContext() {
      const dir = mkdtempSync(join(tmpdir(), 'stockroom-bench-profile-'));
      const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs], ...CONTEXT });
      open.add(context);
      context.on('close', () => {
        open.delete(context);
        // Chromium may still be flushing LevelDB files as the context closes: retry, and a
        // profile left in the temp dir is no reason to fail the bench.
        try {
          rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
        } catch (err) {
          process.stderr.write(`  client: profile ${dir} not removed: ${String(err)}\n`);
        }
      });
      return context;
    },
    async close() {
      for (const context of [...open]) await context.close();
    },
  };
}
