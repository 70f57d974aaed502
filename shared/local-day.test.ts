import { describe, expect, it } from 'vitest';
import { localDay } from './local-day.js';

describe('localDay', () => {
  it("is the store's calendar day, not the device's or UTC's", () => {
    const t = Date.UTC(2026, 11, 1, 23, 30); // 23:30 UTC on 1 Dec
    expect(localDay(t, 'UTC')).toBe('2026-12-01');
    expect(localDay(t, 'Asia/Shanghai')).toBe('2026-12-02');
    expect(localDay(t, 'America/New_York')).toBe('2026-12-01');
  });

  it('an unknown zone counts as UTC instead of throwing', () => {
    expect(localDay(Date.UTC(2026, 0, 1, 12), 'Not/AZone')).toBe('2026-01-01');
  });
});
