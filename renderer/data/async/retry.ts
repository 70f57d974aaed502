/**
 * Retries for transport failures only (DESIGN §3): exponential backoff with
 * full jitter, capped, forever until aborted. A server verdict (a rejected
 * movement, a problem like invalid-input) is never retried here.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Random source in [0,1) (tests pin it). */
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

/** Delay before retry number `attempt` (0-based): uniform in [cap/2, cap], cap = min(max, base·2^attempt). */
export function backoffDelay(attempt: number, o: BackoffOptions = DEFAULT_BACKOFF): number {
  const cap = Math.min(o.maxMs, o.baseMs * 2 ** Math.min(attempt, 30));
  const r = (o.random ?? Math.random)();
  // Half fixed, half jitter: spreads many devices reconnecting after an outage
  // while keeping a floor so a flapping link is not hammered.
  return Math.round(cap / 2 + (cap / 2) * r);
}

export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

/** Sleep that ends early when `wake` fires (e.g. "sync now", browser back online) or throws when aborted. */
export function sleep(ms: number, signal: AbortSignal, wake?: EventTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new AbortedError());
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      wake?.removeEventListener('wake', done);
      resolve();
    };
    const onAbort = () => {
      clearTimeout(timer);
      wake?.removeEventListener('wake', done);
      reject(new AbortedError());
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', onAbort, { once: true });
    wake?.addEventListener('wake', done, { once: true });
  });
}

export interface RetryHooks {
  signal: AbortSignal;
  isTransportError(err: unknown): boolean;
  onTransportError?(err: unknown, attempt: number, delayMs: number): void;
  onSuccess?(): void;
  backoff?: BackoffOptions;
  wake?: EventTarget;
}

export async function withRetry<T>(fn: () => Promise<T>, hooks: RetryHooks): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    if (hooks.signal.aborted) throw new AbortedError();
    try {
      const result = await fn();
      hooks.onSuccess?.();
      return result;
    } catch (err) {
      if (hooks.signal.aborted) throw new AbortedError();
      if (!hooks.isTransportError(err)) throw err;
      const delay = backoffDelay(attempt, hooks.backoff);
      hooks.onTransportError?.(err, attempt, delay);
      await sleep(delay, hooks.signal, hooks.wake);
    }
  }
}
