import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runMigrations } from './migrations.js';

export type Db = Database.Database;

export const DB_FILE_NAME = 'stockroom.sqlite';

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DB_FILE_NAME);
}

/** Thrown when another process (a running server) holds the data dir. */
export class DataDirBusyError extends Error {
  constructor(readonly dataDir: string) {
    super(`another Stockroom server is using ${dataDir} (one server per data dir)`);
  }
}

/** A new random database epoch (DESIGN §3): made with the database, renewed by a restore. */
export function newEpoch(): string {
  return randomBytes(9).toString('base64url');
}

/**
 * Opens (and creates) DIR/stockroom.sqlite for this process alone, with the pragmas the
 * ledger relies on:
 * - locking_mode=EXCLUSIVE, taken at once: one process per data dir (a second server
 *   refuses to start), and the WAL index lives in this process's memory instead of a
 *   shared-memory `-shm` file that another process could truncate or make read-only
 *   (a mapped file that shrinks kills the process with SIGBUS). The CLI's `pair` and
 *   `backup` reach a running server through its admin socket (admin/admin-socket.ts);
 * - WAL + synchronous=FULL so an acknowledged push survives kill -9 and power loss;
 * - foreign keys so no stock row points at nothing.
 */
export function openDatabase(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(databasePath(dataDir));
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('busy_timeout = 0');
    takeExclusiveLock(db, dataDir);
    db.pragma('synchronous = FULL');
    // Checkpoints run between write groups instead (storage/write-group.ts, Checkpointer);
    // closing the database checkpoints what is left.
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('foreign_keys = ON');
    runMigrations(db);
    db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('epoch', ?)").run(newEpoch());
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * The first write takes the exclusive lock, kept until close. Two processes opening a new file
 * at the same moment can each see the other's brief shared lock and both get SQLITE_BUSY (then
 * neither would start): a few tries a few random milliseconds apart let one of them win; one
 * that still finds the lock held after that refuses, as a second server must.
 */
function takeExclusiveLock(db: Db, dataDir: string): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      db.exec('BEGIN IMMEDIATE; COMMIT');
      return;
    } catch (err) {
      if (!(err as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw err;
      if (attempt >= 5) throw new DataDirBusyError(dataDir);
      Atomics.wait(pause, 0, 0, 10 + Math.floor(Math.random() * 40)); // a synchronous sleep: opening is synchronous
    }
  }
}
