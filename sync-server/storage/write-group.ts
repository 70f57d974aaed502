/**
 * Group commit for a single-connection database (SQLite). Writes asked for in the same turn of
 * the event loop run, in the order asked, inside ONE transaction, each in a savepoint of its
 * own; each caller's promise settles after the shared COMMIT, so nothing is acknowledged
 * before it is durable. Why: with synchronous=FULL every COMMIT waits for the disk, and 1 000
 * tills pushing one sale each would otherwise queue 1 000 fsyncs. Invariants:
 * - a write that throws rolls back its own savepoint only; the others commit;
 * - a failed COMMIT fails every write of the group (none of them happened);
 * - the writes are synchronous functions, so nothing else touches the connection while a
 *   group runs (reads between groups see committed data only);
 * - a group holds at most `maxGroup` writes; the rest run in the next turn.
 */
export interface GroupedConnection {
  /** Runs fn inside BEGIN IMMEDIATE … COMMIT (rolled back when fn throws). */
  transaction<T>(fn: () => T): T;
  /** Runs fn inside a savepoint of the open transaction. */
  savepoint<T>(fn: () => T): T;
}

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class WriteGroup {
  private queue: Job[] = [];
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly connection: GroupedConnection,
    private readonly onGroup: (size: number) => void = () => {},
    private readonly maxGroup = 256,
  ) {}

  write<T>(run: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Runs what is queued now (close: nothing may be left behind). */
  flushNow(): void {
    while (this.queue.length > 0) this.flush();
  }

  close(): void {
    this.flushNow();
    this.closed = true;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
      if (this.queue.length > 0) this.schedule();
    });
  }

  private flush(): void {
    const group = this.queue.splice(0, this.maxGroup);
    if (group.length === 0) return;
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.connection.transaction(() => {
        for (const job of group) {
          try {
            outcomes.push({ ok: true, value: this.connection.savepoint(job.run) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const job of group) job.reject(error);
      return;
    }
    this.onGroup(group.length);
    group.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}

/**
 * WAL checkpoints in small steps between write groups. SQLite's automatic checkpoint runs
 * inside the COMMIT that fills the WAL to 1 000 pages: under many small pushes that COMMIT
 * took 8–30 ms (copying and syncing the pages) and stalled every request behind it. With
 * the automatic one off (openDatabase), a PASSIVE checkpoint runs after every `everyWrites`
 * committed writes, in its own turn of the event loop, so each copies a few hundred pages.
 */
export class Checkpointer {
  private since = 0;
  private scheduled: ReturnType<typeof setImmediate> | null = null;

  constructor(private readonly checkpoint: () => void, private readonly everyWrites = 64) {}

  committed(writes: number): void {
    this.since += writes;
    if (this.since < this.everyWrites || this.scheduled) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = null;
      this.since = 0;
      try {
        this.checkpoint();
      } catch {
        // A failed checkpoint leaves the WAL longer; the next one copies it.
      }
    });
  }

  stop(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
  }
}
