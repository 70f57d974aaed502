import type { ServerResponse } from 'node:http';

/**
 * CORS for an origin the origin policy allowed (origin-policy.ts): echoed, never `*`, so a
 * page of any other origin cannot read an answer (nor, since the policy refuses it first,
 * cause any work).
 */
export function applyCors(res: ServerResponse, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', origin);
  keepVaryOrigin(res);
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-stockroom-protocol, Last-Event-ID, trpc-accept');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Max-Age', '86400');
}

/** tRPC sets its own `Vary` later; the answer also varies with the Origin it echoes. */
function keepVaryOrigin(res: ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => {
    if (name.toLowerCase() !== 'vary') return setHeader(name, value);
    const values = (Array.isArray(value) ? value.join(',') : String(value)).split(',').map((v) => v.trim()).filter(Boolean);
    return setHeader(name, [...new Set(['Origin', ...values])].join(', '));
  };
  res.setHeader('Vary', 'Origin');
}
