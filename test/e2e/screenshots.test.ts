/**
 * Acceptance (issue 11): screenshots of every screen in both languages at 1366×768 with no
 * overflow — no element wider than its container (support/screenshots-page.ts lists the
 * rules) — and Chinese drawn with a CJK font. The same tour as `npm run screenshots`, into a
 * temp dir (STOCKROOM_SCREENSHOTS_DIR keeps them somewhere else).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/chromium.js';
import { formatReport, takeScreenshots } from './support/screenshots.js';
import { useStack } from './support/stack.js';

describe.skipIf(!hasChromium)('screenshots of every screen, English and Chinese, 1366×768', () => {
  const stack = useStack();

  it('has no overflow on any screen and draws Chinese with a CJK font', async () => {
    const keep = process.env.STOCKROOM_SCREENSHOTS_DIR;
    const outDir = keep ?? mkdtempSync(join(tmpdir(), 'stockroom-screenshots-'));
    try {
      const report = await takeScreenshots(stack(), { outDir });
      console.log(formatReport(report));
      // Every screen of both languages was taken.
      expect(report.shots.filter((s) => s.locale === 'en').length).toBeGreaterThanOrEqual(27);
      expect(report.shots.filter((s) => s.locale === 'zh-CN').length).toBe(report.shots.filter((s) => s.locale === 'en').length);
      expect(report.failures, `\n${report.failures.join('\n')}\n`).toEqual([]);
    } finally {
      if (!keep) rmSync(outDir, { recursive: true, force: true });
    }
  }, 420_000);
});
