/**
 * Loaded with `node --require` before a built bundle (dist-electron/*.cjs):
 * answers `require('electron')` and `require('node-notifier')` with recorders,
 * so the composition in main.ts / preload.ts runs under plain Node without the
 * Electron binary. Prints the recorded calls as JSON on stdout when done.
 */
const Module = require('node:module');

const events = [];
const log = (...args) => events.push(args);
const handlers = {};
const APP_FRAME = { senderFrame: { url: 'app://stockroom/index.html' } };

function finish() {
  process.stdout.write(JSON.stringify(events));
  process.exit(0);
}

async function exerciseMain() {
  // What the renderer would do through the preload, once the window loaded.
  await handlers['stockroom:notify'](APP_FRAME, { title: 'Espresso beans — 3 left at Main St', body: 'Reorder at 10 · critical at 3', productId: 'beans', storeId: 'main' });
  handlers['stockroom:set-tray-counts'](APP_FRAME, { low: 1, critical: 0, out: 2 });
  await handlers['stockroom:set-settings'](APP_FRAME, { closeToTray: true });
  log('settings', await handlers['stockroom:get-settings'](APP_FRAME));
  try {
    await handlers['stockroom:notify']({ senderFrame: { url: 'https://evil.example/' } }, { title: 'x', body: '', productId: '', storeId: '' });
  } catch (e) {
    log('refused', e.message);
  }
  finish();
}

class BrowserWindow {
  constructor(options) {
    log('BrowserWindow', options);
    this.webContents = {
      on: (event) => log('webContents.on', event),
      setWindowOpenHandler: () => log('webContents.setWindowOpenHandler'),
      send: (channel, payload) => log('webContents.send', channel, payload),
    };
  }
  once(event) { log('window.once', event); }
  on(event) { log('window.on', event); }
  loadURL(url) {
    log('loadURL', url);
    setImmediate(() => void exerciseMain());
    return Promise.resolve();
  }
  isDestroyed() { return false; }
  isMinimized() { return false; }
  show() {}
  focus() {}
  restore() {}
  hide() {}
}

class Tray {
  constructor() { log('Tray'); }
  setToolTip(text) { log('tray.setToolTip', text); }
  setContextMenu(menu) { log('tray.setContextMenu', menu.map((m) => m.label ?? m.type)); }
  setTitle() {}
  on() {}
  destroy() {}
}

const electron = {
  app: {
    requestSingleInstanceLock: () => (log('requestSingleInstanceLock'), true),
    on: (event) => log('app.on', event),
    quit: () => log('app.quit'),
    exit: (code) => log('app.exit', code),
    whenReady: () => (log('app.whenReady'), Promise.resolve()),
    getPath: () => process.env.FAKE_USER_DATA,
    getVersion: () => '0.1.0',
    setAppUserModelId: (id) => log('app.setAppUserModelId', id),
    setLoginItemSettings: (s) => log('app.setLoginItemSettings', s),
    getLoginItemSettings: () => ({ openAtLogin: false }),
  },
  BrowserWindow,
  Tray,
  Menu: { buildFromTemplate: (template) => template },
  nativeImage: { createFromPath: (p) => (log('nativeImage.createFromPath', p), { resize: () => ({}) }) },
  ipcMain: {
    handle: (channel, fn) => ((handlers[channel] = fn), log('ipcMain.handle', channel)),
    on: (channel, fn) => ((handlers[channel] = fn), log('ipcMain.on', channel)),
    removeHandler: () => {},
    removeAllListeners: () => {},
  },
  net: { fetch: () => Promise.reject(new Error('not in this test')) },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => log('protocol.registerSchemesAsPrivileged', schemes),
    handle: (scheme) => log('protocol.handle', scheme),
  },
  session: { defaultSession: { setPermissionRequestHandler: () => log('session.setPermissionRequestHandler') } },
  shell: { openExternal: (url) => log('shell.openExternal', url) },
  contextBridge: {
    exposeInMainWorld: (name, api) => {
      log('contextBridge.exposeInMainWorld', name, Object.keys(api).sort(), typeof api.notify);
      setImmediate(finish);
    },
  },
  ipcRenderer: { invoke: async () => undefined, send: () => {}, on: () => {}, removeListener: () => {} },
};

const notifier = {
  notify: (options, callback) => {
    log('node-notifier.notify', { title: options.title, message: options.message });
    callback?.('', '');
  },
};

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'electron') return electron;
  if (request === 'node-notifier') return notifier;
  return load.call(this, request, parent, isMain);
};
