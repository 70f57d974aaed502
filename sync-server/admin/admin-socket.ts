import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ROLES, idSchema } from '../../shared/index.js';

/**
 * How the CLI's `pair` and `backup` reach a running server. The server holds its SQLite file
 * exclusively (db/open-database.ts), so while it runs they ask it over a local socket instead:
 * a Unix socket in the data dir (mode 0600: whoever may read the database may ask), a named
 * pipe on Windows. One JSON request per connection, one JSON answer.
 */
export const adminRequestSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('pair'), role: z.enum(ROLES), storeIds: z.array(idSchema).max(200), tenantId: idSchema.nullish() }),
  z.object({ command: z.literal('backup'), out: z.string().min(1).max(4096) }),
  z.object({ command: z.literal('ping') }),
]);
export type AdminRequest = z.infer<typeof adminRequestSchema>;

export type AdminResponse = { ok: true; text: string } | { ok: false; error: string; usage?: boolean };

const MAX_REQUEST_BYTES = 64 * 1024;

export function adminSocketPath(dataDir: string): string {
  const abs = path.resolve(dataDir);
  const id = createHash('sha256').update(abs).digest('hex').slice(0, 16);
  if (process.platform === 'win32') return `\\\\.\\pipe\\stockroom-${id}`;
  const inDir = path.join(abs, 'admin.sock');
  // Unix socket paths are limited to ~104 bytes; a deep data dir uses the temp dir instead.
  return Buffer.byteLength(inDir) < 100 ? inDir : path.join(os.tmpdir(), `stockroom-${id}.sock`);
}

export interface AdminSocket {
  close(): Promise<void>;
}

/** Listens for CLI requests; `handle` answers them (its errors become `{ ok: false }`). */
export async function listenAdminSocket(dataDir: string, handle: (req: AdminRequest) => Promise<AdminResponse>): Promise<AdminSocket> {
  const where = adminSocketPath(dataDir);
  // A socket file left by a killed server: we hold the data dir's lock, so it is stale.
  if (process.platform !== 'win32') fs.rmSync(where, { force: true });
  const server = net.createServer((socket) => {
    let buffered = '';
    socket.setEncoding('utf8');
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      if (buffered.length > MAX_REQUEST_BYTES) socket.destroy();
      const end = buffered.indexOf('\n');
      if (end < 0) return;
      socket.removeAllListeners('data');
      void answer(buffered.slice(0, end)).then((res) => socket.end(`${JSON.stringify(res)}\n`));
    });
  });
  async function answer(line: string): Promise<AdminResponse> {
    let parsed: AdminRequest;
    try {
      parsed = adminRequestSchema.parse(JSON.parse(line));
    } catch {
      return { ok: false, error: 'malformed admin request' };
    }
    try {
      return await handle(parsed);
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(where, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (process.platform !== 'win32') fs.chmodSync(where, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

/** Asks the server running on this data dir; null when none is listening. */
export function callAdmin(dataDir: string, req: AdminRequest): Promise<AdminResponse | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(adminSocketPath(dataDir));
    let text = '';
    socket.setEncoding('utf8');
    socket.setTimeout(60_000, () => socket.destroy(new Error('the running server did not answer')));
    socket.on('connect', () => socket.write(`${JSON.stringify(req)}\n`));
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED') resolve(null);
      else reject(err);
    });
    socket.on('end', () => {
      try {
        resolve(JSON.parse(text) as AdminResponse);
      } catch {
        reject(new Error('the running server sent a malformed answer'));
      }
    });
  });
}
