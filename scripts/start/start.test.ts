import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary.js';
import { startStaticServer } from './static-server.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-start-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('findElectronBinary', () => {
  it('reports a missing binary without trying to download it', () => {
    const root = tmp();
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    const pkg = path.join(root, 'node_modules', 'electron');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron","main":"index.js"}');
    // index.js would download: make it explode if anything requires it
    fs.writeFileSync(path.join(pkg, 'index.js'), 'throw new Error("downloading")');
    expect(findElectronBinary(root, {})).toEqual({ ok: false, reason: 'the Electron binary was never downloaded' });

    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    expect(findElectronBinary(root, {})).toMatchObject({ ok: false });
    fs.mkdirSync(path.join(pkg, 'dist'));
    fs.writeFileSync(path.join(pkg, 'dist', 'electron'), '');
    expect(findElectronBinary(root, {})).toEqual({ ok: true, path: path.join(pkg, 'dist', 'electron') });

    const override = tmp();
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: override }).ok).toBe(false);
    fs.writeFileSync(path.join(override, 'electron'), '');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: override })).toEqual({ ok: true, path: path.join(override, 'electron') });
  });

  it('says so when the package is absent', () => {
    const root = tmp();
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    expect(findElectronBinary(root, {})).toEqual({ ok: false, reason: 'the electron package is not installed' });
  });
});

describe('static server', () => {
  it('serves the built renderer over real HTTP on 127.0.0.1', async () => {
    const root = tmp();
    fs.writeFileSync(path.join(root, 'index.html'), '<title>Stockroom</title>');
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    const s = await startStaticServer(root, 0);
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const index = await fetch(s.url);
      expect(index.headers.get('content-type')).toContain('text/html');
      expect(await index.text()).toBe('<title>Stockroom</title>');
      expect((await fetch(`${s.url}assets/app.js`)).headers.get('content-type')).toContain('javascript');
      expect(await (await fetch(`${s.url}counter`)).text()).toBe('<title>Stockroom</title>');
      expect((await fetch(`${s.url}missing.js`)).status).toBe(404);
      expect((await fetch(`${s.url}x`, { method: 'POST' })).status).toBe(405);
    } finally {
      await s.close();
    }
  });
});
