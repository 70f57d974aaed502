import { describe, expect, it } from 'vitest';
import { computeDigest } from './digest.js';

describe('computeDigest', () => {
  const rows = [
    { productId: 'b', onHand: 3, appliedSeq: 7 },
    { productId: 'a', onHand: 0, appliedSeq: 9 },
  ];

  it('does not depend on row order', () => {
    expect(computeDigest(rows)).toBe(computeDigest([...rows].reverse()));
  });

  it('changes when a level or appliedSeq changes', () => {
    const base = computeDigest(rows);
    expect(computeDigest([{ ...rows[0]!, onHand: 4 }, rows[1]!])).not.toBe(base);
    expect(computeDigest([{ ...rows[0]!, appliedSeq: 8 }, rows[1]!])).not.toBe(base);
    expect(computeDigest(rows.slice(1))).not.toBe(base);
  });

  it('has a stable versioned format', () => {
    expect(computeDigest(rows)).toMatch(/^v1:2:[0-9a-f]{16}$/);
  });
});
