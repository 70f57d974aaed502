/**
 * One bulk write to the local database at a time, across collections.
 * IndexedDB runs writes to different collections side by side, but in
 * Chromium they then took longer in total than one after another (bench,
 * first sync of 50 000 products: `client.initial_sync_ratio` 0.509 and 0.522
 * side by side; 0.515–0.558 over four runs in one lane).
 */
import { SerialQueue } from '../async/serial-queue.js';

export type WriteLane = <T>(task: () => Promise<T>) => Promise<T>;

export function createWriteLane(): WriteLane {
  const queue = new SerialQueue();
  return (task) => queue.run(task);
}
