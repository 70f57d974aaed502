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
  /** PostgreSQL connections per instance (default 10). */
  poolSize?: number;
  /** PostgreSQL: how often streams' tenants catch up without a wake-up (default 2 000 ms). */
  feedPollMs?: number;
  /** A pooled PostgreSQL connection was lost (logged; the next query reconnects). */
  onDatabaseError?: (err: Error) => void;
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
  if (opts.databaseUrl) {
    // Loaded only here: a SQLite server never loads pg (its RSS stays what it was).
    const { PgStorage } = await import('./storage/pg-storage.js');
    const { PgChangeFeed } = await import('./storage/pg-change-feed.js');
    const storage = await PgStorage.open(opts.databaseUrl, { max: opts.poolSize, onError: opts.onDatabaseError });
    const feed = new PgChangeFeed({
      url: opts.databaseUrl,
      storage,
      pollMs: opts.feedPollMs,
      onError: (err) => opts.onDatabaseError?.(err),
    });
    return {
      storage,
      feed,
      onWriteGroup: () => {},
      close: async () => {
        feed.close();
        await storage.close();
      },
    };
  }
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

/** `npm run server -- migrate`: the PostgreSQL migrations not applied yet; their versions. */
export async function migratePostgres(databaseUrl: string): Promise<number[]> {
  const { default: pg } = await import('pg');
  const { runPgMigrations } = await import('./db/pg-migrations.js');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await runPgMigrations(client);
  } finally {
    await client.end();
  }
}
