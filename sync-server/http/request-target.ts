/**
 * The request target of an HTTP request, parsed without ever throwing (`new URL(req.url, base)`
 * throws for `//`, `//?x`, `///` or `/\\`, which crashed the request listener). Only the
 * origin form (`/path?query`) is served; the path is kept raw (percent-escapes included) for
 * routing, so `/trpc/%2e%2e` never becomes another route.
 */
export interface RequestTarget {
  /** Raw path, as sent (starts with "/"). */
  path: string;
  query: URLSearchParams;
}

const MAX_TARGET_LENGTH = 16_384;

export function parseRequestTarget(raw: string | undefined): RequestTarget | null {
  if (!raw || raw.length > MAX_TARGET_LENGTH || raw[0] !== '/') return null;
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const hash = path.indexOf('#');
  return {
    path: hash < 0 ? path : path.slice(0, hash),
    // URLSearchParams never throws: malformed escapes are kept as they are.
    query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)),
  };
}
