/**
 * `npm start` (and `npm run app`) — the whole app on this machine:
 *   1. the production build of the renderer (dist/renderer, `vite build`), built first when it is
 *      missing or older than its sources (scripts/start/renderer-build.ts);
 *   2. the sync server on its embedded SQLite (./data), unless STOCKROOM_SERVER_URL names a remote
 *      one. It listens on 127.0.0.1; with `--lan` on 0.0.0.0, serving the build itself (`--web`) so
 *      other tills on the shop's network open http://<LAN address>:<port>/;
 *   3. the build on 127.0.0.1 (scripts/start/static-server.ts; `--dev`: the Vite dev server instead);
 *   4. the Electron shell on that address, or — when no Electron binary can be had, and always
 *      with `--web` — the web UI in the browser.
 * Ctrl-C stops everything.
 *
 * Flags: --web, --lan, --dev (`--static` is the default now and still accepted).
 * Env: STOCKROOM_DATA (./data), STOCKROOM_PORT (sync server, 4000), STOCKROOM_WEB_PORT (5173),
 *      STOCKROOM_SERVER_URL (use a remote server instead of starting one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.js';
import { findElectronBinary } from './start/electron-binary.js';
import { lanAddresses, lanAppAddress } from '../sync-server/net/lan-addresses.js';
import { ensureRendererBuild } from './start/renderer-build.js';
import { startRendererServer, type RendererServer } from './start/renderer-server.js';
import { startSyncServer, type SyncServerProcess } from './start/sync-server-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FLAGS = ['--web', '--lan', '--dev', '--static'];
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
let building: Promise<unknown> | null = null;
const stopBuild = new AbortController();
let stopping: Promise<void> | null = null;

function stopAll(code: number): Promise<void> {
  stopping ??= (async () => {
    stopBuild.abort();
    await building?.catch(() => {});
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

/** After a --lan start: what other tills open, and why the network must be trusted. */
function printLanAccess(port: number, blankLineBefore: boolean): void {
  const addresses = lanAddresses();
  if (blankLineBefore) console.log('');
  if (addresses.length > 0) {
    console.log('  Other tills on this network open Stockroom at:');
    for (const a of addresses) console.log(`    ${lanAppAddress(a, port)}`);
    console.log("  and pair with a code from the owner's device (Admin → Devices → new pairing code).");
  } else {
    console.log(`  This computer has no network address right now; once it joins the shop's network, other tills open http://<its address>:${port}/.`);
  }
  console.log(
    '  Only do this on a network you trust: the tills talk to this server over plain http, which anyone on the network can read; to reach it over the internet, serve HTTPS instead (npm run server -- serve --tls-cert F --tls-key F).\n',
  );
}

async function main(): Promise<void> {
  for (const a of args) if (!FLAGS.includes(a)) console.log(`Ignoring unknown option ${a} (known: --web, --lan, --dev).`);
  const dev = args.has('--dev');
  const remote = env.STOCKROOM_SERVER_URL?.trim();
  const lan = args.has('--lan') && !remote;
  if (args.has('--lan') && remote) console.log('--lan is ignored: STOCKROOM_SERVER_URL names a remote sync server, so none is started here.');

  // The production build: what this machine shows (unless --dev) and, with --lan, what the server serves.
  let webDir: string | null = null;
  if (!dev || lan) {
    const build = ensureRendererBuild(root, { signal: stopBuild.signal });
    building = build;
    webDir = (await build).dir;
    building = null;
  }

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
      ...(lan && webDir ? { host: '0.0.0.0', webDir } : {}),
      onLog: (line) => {
        // JSON log lines stay quiet unless something went wrong.
        if (!line.startsWith('{') || /"level":"(error|fatal)"/.test(line)) console.error(`[server] ${line}`);
      },
    });
    serverUrl = server.url; // this machine's own address of it (127.0.0.1), also with --lan
    const data = path.relative(root, dataDir) || '.';
    console.log(`Sync server: ${serverUrl} (${lan ? `listening on every network of this computer, ${server.listenUrl}; ` : ''}data in ${data})`);
    if (server.ownerCode) {
      console.log(`\n  Owner pairing code: ${server.ownerCode}\n  Enter it in the app to pair this device as the owner.\n`);
    }
    if (lan) printLanAccess(server.port, !server.ownerCode);
    else console.log('Other tills cannot reach this server: it only listens on this computer. To let them in, start it with `npm run app -- --lan`.');
  }

  renderer = await startRendererServer({
    projectRoot: root,
    port: port(env.STOCKROOM_WEB_PORT, 5173),
    static: !dev,
  });
  if (dev) console.log(`Development mode: the Vite dev server at ${renderer.url} serves the renderer from its sources.`);

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
  if (stopping) return; // Ctrl-C while building or starting: not a failure
  console.error(`Stockroom could not start: ${error instanceof Error ? error.message : String(error)}`);
  void stopAll(1);
});
