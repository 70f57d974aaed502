import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseRequestTarget } from '../../sync-server/http/request-target.js';
import { createStaticFiles } from '../../sync-server/http/static-files.js';

/** The built renderer (dist/renderer) on 127.0.0.1, through the project's one static-file module. */
export async function startStaticServer(root: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const files = createStaticFiles(root);
  const server = http.createServer((req, res) => {
    const target = parseRequestTarget(req.url);
    if (!target) {
      res.writeHead(400).end('Bad request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (!files.serve(req, res, target.path)) res.writeHead(404).end('Not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
