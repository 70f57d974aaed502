import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE_NAME, databasePath, newEpoch, openDatabase } from './open-database.js';

/**
 * `npm run server -- restore --data DIR --from FILE` (the server must be stopped). The
 * current database is kept in DIR/before-restore-<time>/, the backup takes its place, and
 * the database gets a new epoch (DESIGN §3): every device's checkpoint belongs to the old
 * one, so its next pull starts again from the beginning (`reset`) instead of waiting for
 * seqs the restored file never had. Returns the new epoch.
 */
export function restoreDatabase(dataDir: string, from: string): { epoch: string; keptIn: string | null } {
  if (!fs.existsSync(from)) throw new Error(`backup file not found: ${from}`);
  checkIsStockroomDatabase(from);
  let keptIn: string | null = null;
  if (fs.existsSync(databasePath(dataDir))) {
    // Proves no server holds the data dir (its lock) and folds the WAL into the file.
    openDatabase(dataDir).close();
    keptIn = path.join(dataDir, `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    fs.mkdirSync(keptIn);
    for (const suffix of ['', '-wal', '-shm']) {
      const file = databasePath(dataDir) + suffix;
      if (fs.existsSync(file)) fs.renameSync(file, path.join(keptIn, DB_FILE_NAME + suffix));
    }
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.copyFileSync(from, databasePath(dataDir));
  const db = openDatabase(dataDir); // migrates an older backup
  try {
    const epoch = newEpoch();
    db.prepare("UPDATE meta SET value = ? WHERE key = 'epoch'").run(epoch);
    return { epoch, keptIn };
  } finally {
    db.close();
  }
}

function checkIsStockroomDatabase(file: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM schema_migrations').get();
    db.prepare('SELECT count(*) FROM tenants').get();
  } catch {
    throw new Error(`${file} is not a Stockroom database backup`);
  } finally {
    db?.close();
  }
}
