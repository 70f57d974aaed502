/**
 * Bundle the Electron main process and preload with esbuild:
 *   electron/main.ts    → dist-electron/main.cjs
 *   electron/preload.ts → dist-electron/preload.cjs (sandboxed: one file, only `electron` required)
 * `electron` and `node-notifier` stay external (node-notifier ships helper binaries).
 */
import { build, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22', // Electron 45 ships Node 22
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

export async function buildElectron(options: { minify?: boolean; outDir?: string } = {}): Promise<string[]> {
  const outDir = options.outDir ?? path.join(root, 'dist-electron');
  const outputs = [
    { entry: 'electron/main.ts', out: path.join(outDir, 'main.cjs'), external: ['electron', 'node-notifier'] },
    { entry: 'electron/preload.ts', out: path.join(outDir, 'preload.cjs'), external: ['electron'] },
  ];
  await Promise.all(
    outputs.map(({ entry, out, external }) =>
      build({ ...common, entryPoints: [entry], outfile: out, external, minify: options.minify ?? false }),
    ),
  );
  return outputs.map((o) => o.out);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildElectron({ minify: process.argv.includes('--minify') })
    .then((files) => console.log(`built ${files.map((f) => path.relative(root, f)).join(', ')}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
