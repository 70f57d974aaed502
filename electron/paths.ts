import path from 'node:path';
import { APP_URL } from './app-protocol.js';

export interface ShellPaths {
  preload: string;
  rendererRoot: string;
  /** What the window loads: the packaged renderer, or a local dev server (npm start). */
  rendererUrl: string;
  icon: string;
  settingsFile: string;
}

/** Only a dev server on this machine may replace the packaged renderer. */
export function isLocalDevUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/**
 * Every path the shell needs, from where main.cjs sits (dist-electron/) and
 * the environment. Pure so main.ts stays composition only.
 */
export function resolveShellPaths(opts: {
  mainDir: string;
  userDataDir: string;
  env: Record<string, string | undefined>;
}): ShellPaths {
  const appRoot = path.resolve(opts.mainDir, '..');
  const devUrl = opts.env.STOCKROOM_RENDERER_URL;
  return {
    preload: path.join(opts.mainDir, 'preload.cjs'),
    rendererRoot: path.join(appRoot, 'dist', 'renderer'),
    rendererUrl: devUrl && isLocalDevUrl(devUrl) ? devUrl : APP_URL,
    icon: path.join(appRoot, 'build', 'icon.png'),
    settingsFile: path.join(opts.userDataDir, 'settings.json'),
  };
}
