import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/**
 * The one static-file server of the project: the sync server's `--web`, `npm start`'s web UI
 * (scripts/start/static-server.ts) and the desktop app's `app://` protocol
 * (electron/app-protocol.ts) all map request paths to files through `resolve` below.
 * Hardened by construction, not by a prefix check:
 * - the raw path is percent-decoded once, safely (a bad escape is a 404, never a throw);
 * - it is split into segments AFTER decoding, so `..%2f` is a `..` segment, and any `..`,
 *   `.`, empty-after-decoding, dot-file, NUL, backslash or drive-letter segment is refused;
 * - the file's real path (symlinks followed) must lie inside the root's real path, compared
 *   with `path.relative`, never with `startsWith` (`/x/web` is a prefix of `/x/web-private`).
 * Unknown paths without an extension get index.html (the UI's routes are hash based).
 */
export interface StaticFiles {
  /** The file a raw (still percent-encoded) URL path maps to, or null. */
  resolve(rawPath: string): string | null;
  /** Serves GET/HEAD; returns false when the request is not for a file here. */
  serve(req: IncomingMessage, res: ServerResponse, rawPath: string): boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function decodeOnce(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The safe relative segments of a URL path, or null when any segment could leave the root. */
export function safeSegments(rawPath: string): string[] | null {
  const decoded = decodeOnce(rawPath);
  if (decoded === null || decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  for (const s of segments) {
    if (s.startsWith('.') || s.includes(':') || s.length > 255) return null;
  }
  return segments;
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export function createStaticFiles(root: string): StaticFiles {
  // Resolved on first use: the folder may appear after start (a build finishing).
  let realRoot: string | null = null;
  const rootNow = (): string | null => {
    if (realRoot === null) {
      try {
        realRoot = fs.realpathSync(root);
      } catch {
        return null;
      }
    }
    return realRoot;
  };

  function existingFile(realRoot: string, candidate: string): string | null {
    let real: string;
    try {
      real = fs.realpathSync(candidate);
    } catch {
      return null;
    }
    if (!isInside(realRoot, real)) return null;
    try {
      return fs.statSync(real).isFile() ? real : null;
    } catch {
      return null;
    }
  }

  function resolve(rawPath: string): string | null {
    const segments = safeSegments(rawPath);
    const base = rootNow();
    if (segments === null || base === null) return null;
    const index = path.join(base, 'index.html');
    if (segments.length === 0) return existingFile(base, index);
    const found = existingFile(base, path.join(base, ...segments));
    if (found) return found;
    // A route of the single-page app (no extension): the app itself.
    return path.extname(segments[segments.length - 1]!) === '' ? existingFile(base, index) : null;
  }

  return {
    resolve,
    serve(req, res, rawPath) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const file = resolve(rawPath);
      if (!file) return false;
      let size: number;
      try {
        size = fs.statSync(file).size;
      } catch {
        return false;
      }
      res.writeHead(200, {
        'Content-Type': contentTypeOf(file),
        'Content-Length': size,
        'X-Content-Type-Options': 'nosniff',
        // Vite's assets carry a content hash; the page itself must always be fresh.
        'Cache-Control': rawPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      if (req.method === 'HEAD') {
        res.end();
        return true;
      }
      const stream = fs.createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
      return true;
    },
  };
}
