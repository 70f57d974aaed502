import { startStaticServer } from '../../../scripts/start/static-server.js';
import { rendererDist } from './renderer-build.js';

/**
 * The built renderer on its own origin (127.0.0.1, random port), not through
 * `serve --web`: the offline tests stop the sync server and then reload the
 * page, which must still load, as an installed app would.
 */
export async function startWebServer(root: string = rendererDist): Promise<{ url: string; close(): Promise<void> }> {
  const web = await startStaticServer(root, 0);
  return { url: web.url.replace(/\/+$/, ''), close: web.close };
}
