/**
 * Group commit for a single-connection database (SQLite). Writes asked for in the same turn of
 * the event loop run, in the order asked, inside ONE transaction, each in a savepoint of its
 * own; each caller's promise settles after the shared COMMIT, so nothing is acknowledged
 * before it is durable. Why: with synchronous=FULL every COMMIT waits for the disk, and 1 000
 * tills pushing one sale each would otherwise queue 1 000 fsyncs. Invariants:
 * - a write that throws rolls back its own savepoint only; the others commit;
 * - a failed COMMIT fails every write of the group (none of them happened);
 * - writes run one after another, never interleaved: a write is async only because the storage
 *   seam is (it awaits the connection's answers, which are already there), so a group still
 *   runs in one turn of the event loop;
 * - while a group's transaction is open, reads on the connection wait for it (`idle`): code
 *   woken between two awaits of a write must not see rows that may yet roll back;
 * - a group holds at most `maxGroup` writes; the rest run in the next turn.
 */
export interface GroupedConnection {
  /** Runs one statement without parameters (BEGIN IMMEDIATE, SAVEPOINT, COMMIT …). */
  exec(sql: string): void;
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
  /** Settles when the open group's transaction has ended; null when none is open. */
  private running: Promise<void> | null = null;

  constructor(
    private readonly connection: GroupedConnection,
    private readonly onGroup: (size: number) => void = () => {},
    private readonly maxGroup = 256,
  ) {}

  write<T>(run: () => T | Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** null when no transaction is open (read now), else a promise of its end (read after it). */
  idle(): Promise<void> | null {
    return this.running;
  }

  /** Runs what is queued, then resolves (close: nothing may be left behind). */
  async drain(): Promise<void> {
    while (this.running || this.queue.length > 0) {
      if (this.running) await this.running;
      else await this.flush();
    }
  }

  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush().then(() => {
        if (this.queue.length > 0) this.schedule();
      });
    });
  }

  private flush(): Promise<void> {
    if (this.running) return this.running;
    const group = this.queue.splice(0, this.maxGroup);
    if (group.length === 0) return Promise.resolve();
    this.running = this.runGroup(group).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runGroup(group: Job[]): Promise<void> {
    const c = this.connection;
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      c.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const job of group) job.reject(error);
      return;
    }
    try {
      for (const job of group) {
        c.exec('SAVEPOINT w');
        try {
          const value = await job.run();
          c.exec('RELEASE w');
          outcomes.push({ ok: true, value });
        } catch (error) {
          c.exec('ROLLBACK TO w');
          c.exec('RELEASE w');
          outcomes.push({ ok: false, error });
        }
      }
      c.exec('COMMIT');
    } catch (error) {
      try {
        c.exec('ROLLBACK');
      } catch {
        // SQLite may have rolled back already (a failed COMMIT on a full disk).
      }
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
