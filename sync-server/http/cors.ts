import type { IncomingMessage, ServerResponse } from 'node:http';

/** The web UI is served from another origin; auth is a bearer token, so `*` is safe (no cookies). */
export function applyCors(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-stockroom-protocol, Last-Event-ID, trpc-accept');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Max-Age', '86400');
}

/** Answers a CORS preflight; returns true when the request was handled. */
export function handlePreflight(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'OPTIONS') return false;
  res.statusCode = 204;
  res.end();
  return true;
}
