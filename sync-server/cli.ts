import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ROLES, type Role } from '../shared/index.js';
import { callAdmin, type AdminRequest } from './admin/admin-socket.js';
import { databasePath, DataDirBusyError } from './db/open-database.js';
import { restoreDatabase } from './db/restore.js';
import { ensureTenant } from './domain/bootstrap.js';
import { createPairingCodeForCli } from './domain/pairing.js';
import { ProblemError } from './domain/problem-error.js';
import { createLogger } from './observability/logger.js';
import { DEFAULT_RATE_LIMIT, startServer } from './serve.js';
import { migratePostgres, openBackend } from './open-backend.js';
import type { Storage } from './storage/storage.js';

const USAGE = `usage:
  serve   [--data DIR | --database URL] [--port N] [--host H] [--tls-cert F --tls-key F] [--history-days N]
          [--rate-limit N] [--currency CODE] [--web DIR] [--allow-origin ORIGIN ...]
          [--allowed-host NAME ...] [--metrics-token T] [--max-connections N]
          [--max-connections-per-address N] [--max-streams-per-device N]
  pair    --data DIR | --database URL --role owner|manager|staff [--store ID ...]
  migrate --database URL             (PostgreSQL: applies pending schema migrations)
  backup  --data DIR --out FILE       (PostgreSQL: use pg_dump)
  restore --data DIR --from FILE      (with the server stopped)
  STOCKROOM_DATABASE_URL stands for --database URL.`;

class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;
const str = { type: 'string' } as const;
const many = { type: 'string', multiple: true } as const;

/** node:util parseArgs of a command's flags; unknown flags and stray arguments are usage errors. */
function parse<O extends Options>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: false, strict: true }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function int(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}

/** `--database URL` or STOCKROOM_DATABASE_URL: PostgreSQL instead of the data dir's SQLite file. */
function databaseUrl(flag: string | undefined): string | null {
  const url = flag ?? process.env.STOCKROOM_DATABASE_URL ?? null;
  if (url !== null && !/^postgres(ql)?:\/\//.test(url)) throw new UsageError('--database must be a postgres:// URL');
  return url || null;
}

/** Comma-separated environment lists (STOCKROOM_ALLOWED_ORIGINS, STOCKROOM_ALLOWED_HOSTS). */
function envList(name: string): string[] {
  return (process.env[name] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

async function serve(argv: readonly string[]): Promise<void> {
  const v = parse(argv, {
    data: str, database: str, port: str, host: str, 'tls-cert': str, 'tls-key': str, 'history-days': str, 'rate-limit': str,
    currency: str, web: str, 'allow-origin': many, 'allowed-host': many, 'metrics-token': str,
    'max-connections': str, 'max-connections-per-address': str, 'max-streams-per-device': str,
  });
  const certFile = v['tls-cert'];
  const keyFile = v['tls-key'];
  if (!!certFile !== !!keyFile) throw new UsageError('--tls-cert and --tls-key go together');
  for (const f of [certFile, keyFile]) if (f && !fs.existsSync(f)) throw new UsageError(`file not found: ${f}`);
  const currency = v.currency ?? 'USD';
  if (!/^[A-Za-z]{3}$/.test(currency)) throw new UsageError('--currency must be an ISO 4217 code like USD');
  const webDir = v.web ?? null;
  if (webDir && !fs.existsSync(webDir)) throw new UsageError(`--web directory not found: ${webDir}`);
  const logger = createLogger();
  const server = await startServer({
    dataDir: v.data ?? './data',
    databaseUrl: databaseUrl(v.database),
    port: int(v.port, 'port', 4000, 0, 65535),
    host: v.host ?? '127.0.0.1',
    tls: certFile && keyFile ? { certFile, keyFile } : null,
    historyDays: int(v['history-days'], 'history-days', 60, 1, 36500),
    rateLimit: int(v['rate-limit'], 'rate-limit', DEFAULT_RATE_LIMIT, 0, 1_000_000),
    currency,
    webDir,
    allowedOrigins: [...envList('STOCKROOM_ALLOWED_ORIGINS'), ...(v['allow-origin'] ?? [])],
    allowedHosts: [...envList('STOCKROOM_ALLOWED_HOSTS'), ...(v['allowed-host'] ?? [])],
    metricsToken: v['metrics-token'] ?? process.env.STOCKROOM_METRICS_TOKEN ?? null,
    connections: {
      ...(v['max-connections'] ? { total: int(v['max-connections'], 'max-connections', 0, 16, 1_000_000) } : {}),
      ...(v['max-connections-per-address'] ? { perAddress: int(v['max-connections-per-address'], 'max-connections-per-address', 0, 1, 1_000_000) } : {}),
    },
    streams: v['max-streams-per-device'] ? { perDevice: int(v['max-streams-per-device'], 'max-streams-per-device', 0, 1, 1000) } : {},
    logger,
  });
  logger.plain(`listening on ${server.url}`);
  if (server.ownerCode) logger.plain(`owner pairing code: ${server.ownerCode}`);
  const stop = (signal: string) => {
    logger.log('info', 'shutting down', { signal });
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/** Through the running server when there is one (it holds the database), else on the file. */
async function viaServerOrFile(dataDir: string, req: AdminRequest, direct: (storage: Storage) => Promise<string>): Promise<void> {
  const answer = await callAdmin(dataDir, req);
  if (answer) {
    if (!answer.ok) throw new Error(answer.error);
    process.stdout.write(`${answer.text}\n`);
    return;
  }
  const backend = await openBackend({ dataDir });
  try {
    process.stdout.write(`${await direct(backend.storage)}\n`);
  } finally {
    await backend.close();
  }
}

function requireDatabase(dataDir: string | undefined, command: string, hint: string): string {
  if (!dataDir) throw new UsageError(`${command} needs --data DIR`);
  if (!fs.existsSync(databasePath(dataDir))) throw new UsageError(`no database in ${dataDir}${hint}`);
  return dataDir;
}

async function pair(argv: readonly string[]): Promise<void> {
  const v = parse(argv, { data: str, database: str, role: str, store: many, tenant: str });
  const role = v.role;
  if (!role || !(ROLES as readonly string[]).includes(role)) throw new UsageError('--role must be owner, manager or staff');
  const req = { command: 'pair' as const, role: role as Role, storeIds: v.store ?? [], tenantId: v.tenant ?? null };
  const url = databaseUrl(v.database);
  if (url) {
    // PostgreSQL is shared: the code is written straight into it, servers running or not.
    const backend = await openBackend({ dataDir: v.data ?? './data', databaseUrl: url });
    try {
      process.stdout.write(`pairing code: ${(await createPairingCodeForCli(backend.storage, req)).code}\n`);
    } finally {
      await backend.close();
    }
    return;
  }
  const dataDir = requireDatabase(v.data, 'pair', ' (start the server once first)');
  await viaServerOrFile(dataDir, req, async (storage) => `pairing code: ${(await createPairingCodeForCli(storage, req)).code}`);
}

async function migrate(argv: readonly string[]): Promise<void> {
  const v = parse(argv, { database: str });
  const url = databaseUrl(v.database);
  if (!url) throw new UsageError('migrate needs --database URL (SQLite files migrate when the server opens them)');
  const applied = await migratePostgres(url);
  process.stdout.write(applied.length > 0 ? `applied migrations: ${applied.join(', ')}\n` : 'database schema is up to date\n');
}

async function backup(argv: readonly string[]): Promise<void> {
  const v = parse(argv, { data: str, out: str, database: str });
  if (databaseUrl(v.database)) throw new UsageError('a PostgreSQL database is backed up with pg_dump (see sync-server/README.md)');
  if (!v.out) throw new UsageError('backup needs --data DIR and --out FILE');
  const dataDir = requireDatabase(v.data, 'backup', '');
  const out = path.resolve(v.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await viaServerOrFile(dataDir, { command: 'backup', out }, async (storage) => {
    await storage.backup(out);
    return `backup written: ${out}`;
  });
}

async function restore(argv: readonly string[]): Promise<void> {
  const v = parse(argv, { data: str, from: str });
  if (!v.data || !v.from) throw new UsageError('restore needs --data DIR and --from FILE');
  if (await callAdmin(v.data, { command: 'ping' }).catch(() => null)) throw new DataDirBusyError(v.data);
  const { epoch, keptIn } = restoreDatabase(v.data, v.from);
  process.stdout.write(`restored ${v.from} into ${v.data} (epoch ${epoch})${keptIn ? `; the previous database is in ${keptIn}` : ''}\n`);
  process.stdout.write('devices will start their sync again from the restored data\n');
}

async function init(argv: readonly string[]): Promise<void> {
  // Convenience: create the tenant without serving.
  const v = parse(argv, { data: str, database: str, currency: str });
  const backend = await openBackend({ dataDir: v.data ?? './data', databaseUrl: databaseUrl(v.database) });
  try {
    const { ownerCode } = await ensureTenant(backend.storage, { currency: v.currency });
    if (ownerCode) process.stdout.write(`owner pairing code: ${ownerCode}\n`);
  } finally {
    await backend.close();
  }
}

const COMMANDS: Record<string, (argv: readonly string[]) => Promise<void>> = { serve, pair, migrate, backup, restore, init };

async function main(argv: readonly string[]): Promise<void> {
  const command = argv[0];
  const run = command ? COMMANDS[command] : undefined;
  if (!run) throw new UsageError(command ? `unknown command: ${command}` : 'missing command');
  await run(argv.slice(1));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`error: ${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (err instanceof ProblemError) {
    process.stderr.write(`error: ${err.problem.detail}\n`);
    process.exit(1);
  }
  const e = err as NodeJS.ErrnoException;
  process.stderr.write(`error: ${e.code === 'EADDRINUSE' ? `port already in use (${e.message})` : (e.message ?? String(err))}\n`);
  process.exit(1);
});
