import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hasChromium } from './chromium.js';
import { buildRenderer, rendererDist } from './renderer-build.js';

/**
 * vitest globalSetup of the e2e project: one renderer build for every e2e file.
 * STOCKROOM_E2E_SKIP_BUILD=1 reuses an existing dist/renderer (while iterating on tests only).
 */
export default async function setup(): Promise<void> {
  if (!hasChromium) return;
  if (process.env.STOCKROOM_E2E_SKIP_BUILD === '1' && existsSync(join(rendererDist, 'index.html'))) return;
  const started = Date.now();
  await buildRenderer();
  console.log(`e2e: renderer built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
