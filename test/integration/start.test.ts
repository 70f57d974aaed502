/**
 * `npm start` / `npm run start:web` (scripts/start.ts) as a person runs it:
 * the real sync server on a fresh data dir, the renderer on 127.0.0.1, the
 * Electron shell when a binary exists (a stand-in here), the web UI
 * otherwise; Ctrl-C stops everything.
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

describe('scripts/start.ts', () => {
  it('--web: starts the server on ./data, prints the owner code and the address, stops on Ctrl-C', async () => {
    const data = tmp();
    const s = start(['--web'], { STOCKROOM_DATA: data });
    const [, serverUrl] = await s.waitFor(/Sync server: (http:\/\/127\.0\.0\.1:\d+)/);
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
    await again.waitFor(/Open Stockroom in your browser/);
    expect(again.output()).not.toMatch(/Owner pairing code/);
    expect(await stopWithCtrlC(again)).toBe(0);
  }, 120_000);

  it('without an Electron binary: says so in one sentence and serves the web UI', async () => {
    const s = start([], { STOCKROOM_DATA: tmp(), ELECTRON_OVERRIDE_DIST_PATH: tmp() });
    const [line] = await s.waitFor(/^The Electron desktop shell is not available[^\n]*\n/m);
    expect(line!.trim().split(/(?<=\.)\s/)).toHaveLength(1);
    const [, address] = await s.waitFor(/Open Stockroom in your browser: (\S+)/);
    expect((await fetch(address!)).status).toBe(200);
    expect(await stopWithCtrlC(s)).toBe(0);
  }, 120_000);

  it('with an Electron binary: launches it on the renderer and the server, and stops it on Ctrl-C', async () => {
    // A stand-in binary that records how it was started and waits to be stopped.
    const dist = tmp();
    const record = path.join(dist, 'started.json');
    fs.writeFileSync(
      path.join(dist, 'electron'),
      `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), url: process.env.STOCKROOM_RENDERER_URL }));\nprocess.on('SIGTERM', () => { require('fs').appendFileSync(${JSON.stringify(record)}, '\\nSIGTERM'); process.exit(0); });\nsetInterval(() => {}, 1000);\n`,
      { mode: 0o755 },
    );
    const remote = 'http://127.0.0.1:9'; // remote server configured: none is started
    const s = start([], { STOCKROOM_DATA: tmp(), ELECTRON_OVERRIDE_DIST_PATH: dist, STOCKROOM_SERVER_URL: remote });
    await s.waitFor(/running in its desktop window/, 90_000);
    expect(s.output()).toContain(`Using the sync server at ${remote}`);
    expect(s.output()).not.toMatch(/Sync server: /);
    await expect.poll(() => fs.existsSync(record)).toBe(true);
    const started = JSON.parse(fs.readFileSync(record, 'utf8').split('\n')[0]!) as { argv: string[]; url: string };
    expect(started.argv.map((a) => path.resolve(a))).toEqual([path.resolve(repoRoot)]);
    const url = new URL(started.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('server')).toBe(remote);
    expect((await fetch(url)).status).toBe(200);
    expect(fs.existsSync(path.join(repoRoot, 'dist-electron', 'main.cjs'))).toBe(true);

    expect(await stopWithCtrlC(s)).toBe(0);
    expect(fs.readFileSync(record, 'utf8')).toContain('SIGTERM');
  }, 120_000);
});
