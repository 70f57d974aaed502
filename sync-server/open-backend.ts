import { ChangeBus, type ChangeFeed } from './domain/change-bus.js';
import { SqliteStorage } from './storage/sqlite-storage.js';
import type { Storage } from './storage/storage.js';

/**
 * The one place that chooses the storage backend (DESIGN §9): `serve`, `pair`, `backup`,
 * `init` and the tests all open their database here. A database URL means PostgreSQL, shared
 * by any number of instances; otherwise the embedded SQLite file of the data dir, held by
 * this process alone.
 */
export interface BackendOptions {
  dataDir: string;
  /** postgres://… (`--database`, STOCKROOM_DATABASE_URL); null or absent: SQLite in dataDir. */
  databaseUrl?: string | null;
}

export interface Backend {
  storage: Storage;
  /** Committed writes to this process's streams (in-process for SQLite; LISTEN/NOTIFY for PostgreSQL). */
  feed: ChangeFeed;
  /** Called with the number of writes each COMMIT carried, where the backend groups them (metrics). */
  onWriteGroup(listener: (size: number) => void): void;
  /** Ends the feed, waits for writes already asked for, closes the database. */
  close(): Promise<void>;
}

export async function openBackend(opts: BackendOptions): Promise<Backend> {
  if (opts.databaseUrl) throw new Error('PostgreSQL is not available in this build');
  const storage = SqliteStorage.open(opts.dataDir);
  const feed = new ChangeBus();
  return {
    storage,
    feed,
    onWriteGroup: (listener) => {
      storage.onWriteGroup = listener;
    },
    close: async () => {
      feed.close();
      await storage.close();
    },
  };
}
