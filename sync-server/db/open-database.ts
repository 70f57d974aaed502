import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runMigrations } from './migrations.js';

export type Db = Database.Database;

export const DB_FILE_NAME = 'stockroom.sqlite';

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DB_FILE_NAME);
}

/**
 * Opens (and creates) DIR/stockroom.sqlite with the pragmas the ledger relies on:
 * WAL so the CLI can write pairing codes while the server runs, synchronous=FULL so
 * an acknowledged push survives kill -9, busy_timeout so concurrent writers wait
 * instead of failing, foreign keys so no stock row points at nothing.
 */
export function openDatabase(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(databasePath(dataDir));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  runMigrations(db);
  return db;
}
