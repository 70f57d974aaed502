/**
 * `npm run screenshots [-- --out DIR]`: a screenshot of every screen of the app in English and
 * in Chinese at 1366×768, each checked for overflow (test/e2e/support/screenshots.ts).
 *
 * Builds the app when dist/renderer is missing or older than its sources (as `npm start`
 * does), starts the e2e stack (the real sync server on a temp dir, the build on its own origin,
 * Debian's Chromium), seeds a shop, pairs an owner device through the pairing screen, visits
 * every screen, writes the PNGs (default `screenshots/` at the repo root) and prints where they
 * are and every overflow finding. Exits 1 when anything overflows, a screen cannot be opened or
 * Chinese renders without a CJK font.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../test/support/paths.js';
import { CHROMIUM, hasChromium } from '../test/e2e/support/chromium.js';
import { formatReport, takeScreenshots } from '../test/e2e/support/screenshots.js';
import { startStack } from '../test/e2e/support/stack.js';
import { ensureRendererBuild } from './start/renderer-build.js';

const { values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log('usage: npm run screenshots [-- --out DIR]   (default DIR: screenshots/ at the repo root)');
  process.exit(0);
}
if (!hasChromium) {
  console.error(`${CHROMIUM} is missing: scripts/setup-test-env.sh installs it (as root).`);
  process.exit(1);
}

const outDir = resolve(values.out ?? join(repoRoot, 'screenshots'));
const started = Date.now();

// Earlier runs' files (only ours: NN-name.locale[.end|.failed].png and report.json).
try {
  for (const f of readdirSync(outDir)) if (/^\d\d-[\w-]+\.(en|zh-CN)(\.end|\.failed)?\.png$/.test(f) || f === 'report.json') rmSync(join(outDir, f));
} catch {
  /* no such folder yet */
}

const build = await ensureRendererBuild(repoRoot);
if (build.builtInMs !== null) console.log(`built in ${(build.builtInMs / 1000).toFixed(1)} s`);

const stack = await startStack();
let failed = true;
try {
  const report = await takeScreenshots(stack, { outDir, log: (line) => console.log(line) });
  writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log('');
  console.log(formatReport(report));
  console.log(`Report: ${join(outDir, 'report.json')} · total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  failed = report.failures.length > 0;
} catch (err) {
  console.error('screenshots failed:', err);
} finally {
  await stack.dispose();
}
process.exit(failed ? 1 : 0);
