import fs from 'node:fs';
import path from 'node:path';
import { ROLES, type Role } from '../shared/index.js';
import { allowOnly, intFlag, parseArgs, single, UsageError, type ParsedArgs } from './cli/parse-args.js';
import { ensureTenant } from './domain/bootstrap.js';
import { createPairingCode } from './domain/pairing.js';
import { ProblemError } from './domain/problem-error.js';
import { createLogger } from './observability/logger.js';
import { DEFAULT_RATE_LIMIT, startServer } from './serve.js';
import { SqliteStorage } from './storage/sqlite-storage.js';
import { databasePath } from './db/open-database.js';

const USAGE = `usage:
  serve  [--data DIR] [--port N] [--host H] [--tls-cert F --tls-key F] [--history-days N]
         [--rate-limit N] [--currency CODE] [--web DIR]
  pair   --data DIR --role owner|manager|staff [--store ID ...]
  backup --data DIR --out FILE`;

async function serve(args: ParsedArgs): Promise<void> {
  allowOnly(args, ['data', 'port', 'host', 'tls-cert', 'tls-key', 'history-days', 'rate-limit', 'currency', 'web']);
  const certFile = single(args, 'tls-cert');
  const keyFile = single(args, 'tls-key');
  if (!!certFile !== !!keyFile) throw new UsageError('--tls-cert and --tls-key go together');
  for (const f of [certFile, keyFile]) if (f && !fs.existsSync(f)) throw new UsageError(`file not found: ${f}`);
  const currency = single(args, 'currency') ?? 'USD';
  if (!/^[A-Za-z]{3}$/.test(currency)) throw new UsageError('--currency must be an ISO 4217 code like USD');
  const webDir = single(args, 'web') ?? null;
  if (webDir && !fs.existsSync(webDir)) throw new UsageError(`--web directory not found: ${webDir}`);
  const logger = createLogger();
  const server = await startServer({
    dataDir: single(args, 'data') ?? './data',
    port: intFlag(args, 'port', 4000, 0, 65535),
    host: single(args, 'host') ?? '127.0.0.1',
    tls: certFile && keyFile ? { certFile, keyFile } : null,
    historyDays: intFlag(args, 'history-days', 60, 1, 36500),
    rateLimit: intFlag(args, 'rate-limit', DEFAULT_RATE_LIMIT, 0, 1_000_000),
    currency,
    webDir,
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

function pair(args: ParsedArgs): void {
  allowOnly(args, ['data', 'role', 'store', 'tenant']);
  const dataDir = single(args, 'data');
  if (!dataDir) throw new UsageError('pair needs --data DIR');
  const role = single(args, 'role');
  if (!role || !(ROLES as readonly string[]).includes(role)) throw new UsageError('--role must be owner, manager or staff');
  if (!fs.existsSync(databasePath(dataDir))) throw new UsageError(`no database in ${dataDir} (start the server once first)`);
  const storage = SqliteStorage.open(dataDir);
  try {
    const tenantId = single(args, 'tenant');
    const tenant = tenantId ? storage.getTenant(tenantId) : storage.firstTenant();
    if (!tenant) throw new UsageError('no tenant in this data dir');
    let storeIds = args.flags.get('store') ?? [];
    if (role !== 'owner' && storeIds.length === 0) {
      // A single-store shop needs no --store.
      const all = storage.listStoreIds(tenant.id);
      if (all.length !== 1) throw new UsageError(`--store ID is required (stores: ${all.join(', ')})`);
      storeIds = all;
    }
    const { code } = createPairingCode(storage, { tenantId: tenant.id, role: role as Role, storeIds });
    process.stdout.write(`pairing code: ${code}\n`);
  } finally {
    storage.close();
  }
}

async function backup(args: ParsedArgs): Promise<void> {
  allowOnly(args, ['data', 'out']);
  const dataDir = single(args, 'data');
  const out = single(args, 'out');
  if (!dataDir || !out) throw new UsageError('backup needs --data DIR and --out FILE');
  if (!fs.existsSync(databasePath(dataDir))) throw new UsageError(`no database in ${dataDir}`);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const storage = SqliteStorage.open(dataDir);
  try {
    await storage.backup(out);
    process.stdout.write(`backup written: ${out}\n`);
  } finally {
    storage.close();
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  switch (args.command) {
    case 'serve':
      return serve(args);
    case 'pair':
      return pair(args);
    case 'backup':
      return backup(args);
    case 'init': {
      // Convenience: create the tenant without serving.
      allowOnly(args, ['data', 'currency']);
      const storage = SqliteStorage.open(single(args, 'data') ?? './data');
      const { ownerCode } = ensureTenant(storage, { currency: single(args, 'currency') });
      if (ownerCode) process.stdout.write(`owner pairing code: ${ownerCode}\n`);
      storage.close();
      return;
    }
    default:
      throw new UsageError(args.command ? `unknown command: ${args.command}` : 'missing command');
  }
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
