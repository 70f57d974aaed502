import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths.js';

/** Where the web build goes (the same dir `vite build` and `serve --web` use). */
export const rendererDist = join(repoRoot, 'dist', 'renderer');

/**
 * Build the renderer with the project's vite.config.ts into dist/renderer.
 * Always rebuilds: a stale bundle would test yesterday's UI. Run once per
 * e2e run (vitest globalSetup) and once per client bench run.
 */
export function buildRenderer(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'],
      // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
      { cwd: repoRoot, timeout: 300_000, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production' } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`vite build failed: ${error.message}\n${stdout}\n${stderr}`));
        else if (!existsSync(join(rendererDist, 'index.html'))) reject(new Error(`vite build wrote no ${rendererDist}/index.html`));
        else resolve(rendererDist);
      },
    );
  });
}
