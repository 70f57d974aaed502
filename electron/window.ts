import type { BrowserWindowConstructorOptions } from 'electron';
import { VERSION_ARG } from './ipc-channels.js';

export interface WindowConfig {
  preloadPath: string;
  iconPath?: string;
  version: string;
}

/**
 * The main window's options. Security: contextIsolation, sandbox, no Node in
 * the page. backgroundThrottling off: the alerts timer must keep running while
 * the window is hidden in the tray.
 */
export function mainWindowOptions(config: WindowConfig): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    title: 'Stockroom',
    show: false,
    ...(config.iconPath ? { icon: config.iconPath } : {}),
    webPreferences: {
      preload: config.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      backgroundThrottling: false,
      spellcheck: false,
      additionalArguments: [`${VERSION_ARG}${config.version}`],
    },
  };
}

/** The window methods needed to bring the app forward (injected for tests). */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** Bring the window forward from the tray, a second launch or a notification click. */
export function showAndFocus(win: FocusableWindow | null): boolean {
  if (!win || win.isDestroyed()) return false;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  return true;
}

/** Started by the OS at login with --hidden: stay in the tray until opened. */
export function startsHidden(argv: readonly string[]): boolean {
  return argv.includes('--hidden');
}
