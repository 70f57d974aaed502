import { describe, expect, it } from 'vitest';
import { makeHarness, problemOf } from '../test-support/harness.js';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows a burst, refills over time, keeps keys apart', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.take('b')).toBe(true);
    now += 500; // one token back
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
  });

  it('refuses a device over its budget with a rate-limited problem', async () => {
    const h = await makeHarness();
    try {
      const staff = await h.pair('staff');
      const limiter = new RateLimiter(1, 2, () => 0);
      const api = h.caller(staff.token, { rateLimiter: limiter });
      await api.auth.whoami();
      await api.auth.whoami();
      expect((await problemOf(api.auth.whoami())).type).toBe('rate-limited');
    } finally {
      await h.cleanup();
    }
  });
});
