import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A web folder next to a private folder whose name it is a prefix of (/x/web vs /x/web-private). */
export function makeWebDirs(): { root: string; web: string; secret: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-web-'));
  const web = path.join(root, 'web');
  fs.mkdirSync(path.join(web, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(web, 'index.html'), '<title>Stockroom</title>');
  fs.writeFileSync(path.join(web, 'assets', 'app.js'), 'console.log("app")');
  fs.mkdirSync(path.join(root, 'web-private'));
  const secret = `SECRET-${process.pid}-${Date.now()}`;
  fs.writeFileSync(path.join(root, 'web-private', 'secret.txt'), secret);
  fs.writeFileSync(path.join(root, 'secret.txt'), secret);
  fs.symlinkSync(path.join(root, 'web-private', 'secret.txt'), path.join(web, 'link.txt'));
  return { root, web, secret };
}
