import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary.js';
import { lanAddresses, lanAppAddress } from '../../sync-server/net/lan-addresses.js';
import { rendererBuildState } from './renderer-build.js';
import { startStaticServer } from './static-server.js';
import { localUrlOf } from './sync-server-process.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-start-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('findElectronBinary', () => {
  it('reports a missing binary without trying to download it', () => {
    const root = tmp();
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    const pkg = path.join(root, 'node_modules', 'electron');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron","main":"index.js"}');
    // index.js would download: make it explode if anything requires it
    fs.writeFileSync(path.join(pkg, 'index.js'), 'throw new Error("downloading")');
    expect(findElectronBinary(root, {})).toEqual({ ok: false, reason: 'the Electron binary was never downloaded' });

    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    expect(findElectronBinary(root, {})).toMatchObject({ ok: false });
    fs.mkdirSync(path.join(pkg, 'dist'));
    fs.writeFileSync(path.join(pkg, 'dist', 'electron'), '');
    expect(findElectronBinary(root, {})).toEqual({ ok: true, path: path.join(pkg, 'dist', 'electron') });

    const override = tmp();
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: override }).ok).toBe(false);
    fs.writeFileSync(path.join(override, 'electron'), '');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: override })).toEqual({ ok: true, path: path.join(override, 'electron') });
  });

  it('says so when the package is absent', () => {
    const root = tmp();
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    expect(findElectronBinary(root, {})).toEqual({ ok: false, reason: 'the electron package is not installed' });
  });
});

describe('static server', () => {
  it('serves the built renderer over real HTTP on 127.0.0.1', async () => {
    const root = tmp();
    fs.writeFileSync(path.join(root, 'index.html'), '<title>Stockroom</title>');
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    const s = await startStaticServer(root, 0);
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const index = await fetch(s.url);
      expect(index.headers.get('content-type')).toContain('text/html');
      expect(await index.text()).toBe('<title>Stockroom</title>');
      expect((await fetch(`${s.url}assets/app.js`)).headers.get('content-type')).toContain('javascript');
      expect(await (await fetch(`${s.url}counter`)).text()).toBe('<title>Stockroom</title>');
      expect((await fetch(`${s.url}missing.js`)).status).toBe(404);
      expect((await fetch(`${s.url}x`, { method: 'POST' })).status).toBe(405);
    } finally {
      await s.close();
    }
  });
});

describe('rendererBuildState', () => {
  const at = (file: string, seconds: number) => fs.utimesSync(file, seconds, seconds);
  function project() {
    const root = tmp();
    fs.mkdirSync(path.join(root, 'renderer', 'screens'), { recursive: true });
    fs.mkdirSync(path.join(root, 'shared'));
    for (const f of ['renderer/screens/a.tsx', 'shared/b.ts', 'vite.config.ts', 'package-lock.json']) {
      fs.writeFileSync(path.join(root, f), '');
      at(path.join(root, f), 1000);
    }
    for (const d of ['renderer/screens', 'renderer', 'shared']) at(path.join(root, d), 1000);
    return root;
  }

  it('is missing without dist/renderer/index.html, fresh when it is newer than every source', () => {
    const root = project();
    expect(rendererBuildState(root)).toEqual({ fresh: false, reason: 'missing' });
    const index = path.join(root, 'dist', 'renderer', 'index.html');
    fs.mkdirSync(path.dirname(index), { recursive: true });
    fs.writeFileSync(index, '');
    at(index, 2000);
    expect(rendererBuildState(root)).toEqual({ fresh: true });
  });

  it.each(['renderer/screens/a.tsx', 'shared/b.ts', 'vite.config.ts', 'package-lock.json'])('is stale when %s changed after the build', (file) => {
    const root = project();
    const index = path.join(root, 'dist', 'renderer', 'index.html');
    fs.mkdirSync(path.dirname(index), { recursive: true });
    fs.writeFileSync(index, '');
    at(index, 2000);
    at(path.join(root, file), 3000);
    expect(rendererBuildState(root)).toEqual({ fresh: false, reason: 'stale' });
  });

  it('is stale when a source was deleted (its folder changed)', () => {
    const root = project();
    const index = path.join(root, 'dist', 'renderer', 'index.html');
    fs.mkdirSync(path.dirname(index), { recursive: true });
    fs.writeFileSync(index, '');
    at(index, 2000);
    fs.rmSync(path.join(root, 'shared', 'b.ts')); // the folder's mtime is now
    expect(rendererBuildState(root)).toEqual({ fresh: false, reason: 'stale' });
  });
});

describe('LAN addresses', () => {
  const nic = (address: string, family: 'IPv4' | 'IPv6', internal: boolean): os.NetworkInterfaceInfo =>
    ({ address, family, internal, netmask: '', mac: '', cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) }) as os.NetworkInterfaceInfo;

  it('lists non-internal IPv4 addresses once, link-local ones last', () => {
    expect(
      lanAddresses({
        lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
        eth0: [nic('169.254.3.4', 'IPv4', false), nic('192.168.1.20', 'IPv4', false), nic('fe80::1', 'IPv6', false)],
        wlan0: [nic('10.0.0.7', 'IPv4', false), nic('192.168.1.20', 'IPv4', false)],
      }),
    ).toEqual(['192.168.1.20', '10.0.0.7', '169.254.3.4']);
    expect(lanAddresses({ lo: [nic('127.0.0.1', 'IPv4', true)] })).toEqual([]);
  });

  it('gives other tills the server itself, told which server to pair with', () => {
    expect(lanAppAddress('192.168.1.20', 4000)).toBe('http://192.168.1.20:4000/?server=http://192.168.1.20:4000');
    expect(new URL(lanAppAddress('10.0.0.7', 4100)).searchParams.get('server')).toBe('http://10.0.0.7:4100');
  });

  it('opens a server bound to every interface on loopback from this machine', () => {
    expect(localUrlOf('http://0.0.0.0:4000')).toBe('http://127.0.0.1:4000');
    expect(localUrlOf('http://[::]:4000')).toBe('http://[::1]:4000');
    expect(localUrlOf('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
    expect(localUrlOf('https://192.168.1.20:4443')).toBe('https://192.168.1.20:4443');
  });
});
