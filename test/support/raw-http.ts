import net from 'node:net';

/**
 * HTTP as an attacker or a broken client writes it: bytes on a socket, no client library
 * to normalize paths or refuse bad headers (fetch would never send `GET //` or `/..%2f`).
 */
export interface RawResponse {
  /** Status code, or null when the server closed without an answer. */
  status: number | null;
  headers: Record<string, string>;
  body: string;
}

export function rawRequest(port: number, request: string | Buffer, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(String(request).slice(0, 120))}`));
    }, timeoutMs);
    // Written, not ended: a half-closed socket may lose a response still being streamed.
    socket.on('connect', () => socket.write(request));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined); // a reset after the answer is still an answer
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseResponse(Buffer.concat(chunks).toString('latin1')));
    });
  });
}

export function parseResponse(text: string): RawResponse {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  if (!m) return { status: null, headers: {}, body: text };
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(m[1]), headers, body: end < 0 ? '' : text.slice(end + 4) };
}

/** `GET <target>` with a Host header (or the given headers) and nothing else. */
export function rawGet(port: number, target: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const all = { Host: `127.0.0.1:${port}`, Connection: 'close', ...headers };
  const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}`);
  return rawRequest(port, `GET ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
}
