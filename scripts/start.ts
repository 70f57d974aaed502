/**
 * `npm start` — the whole app on this machine:
 *   1. the sync server on its embedded SQLite (./data), unless STOCKROOM_SERVER_URL names a remote one;
 *   2. the renderer on 127.0.0.1 (Vite dev server; `--static` serves a built dist/renderer);
 *   3. the Electron shell, or — when no Electron binary can be had, and always with `--web` —
 *      the web UI in the browser.
 * Ctrl-C stops everything.
 *
 * Env: STOCKROOM_DATA (./data), STOCKROOM_PORT (sync server, 4000), STOCKROOM_WEB_PORT (5173),
 *      STOCKROOM_SERVER_URL (use a remote server instead of starting one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.js';
import { findElectronBinary } from './start/electron-binary.js';
import { startRendererServer, type RendererServer } from './start/renderer-server.js';
import { startSyncServer, type SyncServerProcess } from './start/sync-server-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const env = process.env;

function port(value: string | undefined, fallback: number): number {
  const n = Number(value ?? fallback);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : fallback;
}

/** The address to open: the renderer, told which sync server to pair with. */
function appAddress(rendererUrl: string, serverUrl: string): string {
  const u = new URL(rendererUrl);
  u.searchParams.set('server', serverUrl);
  return u.toString();
}

let server: SyncServerProcess | null = null;
let renderer: RendererServer | null = null;
let electron: ChildProcess | null = null;
let stopping: Promise<void> | null = null;

function stopAll(code: number): Promise<void> {
  stopping ??= (async () => {
    if (electron && electron.exitCode === null) electron.kill('SIGTERM');
    await renderer?.close().catch(() => {});
    await server?.stop().catch(() => {});
    process.exit(code);
  })();
  return stopping;
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
// Last resort if start.ts itself dies: children run in their own process groups.
process.on('exit', () => {
  for (const child of [server?.child, electron]) {
    if (child?.pid && child.exitCode === null) {
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
  }
});

async function launchElectron(binary: string, rendererUrl: string, serverUrl: string): Promise<boolean> {
  await buildElectron();
  return new Promise((resolve) => {
    const child = spawn(binary, [root], {
      cwd: root,
      stdio: 'inherit',
      detached: true,
      env: { ...env, STOCKROOM_RENDERER_URL: appAddress(rendererUrl, serverUrl) },
    });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      electron = child;
      child.once('exit', () => void stopAll(0)); // closing the app from its tray ends npm start
      resolve(true);
    });
  });
}

async function main(): Promise<void> {
  const remote = env.STOCKROOM_SERVER_URL?.trim();
  let serverUrl: string;
  if (remote) {
    serverUrl = remote.replace(/\/+$/, '');
    console.log(`Using the sync server at ${serverUrl}.`);
  } else {
    const dataDir = path.resolve(root, env.STOCKROOM_DATA ?? 'data');
    server = await startSyncServer({
      projectRoot: root,
      dataDir,
      port: port(env.STOCKROOM_PORT, 4000),
      onLog: (line) => {
        // JSON log lines stay quiet unless something went wrong.
        if (!line.startsWith('{') || /"level":"(error|fatal)"/.test(line)) console.error(`[server] ${line}`);
      },
    });
    serverUrl = server.url;
    console.log(`Sync server: ${serverUrl} (data in ${path.relative(root, dataDir) || '.'})`);
    if (server.ownerCode) {
      console.log(`\n  Owner pairing code: ${server.ownerCode}\n  Enter it in the app to pair this device as the owner.\n`);
    }
  }

  renderer = await startRendererServer({
    projectRoot: root,
    port: port(env.STOCKROOM_WEB_PORT, 5173),
    static: args.has('--static'),
  });

  if (!args.has('--web')) {
    const binary = findElectronBinary(root, env);
    if (binary.ok && (await launchElectron(binary.path, renderer.url, serverUrl))) {
      console.log('Stockroom is running in its desktop window; press Ctrl-C here to stop it.');
      return;
    }
    console.log(
      `The Electron desktop shell is not available on this machine (${binary.ok ? 'it failed to start' : binary.reason}), so Stockroom runs as a web app instead.`,
    );
  }
  console.log(`Open Stockroom in your browser: ${appAddress(renderer.url, serverUrl)}`);
  console.log('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  console.error(`Stockroom could not start: ${error instanceof Error ? error.message : String(error)}`);
  void stopAll(1);
});
