import { problemOf } from './client.js';
import { sleep } from './random.js';

/**
 * Retry a call on transport failures only (connection refused/reset while the
 * server restarts), with exponential backoff and jitter, as a device does
 * (DESIGN §3). A problem error is an answer and is rethrown, except the
 * transient ones a device also retries (rate-limited, 5xx).
 */
export async function withTransportRetry<T>(
  call: () => Promise<T>,
  onRetry: (err: unknown) => void = () => {},
  deadlineMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const problem = problemOf(err);
      const transient = problem === null || problem.type === 'rate-limited' || problem.status >= 500;
      if (!transient || Date.now() > deadline) throw err;
      onRetry(err);
      const backoff = Math.min(1000, 25 * 2 ** attempt);
      await sleep(backoff / 2 + Math.random() * (backoff / 2));
    }
  }
}
