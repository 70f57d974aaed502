import fs from 'node:fs';
import path from 'node:path';

/**
 * Settings the shell keeps for the renderer (alerts, quiet hours…) plus its
 * own (`launchAtLogin`, `closeToTray`), as one JSON file in userData. Written
 * atomically (temp file + rename) so a crash never leaves half a file.
 */
export type ShellSettings = Record<string, unknown>;

export interface SettingsStore {
  get(): ShellSettings;
  set(settings: ShellSettings): void;
}

export function createSettingsStore(file: string): SettingsStore {
  let cache: ShellSettings | null = null;
  return {
    get() {
      if (cache) return cache;
      try {
        const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
        cache = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as ShellSettings) : {};
      } catch {
        cache = {}; // missing or corrupt: start from defaults
      }
      return cache;
    },
    set(settings) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(settings, null, 2));
      fs.renameSync(tmp, file);
      cache = settings;
    },
  };
}

/** Shell-owned keys read from the shared settings record. */
export function shellFlags(settings: ShellSettings): { launchAtLogin: boolean; closeToTray: boolean } {
  return {
    launchAtLogin: settings.launchAtLogin === true,
    closeToTray: settings.closeToTray !== false,
  };
}
