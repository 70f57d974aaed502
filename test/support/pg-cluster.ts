import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
/** The newest PostgreSQL installed (Debian keeps each major version in /usr/lib/postgresql/N). */
const PG_VERSION = process.env.STOCKROOM_TEST_PG_VERSION ?? newestInstalled() ?? '15';

function newestInstalled(): string | null {
  try {
    const versions = fs.readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v) && fs.existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));
    return versions.sort((a, b) => Number(b) - Number(a))[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * A throwaway PostgreSQL server for tests and benches: a cluster of its own on a free port on
 * 127.0.0.1, trust authentication (nothing else can reach it), dropped by `stop()`. As root it
 * uses Debian's pg_createcluster/pg_ctlcluster (initdb refuses root; the cluster runs as the
 * postgres user); otherwise initdb + pg_ctl of the same version in a temp dir. With
 * STOCKROOM_TEST_DATABASE_URL set, that server is used instead and only databases are made.
 */
export interface PgCluster {
  /** postgres://…/postgres (the maintenance database). */
  adminUrl: string;
  port: number;
  /** A new empty database; its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server (fast: open sessions are cut), as a PostgreSQL outage. */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  /** Stops the server and drops the cluster. */
  stop(): Promise<void>;
}

export interface PgClusterOptions {
  /** fsync=off (default true for tests): a crash of the machine is not what tests exercise. */
  fast?: boolean;
  /** A cluster of its own even when STOCKROOM_TEST_DATABASE_URL names a shared server (a test that stops it). */
  own?: boolean;
}

let clusters = 0;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function pgBin(name: string): string {
  return `/usr/lib/postgresql/${PG_VERSION}/bin/${name}`;
}

/** Whether this machine can start a PostgreSQL server for tests (or one was given). */
export function postgresAvailable(): boolean {
  return !!process.env.STOCKROOM_TEST_DATABASE_URL || fs.existsSync(pgBin('postgres'));
}

export async function startPgCluster(opts: PgClusterOptions = {}): Promise<PgCluster> {
  const given = process.env.STOCKROOM_TEST_DATABASE_URL;
  if (given && !opts.own) return existingServer(given);
  const port = await freePort();
  const name = `stockroom_test_${process.pid}_${++clusters}`;
  // listen_addresses stays 'localhost' (the default): loopback only.
  const options = ['max_connections=200', ...(opts.fast === false ? [] : ['fsync=off', 'full_page_writes=off'])];
  let start: () => Promise<void>;
  let stopServer: () => Promise<void>;
  let drop: () => Promise<void>;
  if (process.getuid?.() === 0) {
    await run('pg_createcluster', [PG_VERSION, name, '-p', String(port), '--start-conf=manual', ...options.flatMap((o) => ['-o', o]), '--', '--auth=trust']);
    start = async () => void (await run('pg_ctlcluster', [PG_VERSION, name, 'start']));
    stopServer = async () => void (await run('pg_ctlcluster', [PG_VERSION, name, 'stop', '-m', 'fast']));
    drop = async () => void (await run('pg_dropcluster', [PG_VERSION, name, '--stop']));
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-pg-'));
    const data = path.join(dir, 'data');
    await run(pgBin('initdb'), ['-D', data, '--auth=trust', '-U', 'postgres', '--no-sync']);
    const flags = ['-p', String(port), '-k', dir, ...options.flatMap((o) => ['-c', o])].join(' ');
    start = async () => void (await run(pgBin('pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-o', flags, '-w', 'start']));
    stopServer = async () => void (await run(pgBin('pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']));
    drop = async () => {
      await stopServer().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    await start();
  } catch (err) {
    await drop().catch(() => undefined);
    throw err;
  }
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return { ...databasesOn(adminUrl), port, stopServer, startServer: start, stop: drop };
}

function existingServer(url: string): PgCluster {
  const u = new URL(url);
  u.pathname = '/postgres';
  return {
    ...databasesOn(u.toString()),
    port: Number(u.port || 5432),
    stopServer: () => Promise.reject(new Error('cannot stop a server given by STOCKROOM_TEST_DATABASE_URL')),
    startServer: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
}

let databases = 0;
function databasesOn(adminUrl: string): Pick<PgCluster, 'adminUrl' | 'createDatabase'> {
  return {
    adminUrl,
    async createDatabase(name = `stockroom_${process.pid}_${++databases}_${Date.now().toString(36)}`) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      return u.toString();
    },
  };
}
