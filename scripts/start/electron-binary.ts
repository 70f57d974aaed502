import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Where the Electron binary is, without `require('electron')`: that call
 * tries to download Electron when it is missing, which hangs offline.
 */
export function findElectronBinary(projectRoot: string, env: Record<string, string | undefined>): ElectronBinary {
  let packageDir: string;
  try {
    const require = createRequire(path.join(projectRoot, 'package.json'));
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
    return fs.existsSync(p) ? { ok: true, path: p } : { ok: false, reason: `no Electron binary at ${p}` };
  }
  if (!executable) return { ok: false, reason: 'the Electron binary was never downloaded' };
  const p = path.join(packageDir, 'dist', executable);
  return fs.existsSync(p) ? { ok: true, path: p } : { ok: false, reason: `the Electron binary is missing (${p})` };
}
