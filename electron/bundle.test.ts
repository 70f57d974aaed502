/**
 * The built bundles, run under plain Node with Electron answered by a recorder
 * (test-support/fake-electron.cjs): proves main.cjs and preload.cjs load, wire
 * every module together and expose only the named bridge — without the binary.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../scripts/build-electron.js';

const run = promisify(execFile);
const fake = fileURLToPath(new URL('./test-support/fake-electron.cjs', import.meta.url));
type Event = [string, ...unknown[]];

describe('built Electron bundles', () => {
  let dir: string;
  let mainFile: string;
  let preloadFile: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-bundle-'));
    [mainFile, preloadFile] = (await buildElectron({ outDir: path.join(dir, 'dist-electron') })) as [string, string];
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const runBundle = async (file: string): Promise<Event[]> => {
    const { stdout } = await run(process.execPath, ['--require', fake, file], {
      env: { ...process.env, FAKE_USER_DATA: path.join(dir, 'user-data'), STOCKROOM_RENDERER_URL: '', STOCKROOM_NOTIFIER: 'node-notifier', HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'config') },
      timeout: 20_000,
    });
    return JSON.parse(stdout) as Event[];
  };

  it('main.cjs composes the shell', async () => {
    const events = await runBundle(mainFile);
    const names = events.map((e) => e[0]);
    // the app:// scheme is registered before the app is ready, the lock taken before anything else starts
    expect(names.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(names.indexOf('app.whenReady'));
    expect(names.indexOf('requestSingleInstanceLock')).toBeLessThan(names.indexOf('app.whenReady'));
    const [, options] = events.find((e) => e[0] === 'BrowserWindow')! as [string, { webPreferences: Record<string, unknown> }];
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, backgroundThrottling: false });
    expect(options.webPreferences.preload).toBe(path.join(dir, 'dist-electron', 'preload.cjs'));
    expect(events).toContainEqual(['loadURL', 'app://stockroom/index.html']);
    expect(events).toContainEqual(['protocol.handle', 'app']);
    expect(events).toContainEqual(['webContents.on', 'will-navigate']);
    expect(names).toContain('webContents.setWindowOpenHandler');
    expect(names).toContain('session.setPermissionRequestHandler');
    for (const channel of ['stockroom:notify', 'stockroom:get-settings', 'stockroom:set-settings']) {
      expect(events).toContainEqual(['ipcMain.handle', channel]);
    }
    // the renderer's calls reach node-notifier, the tray and the settings file
    expect(events).toContainEqual(['node-notifier.notify', { title: 'Espresso beans — 3 left at Main St', message: 'Reorder at 10 · critical at 3' }]);
    expect(events).toContainEqual(['tray.setToolTip', 'Stockroom — 2 out of stock · 1 low']);
    expect(events).toContainEqual(['settings', { closeToTray: true }]);
    expect(events).toContainEqual(['refused', 'untrusted sender']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'user-data', 'settings.json'), 'utf8'))).toEqual({ closeToTray: true });
  }, 30_000);

  it('preload.cjs exposes window.stockroom with named functions only', async () => {
    const events = await runBundle(preloadFile);
    expect(events).toEqual([
      ['contextBridge.exposeInMainWorld', 'stockroom', ['getSettings', 'notify', 'onFocusProduct', 'platform', 'setSettings', 'setTrayCounts'], 'function'],
    ]);
  }, 30_000);

  it('the preload bundle needs nothing but electron (sandboxed preloads cannot require)', () => {
    const requires = [...fs.readFileSync(preloadFile, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect([...new Set(requires)]).toEqual(['electron']);
  });
});
