import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

export interface SyncServerProcess {
  /** The address to use from this machine (a wildcard host such as 0.0.0.0 becomes 127.0.0.1). */
  url: string;
  /** The address the server printed ("listening on …"): http://0.0.0.0:4000 when bound to every interface. */
  listenUrl: string;
  port: number;
  /** Printed only on the very first start with an empty data dir. */
  ownerCode: string | null;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A URL on a wildcard address (0.0.0.0, ::) → the same URL on loopback, which this machine can open. */
export function localUrlOf(listenUrl: string): string {
  const u = new URL(listenUrl);
  if (u.hostname === '0.0.0.0') u.hostname = '127.0.0.1';
  else if (u.hostname === '[::]') u.hostname = '[::1]';
  return u.toString().replace(/\/$/, '');
}

/**
 * Run `sync-server/cli.ts serve` as a child (tsx loader, same Node) and wait
 * for "listening on URL". Its own process group, so a terminal Ctrl-C reaches
 * it once, through stop(), rather than twice.
 * `host` defaults to the CLI's own (127.0.0.1); `webDir` makes it serve that UI itself (`--web`).
 */
export async function startSyncServer(opts: {
  projectRoot: string;
  dataDir: string;
  port: number;
  host?: string;
  webDir?: string;
  onLog?: (line: string) => void;
}): Promise<SyncServerProcess> {
  const args = ['--import', 'tsx', path.join('sync-server', 'cli.ts'), 'serve', '--data', opts.dataDir, '--port', String(opts.port)];
  if (opts.host) args.push('--host', opts.host);
  if (opts.webDir) args.push('--web', opts.webDir);
  const child = spawn(process.execPath, args, { cwd: opts.projectRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  // A new data dir gets a tenant and an owner code, printed right after the address.
  const expectOwnerCode = !fs.existsSync(path.resolve(opts.projectRoot, opts.dataDir, 'stockroom.sqlite'));
  let ownerCode: string | null = null;
  const errors: string[] = [];
  const listenUrl = await new Promise<string>((resolve, reject) => {
    let address: string | null = null;
    const onLine = (line: string) => {
      const listening = /^listening on (\S+)/.exec(line);
      const code = /^owner pairing code: (\S+)/.exec(line);
      if (code) ownerCode = code[1]!;
      else if (listening) address = listening[1]!;
      else opts.onLog?.(line);
      if (address && (ownerCode || !expectOwnerCode)) resolve(address);
    };
    readline.createInterface({ input: child.stdout! }).on('line', onLine);
    readline.createInterface({ input: child.stderr! }).on('line', (line) => {
      errors.push(line);
      opts.onLog?.(line);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`sync server exited (${code}): ${errors.slice(-5).join(' ')}`)));
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const exited = once(child, 'exit');
    const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
    await exited;
    clearTimeout(timer);
  };
  const listening = new URL(listenUrl);
  const port = Number(listening.port || (listening.protocol === 'https:' ? 443 : 80));
  return { url: localUrlOf(listenUrl), listenUrl, port, ownerCode, child, stop };
}
