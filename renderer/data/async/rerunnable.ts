/**
 * A job that may be asked for again while it runs (a pull, a push pass, a
 * flush): asks made meanwhile make it run once more when the current run
 * ends, never two runs at once. An ask's promise settles when the run that
 * covers it ends, with that run's error if it failed.
 */
export class Rerunnable {
  private current: Promise<void> | null = null;
  private again = false;

  constructor(private readonly job: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.current) {
      this.again = true;
      return this.current;
    }
    this.current = (async () => {
      try {
        do {
          this.again = false;
          await this.job();
        } while (this.again);
      } finally {
        this.current = null;
      }
    })();
    return this.current;
  }

  /** The run under way, if any. */
  get running(): Promise<void> | null {
    return this.current;
  }
}
