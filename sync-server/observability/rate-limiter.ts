/**
 * Per-key token bucket (DESIGN §8 per-device rate limits): `perSecond` tokens refill
 * continuously up to `burst`. Keys are device ids (or the client address before pairing).
 */
const MAX_KEYS = 100_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  take(key: string): boolean {
    const now = this.clock();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    // Re-inserted so the map stays in least-recently-used order; memory is bounded by evicting
    // the least recently used keys (clearing all would hand every abuser a fresh burst).
    this.buckets.delete(key);
    this.buckets.set(key, b);
    if (this.buckets.size > MAX_KEYS) this.buckets.delete(this.buckets.keys().next().value!);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
