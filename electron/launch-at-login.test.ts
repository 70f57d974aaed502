import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autostartEntry, autostartFile, getLaunchAtLogin, quoteExecArg, setLaunchAtLogin, type LaunchAtLoginDeps } from './launch-at-login.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function deps(platform: NodeJS.Platform, env: Record<string, string | undefined> = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-login-'));
  dirs.push(home);
  const loginItems: Array<{ openAtLogin: boolean; args?: string[] }> = [];
  const d: LaunchAtLoginDeps = {
    platform,
    app: {
      setLoginItemSettings: (s) => void loginItems.push(s),
      getLoginItemSettings: () => ({ openAtLogin: loginItems.at(-1)?.openAtLogin ?? false }),
    },
    fs,
    env,
    homeDir: home,
    execPath: '/opt/Stockroom/stockroom',
  };
  return { d, home, loginItems };
}

describe('launch at login', () => {
  it('writes and removes an XDG autostart entry on Linux, started hidden', () => {
    const { d, home } = deps('linux');
    const file = path.join(home, '.config', 'autostart', 'com.stockroom.app.desktop');
    expect(getLaunchAtLogin(d)).toBe(false);
    setLaunchAtLogin(true, d);
    expect(fs.readFileSync(file, 'utf8')).toContain('Exec=/opt/Stockroom/stockroom --hidden\n');
    expect(getLaunchAtLogin(d)).toBe(true);
    setLaunchAtLogin(false, d);
    expect(fs.existsSync(file)).toBe(false);
    expect(getLaunchAtLogin(d)).toBe(false);
  });

  it('starts an AppImage through $APPIMAGE and honours XDG_CONFIG_HOME', () => {
    const { d, home } = deps('linux');
    d.env = { APPIMAGE: '/home/me/Apps/Stock room.AppImage', XDG_CONFIG_HOME: path.join(home, 'cfg') };
    setLaunchAtLogin(true, d);
    const text = fs.readFileSync(autostartFile(d.env, home), 'utf8');
    expect(autostartFile(d.env, home)).toBe(path.join(home, 'cfg', 'autostart', 'com.stockroom.app.desktop'));
    expect(text).toContain('Exec="/home/me/Apps/Stock room.AppImage" --hidden');
  });

  it('uses login items on macOS and Windows', () => {
    const { d, loginItems } = deps('darwin');
    setLaunchAtLogin(true, d);
    expect(loginItems).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
    expect(getLaunchAtLogin(d)).toBe(true);
    setLaunchAtLogin(false, { ...d, platform: 'win32' });
    expect(getLaunchAtLogin(d)).toBe(false);
  });

  it('quotes Exec arguments as the Desktop Entry spec asks', () => {
    expect(quoteExecArg('/usr/bin/stockroom')).toBe('/usr/bin/stockroom');
    expect(quoteExecArg('a "b" $c')).toBe('"a \\"b\\" \\$c"');
    expect(autostartEntry('/x', [])).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
  });
});
