import { pathToFileURL } from 'node:url';
import { createStaticFiles, type StaticFiles } from '../sync-server/http/static-files.js';

/**
 * The packaged renderer is served from `app://stockroom/` rather than file://,
 * so it has a real origin (IndexedDB, CORS with the sync server) and a request
 * can never reach files outside the renderer folder.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'stockroom';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Registered before the app is ready (Electron requires it). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
};

/**
 * Map a request URL to a file under `root`, or null when it is not ours or would
 * leave the folder (the project's one static-file module decides). The routes are
 * hash based, so "/" serves index.html.
 */
export function resolveAppAsset(files: StaticFiles, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  return files.resolve(url.pathname);
}

export interface ProtocolLike {
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

export function registerAppProtocol(
  protocol: ProtocolLike,
  root: string,
  fetchFile: (fileUrl: string) => Promise<Response>,
): void {
  const files = createStaticFiles(root);
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(files, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      return await fetchFile(pathToFileURL(file).toString());
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
