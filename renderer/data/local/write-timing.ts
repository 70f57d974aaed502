/**
 * Optional timing of every local database write, for the client benchmark
 * (bench/client.ts measures how long the initial sync spends writing to
 * IndexedDB). Off unless the page defines `globalThis.__stockroomWriteTiming`
 * before the app starts (the bench does it with an init script); otherwise
 * the storage is returned untouched.
 */
import type { RxStorage } from 'rxdb';

export interface WriteTimingEntry {
  /** RxDB collection or internal instance (replication meta, database internals). */
  collection: string;
  docs: number;
  start: number;
  end: number;
}

export interface WriteTimingSink {
  record(entry: WriteTimingEntry): void;
}

export function withWriteTiming<S extends RxStorage<unknown, unknown>>(storage: S): S {
  const sink = (globalThis as { __stockroomWriteTiming?: WriteTimingSink }).__stockroomWriteTiming;
  if (!sink) return storage;
  return Object.assign({}, storage, {
    async createStorageInstance(params: Parameters<S['createStorageInstance']>[0]) {
      const instance = await storage.createStorageInstance(params);
      const bulkWrite = instance.bulkWrite.bind(instance);
      instance.bulkWrite = async (writes, context) => {
        const start = performance.now();
        try {
          return await bulkWrite(writes, context);
        } finally {
          sink.record({ collection: params.collectionName, docs: writes.length, start, end: performance.now() });
        }
      };
      return instance;
    },
  });
}
