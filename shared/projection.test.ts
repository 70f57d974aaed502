import { describe, expect, it } from 'vitest';
import { isUnappliedMovement, projectLevel } from './projection.js';

describe('projectLevel', () => {
  const stock = { onHand: 10, appliedSeq: 50 };

  it('is the server level when nothing is pending', () => {
    expect(projectLevel(stock, [])).toBe(10);
  });

  it('adds pending movements', () => {
    expect(
      projectLevel(stock, [
        { delta: -2, status: 'pending', ledgerSeq: null },
        { delta: 5, status: 'pending', ledgerSeq: null },
      ]),
    ).toBe(13);
  });

  it('ignores accepted movements already in the stock row and rejected ones', () => {
    expect(
      projectLevel(stock, [
        { delta: -3, status: 'accepted', ledgerSeq: 50 },
        { delta: -3, status: 'accepted', ledgerSeq: 12 },
        { delta: -4, status: 'rejected', ledgerSeq: null },
      ]),
    ).toBe(10);
  });

  it('adds accepted movements the device has not yet seen in the stock row', () => {
    expect(projectLevel(stock, [{ delta: -3, status: 'accepted', ledgerSeq: 51 }])).toBe(7);
  });

  it('starts from zero without a stock row', () => {
    expect(projectLevel(null, [{ delta: 4, status: 'pending', ledgerSeq: null }])).toBe(4);
  });

  it('treats an accepted movement without ledgerSeq as applied', () => {
    expect(isUnappliedMovement({ delta: 1, status: 'accepted', ledgerSeq: null }, 0)).toBe(false);
  });
});
