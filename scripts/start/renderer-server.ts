import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startStaticServer } from './static-server.js';

export interface RendererServer {
  url: string;
  kind: 'vite' | 'static';
  close(): Promise<void>;
}

/**
 * Serve the renderer on 127.0.0.1: with `static` (what `npm start` does) a small static
 * server over the production build in dist/renderer (renderer-build.ts makes it), or the
 * Vite dev server (`npm start -- --dev`, same config as the build).
 * The port should stay the same between starts: the local database lives in
 * IndexedDB, which belongs to the page's origin (scheme, host and port).
 */
export async function startRendererServer(opts: {
  projectRoot: string;
  port: number;
  static: boolean;
}): Promise<RendererServer> {
  if (opts.static) {
    const dir = path.join(opts.projectRoot, 'dist', 'renderer');
    if (!fs.existsSync(path.join(dir, 'index.html'))) {
      throw new Error('dist/renderer is not built: run `npm run build:renderer`');
    }
    const s = await startStaticServer(dir, opts.port);
    return { ...s, kind: 'static' };
  }
  const { createServer } = await import('vite');
  // Vite reads port 0 as "default (5173)": ask the OS for a free port instead.
  const port = opts.port === 0 ? await freePort() : opts.port;
  const vite = await createServer({
    root: undefined, // vite.config.ts decides
    configFile: fs.existsSync(path.join(opts.projectRoot, 'vite.config.ts'))
      ? path.join(opts.projectRoot, 'vite.config.ts')
      : false,
    server: { host: '127.0.0.1', port, strictPort: opts.port === 0 },
    clearScreen: false,
    logLevel: 'warn',
  });
  await vite.listen();
  const url = vite.resolvedUrls?.local[0];
  if (!url) {
    await vite.close();
    throw new Error('the Vite dev server did not report its address');
  }
  return { url, kind: 'vite', close: () => vite.close() };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
