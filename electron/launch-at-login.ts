import path from 'node:path';

/**
 * Start Stockroom at login (a setting, off by default), hidden in the tray so
 * alerts run. macOS and Windows use Electron's login items; Linux has no such
 * API, so an XDG autostart entry is written instead.
 */

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
  getLoginItemSettings(): { openAtLogin: boolean };
}

export interface AutostartFs {
  writeFileSync(file: string, data: string): void;
  mkdirSync(dir: string, options: { recursive: true }): unknown;
  rmSync(file: string, options: { force: true }): void;
  existsSync(file: string): boolean;
}

export interface LaunchAtLoginDeps {
  platform: NodeJS.Platform;
  app: LoginItemApp;
  fs: AutostartFs;
  env: Record<string, string | undefined>;
  homeDir: string;
  /** The executable to start; an AppImage is started through $APPIMAGE, not its mount point. */
  execPath: string;
}

export const HIDDEN_ARG = '--hidden';
const DESKTOP_FILE = 'com.stockroom.app.desktop';

export function autostartFile(env: Record<string, string | undefined>, homeDir: string): string {
  const configHome = env.XDG_CONFIG_HOME || path.join(homeDir, '.config');
  return path.join(configHome, 'autostart', DESKTOP_FILE);
}

/** Quote one Exec argument as the Desktop Entry spec asks. */
export function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_./=:@+-]+$/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(execPath: string, args: readonly string[]): string {
  const exec = [execPath, ...args].map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Stockroom',
    'Comment=Low-stock alerts for your shop',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function setLaunchAtLogin(enabled: boolean, deps: LaunchAtLoginDeps): void {
  if (deps.platform === 'linux') {
    const file = autostartFile(deps.env, deps.homeDir);
    if (!enabled) {
      deps.fs.rmSync(file, { force: true });
      return;
    }
    deps.fs.mkdirSync(path.dirname(file), { recursive: true });
    deps.fs.writeFileSync(file, autostartEntry(deps.env.APPIMAGE || deps.execPath, [HIDDEN_ARG]));
    return;
  }
  deps.app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
}

export function getLaunchAtLogin(deps: LaunchAtLoginDeps): boolean {
  if (deps.platform === 'linux') return deps.fs.existsSync(autostartFile(deps.env, deps.homeDir));
  return deps.app.getLoginItemSettings().openAtLogin;
}
