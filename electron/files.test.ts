/** Settings file, the app:// protocol, paths, and the rule that tests never load Electron. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticFiles } from '../sync-server/http/static-files.js';
import { APP_URL, registerAppProtocol, resolveAppAsset } from './app-protocol.js';
import { isLocalDevUrl, resolveShellPaths } from './paths.js';
import { createSettingsStore, shellFlags } from './settings-store.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-shell-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('settings store', () => {
  it('persists across instances and survives a corrupt file', () => {
    const file = path.join(tmp(), 'nested', 'settings.json');
    expect(createSettingsStore(file).get()).toEqual({});
    createSettingsStore(file).set({ launchAtLogin: true, alerts: { intervalSeconds: 30 } });
    expect(createSettingsStore(file).get()).toEqual({ launchAtLogin: true, alerts: { intervalSeconds: 30 } });
    fs.writeFileSync(file, '{not json');
    expect(createSettingsStore(file).get()).toEqual({});
    expect(shellFlags({})).toEqual({ launchAtLogin: false, closeToTray: true });
    expect(shellFlags({ launchAtLogin: true, closeToTray: false })).toEqual({ launchAtLogin: true, closeToTray: false });
  });
});

describe('app:// protocol', () => {
  it('serves files under the renderer folder only', () => {
    const root = path.join(tmp(), 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), 'app');
    fs.writeFileSync(path.join(root, 'assets', 'a b.js'), 'js');
    const real = fs.realpathSync(root);
    const files = createStaticFiles(root);
    expect(resolveAppAsset(files, 'app://stockroom/')).toBe(`${real}/index.html`);
    expect(resolveAppAsset(files, 'app://stockroom/index.html#/x')).toBe(`${real}/index.html`);
    expect(resolveAppAsset(files, 'app://stockroom/assets/a%20b.js?v=1')).toBe(`${real}/assets/a b.js`);
    // URL parsing resolves dot segments (also %2e%2e) before we see them: they stay inside
    expect(resolveAppAsset(files, 'app://stockroom/../../index.html')).toBe(`${real}/index.html`);
    // an encoded slash is decoded by the static-file module, which refuses the `..` segment
    expect(resolveAppAsset(files, 'app://stockroom/..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveAppAsset(files, 'app://other/index.html')).toBeNull();
    expect(resolveAppAsset(files, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppAsset(files, 'app://stockroom/%E0%A4%A')).toBeNull();
  });

  it('answers requests with the file, or 404', async () => {
    const root = path.join(tmp(), 'renderer');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'index.html'), '<h1>Stockroom</h1>');
    let handler: (r: Request) => Response | Promise<Response> = () => new Response();
    registerAppProtocol({ handle: (_s, h) => (handler = h) }, root, async (url) => new Response(fs.readFileSync(fileURLToPath(url))));
    expect(await (await handler(new Request(APP_URL))).text()).toBe('<h1>Stockroom</h1>');
    fs.writeFileSync(path.join(path.dirname(root), 'secret'), 'no');
    expect((await handler(new Request('app://stockroom/..%2fsecret'))).status).toBe(404);
    expect((await handler(new Request('app://stockroom/missing.js'))).status).toBe(404);
  });
});

describe('paths', () => {
  it('loads the packaged renderer unless a local dev server is given', () => {
    const base = { mainDir: '/app/dist-electron', userDataDir: '/home/me/.config/Stockroom' };
    const p = resolveShellPaths({ ...base, env: {} });
    expect(p).toEqual({
      preload: '/app/dist-electron/preload.cjs',
      rendererRoot: '/app/dist/renderer',
      rendererUrl: APP_URL,
      icon: '/app/build/icon.png',
      settingsFile: '/home/me/.config/Stockroom/settings.json',
    });
    expect(resolveShellPaths({ ...base, env: { STOCKROOM_RENDERER_URL: 'http://127.0.0.1:5173/' } }).rendererUrl).toBe('http://127.0.0.1:5173/');
    expect(resolveShellPaths({ ...base, env: { STOCKROOM_RENDERER_URL: 'https://evil.example/' } }).rendererUrl).toBe(APP_URL);
    expect(isLocalDevUrl('http://localhost:3000')).toBe(true);
    expect(isLocalDevUrl('http://192.168.1.2:3000')).toBe(false);
  });
});

describe('Electron-free modules', () => {
  it('only main.ts and preload.ts import electron at run time', () => {
    const offenders = fs
      .readdirSync(here)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'main.ts' && f !== 'preload.ts')
      .filter((f) => /^import\s+(?!type\b)[^;]*from\s+'electron'/m.test(fs.readFileSync(path.join(here, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
