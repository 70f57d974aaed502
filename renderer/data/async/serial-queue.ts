/**
 * Tasks that must not overlap run one after another, in the order they were queued. A failed
 * task fails only its own caller: the ones behind it still run. The device's one lock
 * primitive (the local-record writes, the outbox's two locks, the write lane, checkpoint saves).
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every task queued so far has settled. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
