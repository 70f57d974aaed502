/**
 * electron-builder.yml is checked against electron-builder's own schema (no
 * build, no download), and what it packs must exist after `npm run build`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

interface BuilderConfig {
  appId: string;
  productName: string;
  files: Array<string | { filter: string[] }>;
  icon: string;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder and targets every platform', async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      getConfig(dir: string, file: string, extra: null): Promise<BuilderConfig>;
      validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util/out/DebugLogger.js') as { DebugLogger: new (enabled: boolean) => unknown };
    const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({ appId: 'com.stockroom.app', productName: 'Stockroom' });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    const files = config.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(files).toEqual(expect.arrayContaining(['dist-electron/**/*', 'dist/renderer/**/*', 'package.json', 'node_modules/node-notifier/**/*']));
  }, 60_000);

  it('has a 512×512 icon and points package.json at the bundled main', () => {
    const png = fs.readFileSync(path.join(root, 'build', 'icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(pkg.main).toBe('dist-electron/main.cjs');
    expect(pkg.scripts.dist).toMatch(/^npm run build && electron-builder/);
  });
});
