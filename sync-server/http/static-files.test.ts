import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticFiles, safeSegments } from './static-files.js';

describe('static files: the one module behind --web, npm start and app://', () => {
  let root: string;
  let web: string;
  beforeAll(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-static-')));
    web = path.join(root, 'web');
    fs.mkdirSync(path.join(web, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(web, 'index.html'), 'app');
    fs.writeFileSync(path.join(web, 'assets', 'a b.js'), 'js');
    fs.mkdirSync(path.join(root, 'web-private'));
    fs.writeFileSync(path.join(root, 'web-private', 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(root, 'web-private'), path.join(web, 'escape'));
    fs.symlinkSync(path.join(web, 'assets', 'a b.js'), path.join(web, 'inside.js'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('maps paths to files inside the folder, and app routes to the app', () => {
    const files = createStaticFiles(web);
    expect(files.resolve('/')).toBe(path.join(web, 'index.html'));
    expect(files.resolve('/assets/a%20b.js')).toBe(path.join(web, 'assets', 'a b.js'));
    expect(files.resolve('/counter')).toBe(path.join(web, 'index.html'));
    expect(files.resolve('/inside.js')).toBe(path.join(web, 'assets', 'a b.js'));
    expect(files.resolve('/missing.js')).toBeNull();
  });

  it('never leaves the folder: prefix siblings, encoded dots and slashes, backslashes, NUL, symlinks', () => {
    const files = createStaticFiles(web);
    for (const attempt of [
      '/..%2fweb-private%2fsecret.txt', '/../web-private/secret.txt', '/%2e%2e/web-private/secret.txt', '/%2E%2E%2Fweb-private/secret.txt',
      '/..%5cweb-private%5csecret.txt', '/..\\web-private\\secret.txt', '/assets/%00', '/%', '/%zz', '/escape/secret.txt',
      `/${encodeURIComponent(path.join(root, 'web-private', 'secret.txt'))}`, '/C:%5cwindows', '/.hidden', '/assets/..',
    ]) {
      expect(files.resolve(attempt), attempt).toBeNull();
    }
  });

  it('splits after decoding, once', () => {
    expect(safeSegments('/a/b%2fc')).toEqual(['a', 'b', 'c']);
    expect(safeSegments('/a/%252e%252e')).toEqual(['a', '%2e%2e']);
    expect(safeSegments('/a/..%2f')).toBeNull();
    expect(safeSegments('/%E0%A4%A')).toBeNull();
  });

  it('serves nothing when the folder does not exist (yet)', () => {
    const files = createStaticFiles(path.join(root, 'not-built'));
    expect(files.resolve('/')).toBeNull();
    fs.mkdirSync(path.join(root, 'not-built'));
    fs.writeFileSync(path.join(root, 'not-built', 'index.html'), 'late');
    expect(files.resolve('/')).toBe(path.join(root, 'not-built', 'index.html'));
  });
});
