/**
 * The alert evaluation target of DESIGN §7 measured where it runs: one
 * evaluation over 50 000 stock rows, p95 ≤ 50 ms in Debian's Chromium.
 * The same fixture as shared/alerts/evaluate-perf.test.ts, bundled by esbuild.
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const fixture = fileURLToPath(new URL('../../shared/alerts/perf-fixture.ts', import.meta.url));

describe.skipIf(!existsSync(CHROMIUM))('alert evaluation in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('evaluates 50 000 stock rows with p95 ≤ 50 ms', async () => {
    const bundle = await build({
      entryPoints: [fixture],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'alertsPerf',
      target: 'es2022',
      minify: true,
    });
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const { p50, p95 } = await page.evaluate(() => {
      type Fixture = typeof import('../../shared/alerts/perf-fixture.js');
      const f = (globalThis as unknown as { alertsPerf: Fixture }).alertsPerf;
      const rows = f.perfRows(50_000);
      f.timeEvaluations(rows, 5, () => performance.now());
      const times = f.timeEvaluations(rows, 60, () => performance.now());
      return { p50: f.percentile(times, 50), p95: f.percentile(times, 95) };
    });
    console.log(`alerts: evaluate 50 000 rows in Chromium p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`);
    expect(p95).toBeLessThanOrEqual(50);
  });
});
