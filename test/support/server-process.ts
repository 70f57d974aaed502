import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

/**
 * The real sync server as a child process (DESIGN §10 integration tests).
 * Started with `node --import tsx` directly, not through npm, so the pid we
 * hold is the server itself and `kill -9` hits it and nothing else.
 */
export interface ServerOptions {
  /** Reuse a data dir (e.g. to restart); a fresh temp dir otherwise. */
  dataDir?: string;
  /** Extra CLI flags, e.g. ['--rate-limit', '100000']. */
  args?: string[];
  /** Echo the server's output (debugging). */
  verbose?: boolean;
  /** Extra node flags before the script, e.g. ['--cpu-prof'] (profiling). */
  nodeArgs?: string[];
  /** Serve from this PostgreSQL database (`--database URL`) instead of the data dir's SQLite file. */
  databaseUrl?: string;
  /**
   * Whether this start prints an owner pairing code (wait for it). Default: for SQLite, whether
   * the data dir has no database yet; for PostgreSQL, false (say true for the first instance
   * on an empty database).
   */
  expectOwnerCode?: boolean;
}

export interface ServerHandle {
  readonly dataDir: string;
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Printed on the first start with an empty data dir; null afterwards. */
  readonly ownerCode: string | null;
  /** Everything the server printed (stdout and stderr, all starts). */
  output(): string;
  /** SIGTERM and wait for the exit (graceful shutdown). Returns the exit code/signal. */
  stop(): Promise<ExitInfo>;
  /** SIGKILL: no shutdown code runs. */
  kill9(): Promise<ExitInfo>;
  /** Start again on the same data dir and the same port, so clients keep their address. */
  restart(): Promise<void>;
  /** Resident memory of the server process in MiB (Linux /proc). */
  rssMb(): number;
  /** Stop (if running) and delete the temp data dir. */
  dispose(): Promise<void>;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Where sync-server/ is taken from: the project, or STOCKROOM_TEST_SERVER_ROOT
 * (a copy with a deliberately broken server, to check that the tests catch it).
 */
function serverRoot(): string {
  return process.env.STOCKROOM_TEST_SERVER_ROOT ?? repoRoot;
}

// Both require the line end, so a line split across two output chunks is never half-read.
const LISTENING = /listening on (https?:\/\/[^\s"']+)\r?\n/;
const OWNER_CODE = /owner pairing code: (\S+)\r?\n/;
const START_TIMEOUT_MS = 30_000;

interface Running {
  child: ChildProcess;
  exited: Promise<ExitInfo>;
  url: string;
  port: number;
  ownerCode: string | null;
}

function launch(
  dataDir: string,
  port: number,
  args: string[],
  log: string[],
  verbose: boolean,
  nodeArgs: string[],
  expectOwnerCode: boolean,
): Promise<Running> {
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      '--import',
      'tsx',
      'sync-server/cli.ts',
      'serve',
      '--data',
      dataDir,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      ...args,
    ],
    { cwd: serverRoot(), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } },
  );
  const exited = new Promise<ExitInfo>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise<Running>((resolve, reject) => {
    // Per stream, so a line is never interleaved with the other stream's output.
    const text = { out: '', err: '' };
    let url: string | null = null;
    let ownerCode: string | null = null;
    let done = false;
    const timer = setTimeout(() => fail(new Error('server did not print its address in time')), START_TIMEOUT_MS);
    function fail(err: Error): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n--- server stdout ---\n${text.out}\n--- server stderr ---\n${text.err}`));
    }
    const onChunk = (stream: 'out' | 'err') => (chunk: Buffer): void => {
      const s = chunk.toString('utf8');
      log.push(s);
      if (verbose) process.stderr.write(s);
      if (done) return;
      text[stream] += s;
      ownerCode ??= OWNER_CODE.exec(text[stream])?.[1] ?? null;
      url ??= LISTENING.exec(text[stream])?.[1]?.replace(/\/+$/, '') ?? null;
      // On a first start the owner code follows the address line: wait for both.
      if (url && (ownerCode || !expectOwnerCode)) {
        done = true;
        clearTimeout(timer);
        resolve({ child, exited, url, port: Number(new URL(url).port), ownerCode });
      }
    };
    child.stdout!.on('data', onChunk('out'));
    child.stderr!.on('data', onChunk('err'));
    void exited.then((info) => fail(new Error(`server exited early: ${JSON.stringify(info)}`)));
  });
}

export async function startServer(options: ServerOptions = {}): Promise<ServerHandle> {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'stockroom-it-'));
  const args = [...(options.args ?? [])];
  const verbose = options.verbose ?? process.env.STOCKROOM_TEST_VERBOSE === '1';
  const nodeArgs = options.nodeArgs ?? [];
  if (options.databaseUrl) args.push('--database', options.databaseUrl);
  const log: string[] = [];
  const expectOwnerCode = () => (options.databaseUrl ? false : !existsSync(join(dataDir, 'stockroom.sqlite')));
  let current: Running | null = await launch(dataDir, 0, args, log, verbose, nodeArgs, options.expectOwnerCode ?? expectOwnerCode());
  const first = current;

  async function end(signal: NodeJS.Signals): Promise<ExitInfo> {
    const running = current;
    if (!running) return { code: null, signal: null };
    current = null;
    if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill(signal);
    const timeout = setTimeout(() => running.child.kill('SIGKILL'), 15_000);
    const info = await running.exited;
    clearTimeout(timeout);
    return info;
  }

  const handle: ServerHandle = {
    dataDir,
    get url() {
      return requireRunning().url;
    },
    get port() {
      return requireRunning().port;
    },
    get pid() {
      return requireRunning().child.pid!;
    },
    ownerCode: first.ownerCode,
    output: () => log.join(''),
    stop: () => end('SIGTERM'),
    kill9: () => end('SIGKILL'),
    async restart() {
      if (current) await end('SIGTERM');
      // Same port: a freshly freed listening port is reusable at once (SO_REUSEADDR).
      current = await launch(dataDir, first.port, args, log, verbose, nodeArgs, expectOwnerCode());
    },
    rssMb() {
      const status = readFileSync(`/proc/${handle.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
      return kb / 1024;
    },
    async dispose() {
      await end('SIGTERM');
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };

  function requireRunning(): Running {
    if (!current) throw new Error('server is not running');
    return current;
  }
  return handle;
}
