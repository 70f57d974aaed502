/**
 * Electron main process: composition only. Every piece with logic lives in a
 * module of its own that takes Electron objects as parameters (and has tests).
 */
import { BrowserWindow, Menu, Tray, app, ipcMain, nativeImage, net, protocol, session, shell } from 'electron';
import os from 'node:os';
import fs from 'node:fs';
import notifierBackend from 'node-notifier';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol.js';
import { attachCloseToTray } from './close-to-tray.js';
import { IPC } from './ipc-channels.js';
import { registerIpcHandlers } from './ipc.js';
import { getLaunchAtLogin, setLaunchAtLogin, type LaunchAtLoginDeps } from './launch-at-login.js';
import { installNavigationGuards, isAppUrl, isPermissionAllowed, isSafeExternalUrl } from './navigation-security.js';
import { createNotifySendBackend, notifySendSupportsActions } from './linux-notify-send.js';
import { createNotifier, type NotifyTarget } from './notifier.js';
import { resolveShellPaths } from './paths.js';
import { createSettingsStore, shellFlags } from './settings-store.js';
import { claimSingleInstance } from './single-instance.js';
import { createTrayController, type TrayController } from './tray.js';
import { mainWindowOptions, showAndFocus, startsHidden } from './window.js';

const APP_ID = 'com.stockroom.app';

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.setAppUserModelId(APP_ID);

let mainWindow: BrowserWindow | null = null;
let tray: TrayController | null = null;

const isPrimary = claimSingleInstance(app, () => showAndFocus(mainWindow));

const focusProduct = (target: NotifyTarget) => {
  if (!showAndFocus(mainWindow)) return;
  mainWindow?.webContents.send(IPC.focusProduct, target);
};

async function start(): Promise<void> {
  await app.whenReady();
  const paths = resolveShellPaths({ mainDir: __dirname, userDataDir: app.getPath('userData'), env: process.env });
  const settings = createSettingsStore(paths.settingsFile);
  const loginDeps: LaunchAtLoginDeps = {
    platform: process.platform,
    app,
    fs,
    env: process.env,
    homeDir: os.homedir(),
    execPath: process.execPath,
  };

  // Re-apply the setting at start: an AppImage that moved needs its autostart entry rewritten.
  try {
    const wanted = shellFlags(settings.get()).launchAtLogin;
    if (wanted || getLaunchAtLogin(loginDeps)) setLaunchAtLogin(wanted, loginDeps);
  } catch (error) {
    console.warn('launch at login:', error);
  }

  registerAppProtocol(protocol, paths.rendererRoot, (url) => net.fetch(url));
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(isPermissionAllowed(permission)),
  );

  const win = new BrowserWindow(mainWindowOptions({ preloadPath: paths.preload, iconPath: paths.icon, version: app.getVersion() }));
  mainWindow = win;
  installNavigationGuards(win.webContents, paths.rendererUrl, (url) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
  });
  const closing = attachCloseToTray(win, app, () => tray !== null && shellFlags(settings.get()).closeToTray);
  win.once('ready-to-show', () => {
    if (!startsHidden(process.argv)) win.show();
  });
  win.on('closed', () => {
    mainWindow = null;
  });

  const trayIcon = nativeImage.createFromPath(paths.icon).resize({ width: 22, height: 22 });
  tray = createTrayController({
    tray: new Tray(trayIcon),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    platform: process.platform,
    actions: {
      open: () => showAndFocus(mainWindow),
      openAlerts: () => focusProduct({ productId: '', storeId: '' }),
      quit: () => app.quit(),
    },
  });

  const notifier = createNotifier({
    // Linux: notify-send with an action, so a click can focus the product
    // (STOCKROOM_NOTIFIER=node-notifier forces node-notifier everywhere).
    backend:
      process.platform === 'linux' && process.env.STOCKROOM_NOTIFIER !== 'node-notifier' && notifySendSupportsActions()
        ? createNotifySendBackend()
        : notifierBackend,
    platform: process.platform,
    appName: 'Stockroom',
    appId: APP_ID,
    icon: paths.icon,
    onClick: focusProduct,
  });

  registerIpcHandlers(
    ipcMain,
    {
      notify: (request) => notifier.notify(request),
      setTrayCounts: (counts) => tray?.update(counts),
      getSettings: () => settings.get(),
      setSettings: (next) => {
        const before = shellFlags(settings.get());
        settings.set(next);
        const after = shellFlags(next);
        if (after.launchAtLogin !== before.launchAtLogin) setLaunchAtLogin(after.launchAtLogin, loginDeps);
      },
    },
    (frameUrl) => isAppUrl(frameUrl, paths.rendererUrl),
  );

  app.on('activate', () => showAndFocus(mainWindow));
  // With the tray, closing the last window keeps the app (and its alerts) alive.
  app.on('window-all-closed', () => {
    if (closing.isQuitting() || tray === null) app.quit();
  });
  app.on('before-quit', () => tray?.destroy());

  await win.loadURL(paths.rendererUrl);
}

if (isPrimary) {
  start().catch((error: unknown) => {
    console.error('Stockroom failed to start:', error);
    app.exit(1);
  });
}
