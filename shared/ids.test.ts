import { describe, expect, it } from 'vitest';
import { stockId, uuidv7 } from './ids.js';

describe('uuidv7', () => {
  it('is a version 7 RFC 9562 UUID', () => {
    expect(uuidv7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts by creation time', () => {
    const ids = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000].map((t) => uuidv7(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('is unique', () => {
    const now = Date.now();
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7(now))).size).toBe(1000);
  });

  it('builds stock ids', () => {
    expect(stockId('s1', 'p1')).toBe('s1:p1');
  });
});
