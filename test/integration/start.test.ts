/**
 * `npm start` / `npm run start:web` (scripts/start.ts) as a person runs it:
 * the real sync server on a fresh data dir, the production build of the
 * renderer on 127.0.0.1 (built first when missing or stale; `--dev`: Vite's
 * dev server), the Electron shell when a binary exists (a stand-in here), the
 * web UI otherwise; `--lan` opens the server to this machine's networks with
 * the web UI on it; Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

interface Started {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
}

const running: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of running.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-start-it-'));
  dirs.push(d);
  return d;
}

function start(args: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, STOCKROOM_PORT: '0', STOCKROOM_WEB_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  return {
    child,
    output: () => text,
    async waitFor(pattern, ms = 60_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const m = pattern.exec(text);
        if (m) return m;
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${pattern} in:\n${text}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

async function stopWithCtrlC(s: Started): Promise<number | null> {
  s.child.kill('SIGINT');
  const [code] = (await Promise.race([once(s.child, 'exit'), new Promise((_, rej) => setTimeout(() => rej(new Error('did not stop')), 20_000))])) as [number | null];
  return code;
}

const reachable = (url: string) => fetch(url).then((r) => r.ok, () => false);

// The first start may build dist/renderer (vite build) before anything listens.
const FIRST_LINE_MS = 240_000;
const builtIndex = () => fs.readFileSync(path.join(repoRoot, 'dist', 'renderer', 'index.html'), 'utf8');

/** A non-loopback IPv4 address of this machine, as another till on its network would use it. */
function lanAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

/** auth.pair as a web page of `origin` sends it (fetch in a browser adds Origin). */
function pairFrom(serverUrl: string, origin: string, code: string) {
  return fetch(`${serverUrl}/trpc/auth.pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ code, deviceName: `till on ${origin}` }),
  });
}

describe('scripts/start.ts', () => {
  it('--web: starts the server on ./data, prints the owner code and the address, stops on Ctrl-C', async () => {
    const data = tmp();
    const s = start(['--web'], { STOCKROOM_DATA: data });
    const [, serverUrl] = await s.waitFor(/Sync server: (http:\/\/127\.0\.0\.1:\d+)/, FIRST_LINE_MS);
    await s.waitFor(/Owner pairing code: [A-Z0-9]{5}-[A-Z0-9]{5}/);
    const [, address] = await s.waitFor(/Open Stockroom in your browser: (http:\/\/127\.0\.0\.1:\d+\/\?server=\S+)/);
    expect(new URL(address!).searchParams.get('server')).toBe(serverUrl);
    expect(s.output()).not.toMatch(/Electron/);

    const page = await fetch(address!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(await reachable(`${serverUrl}/healthz`)).toBe(true);
    expect(fs.existsSync(path.join(data, 'stockroom.sqlite'))).toBe(true);

    expect(await stopWithCtrlC(s)).toBe(0);
    expect(await reachable(`${serverUrl}/healthz`)).toBe(false);
    expect(await reachable(address!)).toBe(false);

    // Second start on the same data: no new owner code.
    const again = start(['--web'], { STOCKROOM_DATA: data });
    await again.waitFor(/Open Stockroom in your browser/, FIRST_LINE_MS);
    expect(again.output()).not.toMatch(/Owner pairing code/);
    expect(await stopWithCtrlC(again)).toBe(0);
  }, 360_000);

  it('without an Electron binary: says so in one sentence and serves the web UI', async () => {
    const s = start([], { STOCKROOM_DATA: tmp(), ELECTRON_OVERRIDE_DIST_PATH: tmp() });
    const [line] = await s.waitFor(/^The Electron desktop shell is not available[^\n]*\n/m, FIRST_LINE_MS);
    expect(line!.trim().split(/(?<=\.)\s/)).toHaveLength(1);
    const [, address] = await s.waitFor(/Open Stockroom in your browser: (\S+)/);
    expect((await fetch(address!)).status).toBe(200);
    expect(await stopWithCtrlC(s)).toBe(0);
  }, 360_000);

  it('with an Electron binary: launches it on the renderer and the server, and stops it on Ctrl-C', async () => {
    // A stand-in binary that records how it was started and waits to be stopped.
    const dist = tmp();
    const record = path.join(dist, 'started.json');
    fs.writeFileSync(
      path.join(dist, 'electron'),
      // Written aside and renamed: the test sees the record whole or not at all.
      `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(`${record}.part`)}, JSON.stringify({ argv: process.argv.slice(2), url: process.env.STOCKROOM_RENDERER_URL }));\nrequire('fs').renameSync(${JSON.stringify(`${record}.part`)}, ${JSON.stringify(record)});\nprocess.on('SIGTERM', () => { require('fs').appendFileSync(${JSON.stringify(record)}, '\\nSIGTERM'); process.exit(0); });\nsetInterval(() => {}, 1000);\n`,
      { mode: 0o755 },
    );
    const remote = 'http://127.0.0.1:9'; // remote server configured: none is started
    const s = start([], { STOCKROOM_DATA: tmp(), ELECTRON_OVERRIDE_DIST_PATH: dist, STOCKROOM_SERVER_URL: remote });
    await s.waitFor(/running in its desktop window/, FIRST_LINE_MS);
    expect(s.output()).toContain(`Using the sync server at ${remote}`);
    expect(s.output()).not.toMatch(/Sync server: /);
    await expect.poll(() => fs.existsSync(record)).toBe(true);
    const started = JSON.parse(fs.readFileSync(record, 'utf8').split('\n')[0]!) as { argv: string[]; url: string };
    expect(started.argv.map((a) => path.resolve(a))).toEqual([path.resolve(repoRoot)]);
    const url = new URL(started.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('server')).toBe(remote);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(builtIndex()); // the production build, as in the browser
    expect(fs.existsSync(path.join(repoRoot, 'dist-electron', 'main.cjs'))).toBe(true);

    expect(await stopWithCtrlC(s)).toBe(0);
    expect(fs.readFileSync(record, 'utf8')).toContain('SIGTERM');
  }, 360_000);

  it('serves the production build (dist/renderer, built when missing or stale), not the Vite dev server', async () => {
    const s = start(['--web'], { STOCKROOM_DATA: tmp() });
    const [, serverUrl] = await s.waitFor(/Sync server: (http:\/\/127\.0\.0\.1:\d+)/, FIRST_LINE_MS);
    const [, code] = await s.waitFor(/Owner pairing code: (\S+)/);
    const [, address] = await s.waitFor(/Open Stockroom in your browser: (\S+)/);
    // A build, when one was needed, said so in one line before anything else started.
    const before = s.output().slice(0, s.output().indexOf('Sync server:'));
    expect(before.trim().split('\n').filter(Boolean).every((l) => /^Building the app… \(.+\)$/.test(l))).toBe(true);
    expect(before.trim().split('\n').filter(Boolean).length).toBeLessThanOrEqual(1);
    // Nobody else can reach this server, and the output says how to change that.
    expect(s.output()).toMatch(/^Other tills cannot reach this server[^\n]*`npm run app -- --lan`[^\n]*$/m);

    const html = await (await fetch(address!)).text();
    expect(html).toBe(builtIndex());
    expect(html).not.toContain('/@vite/client');
    const script = /<script type="module"[^>]* src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const bundle = await fetch(new URL(script!, address!));
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    // The page's origin (loopback, any port) may use the server: it pairs with the owner code.
    const origin = new URL(address!).origin;
    const paired = await pairFrom(serverUrl!, origin, code!);
    expect(paired.status).toBe(200);
    expect(paired.headers.get('access-control-allow-origin')).toBe(origin);
    // The server itself serves no UI (no --web) and listens on loopback only.
    expect((await fetch(`${serverUrl}/`)).status).toBe(404);
    const lan = lanAddress();
    if (lan) expect(await reachable(`http://${lan}:${new URL(serverUrl!).port}/healthz`)).toBe(false);
    expect(await stopWithCtrlC(s)).toBe(0);
  }, 360_000);

  it('--dev: the Vite dev server serves the renderer from its sources', async () => {
    const s = start(['--web', '--dev'], { STOCKROOM_DATA: tmp() });
    const [, address] = await s.waitFor(/Open Stockroom in your browser: (\S+)/, FIRST_LINE_MS);
    expect(s.output()).not.toMatch(/Building the app/);
    const html = await (await fetch(address!)).text();
    expect(html).toContain('/@vite/client');
    expect(html).toContain('<div id="root">');
    expect(await stopWithCtrlC(s)).toBe(0);
  }, 360_000);

  it('--lan: the server answers on this machine\'s network address with the web UI, and says what other tills open', async () => {
    const s = start(['--web', '--lan'], { STOCKROOM_DATA: tmp() });
    const [, serverUrl, port] = await s.waitFor(/Sync server: (http:\/\/127\.0\.0\.1:(\d+)) \(listening on every network of this computer, http:\/\/0\.0\.0\.0:(?:\d+);/, FIRST_LINE_MS);
    const [, code] = await s.waitFor(/Owner pairing code: (\S+)/);
    const [, address] = await s.waitFor(/Open Stockroom in your browser: (\S+)/);
    expect(s.output()).not.toMatch(/Other tills cannot reach/);
    expect(s.output()).toMatch(/^ *Only do this on a network you trust: [^\n]*plain http[^\n]*--tls-cert F --tls-key F\)\.$/m);

    let lan = lanAddress();
    if (lan) {
      // Every non-loopback IPv4 address is printed as what another till opens.
      const printed = [...s.output().matchAll(/^ +(http:\/\/(\S+?):(\d+)\/\?server=(\S+))$/gm)];
      expect(printed.map((m) => m[2])).toContain(lan);
      for (const m of printed) {
        expect(m[3]).toBe(port);
        expect(new URL(m[1]!).searchParams.get('server')).toBe(`http://${m[2]}:${port}`);
      }
    } else {
      console.log('start.test: this machine has no non-loopback IPv4 address; checking the 0.0.0.0 binding through 127.0.0.1 instead');
      expect(s.output()).toMatch(/no network address right now/);
      lan = '127.0.0.1';
    }
    const lanServer = `http://${lan}:${port}`;

    // What another till sees: the production web UI at / of the server itself …
    const page = await fetch(`${lanServer}/?server=${lanServer}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toBe(builtIndex());
    expect(html).not.toContain('/@vite/client');
    expect(await reachable(`${lanServer}/healthz`)).toBe(true);
    // … whose pages (the server's own origin on this machine's address) may use it: they pair.
    const evil = await pairFrom(lanServer, 'http://evil.example', code!);
    expect(evil.status).toBe(403);
    const paired = await pairFrom(lanServer, lanServer, code!);
    expect(paired.status).toBe(200);
    expect(paired.headers.get('access-control-allow-origin')).toBe(lanServer);

    // This machine's own browser keeps its loopback renderer and server addresses, and may use the server.
    const local = new URL(address!);
    expect(local.hostname).toBe('127.0.0.1');
    expect(local.port).not.toBe(port);
    expect(local.searchParams.get('server')).toBe(serverUrl);
    expect(await (await fetch(local)).text()).toBe(builtIndex());
    const fromLocal = await fetch(`${serverUrl}/healthz`, { headers: { origin: local.origin } });
    expect(fromLocal.status).toBe(200);
    expect(fromLocal.headers.get('access-control-allow-origin')).toBe(local.origin);

    expect(await stopWithCtrlC(s)).toBe(0);
    expect(await reachable(`${lanServer}/healthz`)).toBe(false);
  }, 360_000);
});
